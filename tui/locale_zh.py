"""Simplified Chinese for every English UI string (see ``tui/i18n.py``)."""

ZH: dict[str, str] = {}
