"""Stage — link (basic; deepened by its issue)."""
from __future__ import annotations

from .model import Report


def link(report: Report, ctx=None) -> Report:
    return report
