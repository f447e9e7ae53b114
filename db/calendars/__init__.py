"""Calendars of shifts and meetings: iCalendar and CSV exports, subscribable feeds.

Pure of any UI: the words a calendar shows come in as a ``CalendarWords``.
"""
