"""Stage — mentions: every place, actor and source (outlet) the gazetteer knows, found in one
pass over the normalised text (see khabar.gazetteer for the keys: clitics, elision, articles,
transliteration variants, rapidfuzz for near misses; longest match wins).

Each Mention gets the provisional reading of its first candidate; `link` settles ambiguity.
`_entry` holds {"candidates": [entry dicts], "key", "fuzzy", "nstart", "nend"} for the linker.
With Config.discover, spaCy adds names outside the gazetteer as unlinked mentions (discover.py).
"""
from __future__ import annotations

from .gazetteer import split_tokens
from .model import Mention, Report


def _gazetteer(ctx):
    if ctx is not None and hasattr(ctx, "get_gazetteer"):
        return ctx.get_gazetteer()
    from .gazetteer import Gazetteer
    return Gazetteer.load()


def mentions(report: Report, ctx=None) -> Report:
    if not report.text:
        return report
    if not report._norm:
        from .normalise import normalise_text
        report._norm, report._norm_index = normalise_text(report.text)
    gaz = _gazetteer(ctx)
    cfg = getattr(ctx, "config", None)
    threshold = getattr(cfg, "fuzzy_threshold", 90.0)
    idx = report._norm_index
    report._split = split_tokens(report._norm)
    found = []
    text, entry = report.text, gaz.entries.__getitem__
    ordered, last = True, -1      # whether the starts ascend strictly (then found needs no sorting)
    for nstart, nend, key, indexes, score in gaz.spans(report._norm, text, idx, fuzzy=True,
                                                        fuzzy_threshold=threshold, split=report._split):
        start, end = idx[nstart], idx[nend - 1] + 1
        if start <= last:
            ordered = False       # (two names inside one character that normalises to several)
        last = start
        cands = list(map(entry, indexes))
        first = cands[0]
        found.append(Mention(start, end, text[start:end], first["kind"], first["id"], first["name"],
                             first.get("lat"), first.get("lon"), first.get("precision"),
                             {"candidates": cands, "key": key, "fuzzy": score, "nstart": nstart, "nend": nend}))
    # stages before may have added mentions of other kinds (dates, numbers): keep them
    kept = [m for m in report.mentions if m.kind not in ("place", "actor", "source")]
    report.mentions = found if ordered and not kept else sorted(kept + found, key=lambda m: (m.start, -m.end))
    if cfg is not None and getattr(cfg, "discover", False):
        from .discover import discover
        discover(report, ctx)
    return report
