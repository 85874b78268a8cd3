"""Events: link claims of many reports that tell of the same happening (basic)."""
from __future__ import annotations

from .model import Event, Report


def link_events(reports: list[Report], config=None) -> list[Event]:
    events = []
    for rep in reports:
        for c in rep.claims:
            events.append(Event(id=f"ev-{rep.id}-{c.id}", type=c.type, claims=[f"{rep.id}#{c.id}"]))
    return events
