"""Reusable widgets: they draw what ``tui.views`` and the store hand them."""
