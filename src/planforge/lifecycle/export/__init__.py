"""Exports to the tools officers already use: calendars (ICS), ledgers (XLSX, CSV)."""
