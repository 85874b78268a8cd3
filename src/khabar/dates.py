"""Stage — dates (basic; deepened by its issue)."""
from __future__ import annotations

from .model import Report


def dates(report: Report, ctx=None) -> Report:
    return report
