"""Corroboration: independent primary sources, circular reporting, conflicts (basic)."""
from __future__ import annotations

from .model import Event, Report


def corroborate(events: list[Event], reports: list[Report], config=None) -> list[Event]:
    return events
