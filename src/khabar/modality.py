"""Stage — modality: how each claim is told.

denied (the text reports a denial of it) > hedged (conditional or "reportedly": French
"aurait", "serait"; "يُزعم"; "according to unconfirmed reports") > alleged (an intention or a
plan: "veut", "plans to", "يهدف") > reported (attributed to a source: `claim.sources`, set by the
attribution stage, which runs before) > asserted (the outlet states it). Cues are per-language
data (data/lang/<lang>/modality.json) matched on the normalised text of the claim's clause up to
its trigger, or of its whole sentence for sentence-wide cues.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from re import _parser

from . import langdata
from .model import Claim, Report
from .normalise import norm_char, normalise_text
from .scan import anchors

ORDER = ("denied", "hedged", "alleged")


def _npat(p: str) -> str:
    return "".join(norm_char(c) if ord(c) >= 128 else c for c in p)


def _rx(frags: list[str], prefix: str = "") -> re.Pattern | None:
    if not frags:
        return None
    return re.compile("(?<!\\w)" + prefix + "(?:" + "|".join(f"(?:{_npat(f)})" for f in frags) + ")")


class _Cue:
    """A cue regex and the literals one of which each of its matches contains ("reportedly",
    " said to" …): a text holding none of them, found in one Aho-Corasick pass, is settled
    without trying the regex at every position (most texts hold no cue)."""

    __slots__ = ("rx", "_literals")

    def __init__(self, rx: re.Pattern):
        self.rx = rx
        self._literals = None        # None: no such literals known, the regex decides alone
        parsed = _parser.parse(rx.pattern, rx.flags)
        found = None if rx.flags & re.IGNORECASE else anchors(parsed.data, parsed.state)
        if found:
            import ahocorasick
            self._literals = ahocorasick.Automaton()
            for lit in found:
                self._literals.add_word(lit, lit)
            self._literals.make_automaton()

    def search(self, text: str) -> bool:
        if self._literals is not None and next(self._literals.iter(text), None) is None:
            return False
        return self.rx.search(text) is not None


def _cue(frags: list[str], prefix: str = "") -> _Cue | None:
    rx = _rx(frags, prefix)
    return None if rx is None else _Cue(rx)


@lru_cache(maxsize=None)
def compiled(code: str) -> dict[str, _Cue | re.Pattern | None]:
    d = langdata.lang("modality", code) or {}
    pre = _npat(d.get("word_prefix", ""))      # clitics written on a cue ("ويرجح": and it is likely)
    out = {k: _cue(d.get(k, []), pre) for k in ("hedged_before", "hedged_sentence", "alleged_before",
                                                 "denied_before", "denied_sentence", "hedged_next")}
    # the cues of every kind in one regex: most claims have none, settled by two searches, not six
    out["any_before"] = _cue([f for kind in ORDER for f in d.get(f"{kind}_before", [])], pre)
    out["any_sentence"] = _cue([f for kind in ORDER for f in d.get(f"{kind}_sentence", [])], pre)
    out["dependent_clause"] = _rx(d.get("dependent_clause", []))
    return out


@lru_cache(maxsize=None)
def _tables(code: str | None) -> list[dict]:
    codes = [code] if code and langdata.lang("modality", code) else list(langdata.all_langs("modality"))
    return [compiled(c) for c in codes]


def _hit(cue: _Cue | None, text: str) -> bool:
    return cue is not None and cue.search(text)


def claim_modality(claim: Claim, norm: str, n, sentence: tuple[int, int] | None, tables: list[dict]) -> str:
    """The modality of one claim; `n` maps a clean-text offset to a normalised one."""
    t0, t1 = getattr(claim, "_trigger", None) or (claim.evidence.start, claim.evidence.end)
    c0 = min(claim.evidence.start, t0)
    if sentence and sentence[0] < c0 and any(tab["dependent_clause"] is not None and
                                             tab["dependent_clause"].match(norm, n(c0)) for tab in tables):
        # ", detaining two people": a clause that goes on from the one before is told as that one is
        c0 = sentence[0]
    # a noun trigger's verb may follow it ("l'offensive aurait été pilotée")
    after = 30 if getattr(claim, "_noun", False) else 0
    before = norm[n(max(c0, t0 - 160)):n(t1) + after]
    sent = norm[n(sentence[0]):n(sentence[1])] if sentence else before
    cued = any(_hit(tab["any_before"], before) or _hit(tab["any_sentence"], sent) for tab in tables)
    for kind in ORDER:
        if cued:
            for tab in tables:
                if _hit(tab.get(f"{kind}_before"), before) or _hit(tab.get(f"{kind}_sentence"), sent):
                    return kind
        if kind == "alleged" and getattr(claim, "_modality_hint", None) == "alleged":
            return "alleged"
    return "reported" if claim.sources else "asserted"


def modality(report: Report, ctx=None) -> Report:
    if not report.claims:
        return report
    if not report._norm or len(report._norm_index) != len(report._norm):
        report._norm, report._norm_index = normalise_text(report.text)
    idx = report._norm_index
    size = len(idx)

    if idx and idx[-1] == size - 1:
        # the identity map (nothing dropped or expanded, as in most Latin-script text): bisect
        # would find every offset where it is
        def n(t: int) -> int:
            return t if 0 <= t <= size else (0 if t < 0 else size)
    else:
        def n(t: int) -> int:
            return bisect.bisect_left(idx, t)

    for c in report.claims:
        lang = getattr(c, "_lang", None)
        code = getattr(lang, "code", None) or report.lang
        sent = getattr(c, "_sent_span", None)
        si = c._sentence
        if sent is None and si is not None and 0 <= si < len(report.sentences):
            s = report.sentences[si]
            sent = (s.start, s.end)
        c.modality = claim_modality(c, report._norm, n, sent, _tables(code))
        if c.modality in ("asserted", "reported") and _disclaimed(report, c, n, _tables(code)):
            c.modality = "hedged"
    return report


def _disclaimed(report: Report, c: Claim, n, tables: list[dict]) -> bool:
    """The sentence right after the claim's last one, in the same paragraph, says it could not be
    verified ("AFP could not independently verify the toll", "لم يتسنَّ التحقق من ذلك")."""
    sents = report.sentences
    last = max(getattr(c, "_sents", None) or ({c._sentence} if c._sentence is not None else {-1}))
    if not 0 <= last < len(sents) - 1:
        return False
    cur, nxt = sents[last], sents[last + 1]
    if "\n" in report.text[cur.end:nxt.start]:
        return False          # another paragraph
    text = report._norm[n(nxt.start):n(nxt.end)]
    return any(_hit(tab.get("hedged_next"), text) for tab in tables)
