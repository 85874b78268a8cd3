"""anchor_pass: the one anchor pass of claims and attribution gives each stage what its own
scanners' passes give, found once per report and language."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import anchor_pass, attribution, claims
from khabar.model import Report

CODES = ["fr", "ar", "en", None]


def _scanners(code):
    lang = claims.compiled(code) if code else None
    mine = [getattr(lang, name) for name in claims.SCANNERS] if lang else []
    data = attribution._data(code)
    return lang, mine, [data[k].scanner() for k in attribution.GROUPS]


# text made of the words the patterns and cue literals themselves contain, so that anchors are frequent
_WORDS = sorted({w for code in CODES for sc in _scanners(code)[1] + _scanners(code)[2] if sc is not None
                 for w in re.findall(r"[^\W\d_]{2,}", sc.rx.pattern)} |
                {lit for code in CODES[:3] for lits in claims.compiled(code).cue_literals.values() for lit in lits})
_TEXTS = st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from([" ", " ", ", ", ". ", " « ", ": ", "'", "-"])),
                  max_size=80).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(CODES), _TEXTS)
def test_each_stage_gets_what_its_own_scanners_find(code, text):
    lang, mine, theirs = _scanners(code)
    found_mine, found_theirs, at = anchor_pass.hits(Report(raw=text, text=text, _norm=text), code)
    assert [sc.starts(text, hits) for sc, hits in zip(mine, found_mine)] == [sc.starts(text) for sc in mine]
    assert [sc and sc.openings(text, hits) for sc, hits in zip(theirs, found_theirs)] == \
           [sc and sc.openings(text) for sc in theirs]
    literals = lang.cue_literals if lang else {}
    assert at == {name: sorted(m.start() for lit in lits for m in re.finditer(f"(?={re.escape(lit)})", text))
                  for name, lits in literals.items()}


def test_one_pass_per_report_and_language_redone_for_a_new_text():
    report = Report(raw="", text="le ministère a indiqué", _norm="le ministère a indiqué")
    first = anchor_pass.hits(report, "fr")
    assert anchor_pass.hits(report, "fr") is first
    assert anchor_pass.hits(report, "en") is not first
    report._norm = "the ministry said"
    assert anchor_pass.hits(report, "fr") is not first


def test_the_hits_live_from_claims_to_attribution():
    # a report kept after the pipeline holds no copy of them
    from khabar.normalise import normalise
    text = "Trois civils ont été tués dans une frappe aérienne, a indiqué le ministère de la Défense."
    rep = Report(raw=text, text=text, lang="fr")
    normalise(rep, None)
    claims.claims(rep, None)
    assert rep.claims and rep._anchors is not None and "fr" in rep._anchors[1]
    attribution.attribution(rep, None)
    assert rep._anchors is None
