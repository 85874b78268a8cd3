"""The anchor pass claims and attribution share.

Both stages try their big alternations only near literal anchors (scan.Scanner), found by an
Aho-Corasick pass over the normalised text. For one language their anchors (claims' with the
literals of its gated cues) are looked for in one pass over the report: one automaton of
600-800 words costs little more than each stage's own (a pass each: ~140 us a bench report,
one: ~90). Its hits stay on the report (`Report._anchors`) until attribution, the later of the
two, has read them.
"""
from __future__ import annotations

from functools import lru_cache

from .model import Report
from .scan import ScanSet, AnchorHits


@lru_cache(maxsize=None)
def _joint(code: str | None) -> tuple[ScanSet, int]:
    """The ScanSet of claims' SCANNERS (with its cue literals) and attribution's GROUPS for
    language `code`, in that order, and how many of claims' come first (none where claims has no
    data for `code`: attribution then reads all languages, claims each one on its own)."""
    from . import attribution, claims       # (both read their hits here)
    lang = claims.compiled(code) if code else None
    mine = [getattr(lang, name) for name in claims.SCANNERS] if lang is not None else []
    data = attribution._data(code)
    theirs = [data[k].scanner() for k in attribution.GROUPS]
    return ScanSet(mine + theirs, lang.cue_literals if lang is not None else None), len(mine)


def hits(report: Report, code: str | None) -> tuple[list[AnchorHits | None], list[AnchorHits | None],
                                                    dict[str, list[int]]]:
    """In the report's normalised text, for language `code`: what the anchors of claims' SCANNERS
    hit, those of attribution's GROUPS (each None where it has no automaton: scan.ScanSet.hits),
    and where the literals of each of claims' gated cues begin. One pass per report and language."""
    norm = report._norm
    kept = report._anchors
    if kept is None or kept[0] is not norm:     # (none yet, or made for a text normalised since)
        kept = report._anchors = (norm, {})
    found = kept[1].get(code)
    if found is None:
        scan_set, n = _joint(code)
        by_scanner, at = scan_set.hits(norm)
        found = kept[1][code] = (by_scanner[:n], by_scanner[n:], at)
    return found
