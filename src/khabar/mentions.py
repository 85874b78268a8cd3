"""Stage — mentions (basic; deepened by its issue)."""
from __future__ import annotations

from .model import Report


def mentions(report: Report, ctx=None) -> Report:
    return report
