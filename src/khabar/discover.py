"""Optional discovery (`--discover`): names the gazetteer does not know, found by spaCy's NER.

spaCy's French model (fr_core_news_sm) is passed in as `ctx.nlp`, or loaded lazily the first
time discovery runs. Its entities become unlinked mentions (id None) of kind person, place or
actor; they never override a gazetteer mention (spaCy tags "Daech" as a place and "L'" as a
location: anything overlapping a gazetteer mention, or whose key the gazetteer knows, is
dropped), and entities without a capitalised letter or shorter than three letters are ignored.
"""
from __future__ import annotations

from .model import Mention, Report

MODEL = "fr_core_news_sm"
KINDS = {"PER": "person", "PERSON": "person", "LOC": "place", "GPE": "place", "ORG": "actor", "NORP": "actor"}
_NLP = None


def load_nlp(name: str = MODEL):
    """The spaCy pipeline used for discovery, loaded once (NER only)."""
    global _NLP
    if _NLP is None:
        import spacy
        _NLP = spacy.load(name, exclude=["lemmatizer", "morphologizer", "attribute_ruler"])
    return _NLP


def discover(report: Report, ctx=None) -> Report:
    nlp = getattr(ctx, "nlp", None) if ctx is not None else None
    if nlp is None:
        nlp = load_nlp()
        if ctx is not None:
            ctx.nlp = nlp
    from .gazetteer import Gazetteer, skeleton
    gaz = ctx.get_gazetteer() if ctx is not None and hasattr(ctx, "get_gazetteer") else Gazetteer.load()
    known = [(m.start, m.end) for m in report.mentions]
    new = []
    for ent in nlp(report.text).ents:
        kind = KINDS.get(ent.label_)
        text = ent.text.strip(" '’\"«»")
        if kind is None or len(text) < 3 or not any(c.isupper() for c in text[:1] + text[1:2]) and \
                not any("\u0600" <= c <= "\u06ff" for c in text):
            continue
        start = ent.start_char + ent.text.find(text)
        end = start + len(text)
        if any(s < end and start < e for s, e in known):
            continue
        if skeleton(text) in gaz.index:
            continue
        new.append(Mention(start, end, text, kind, None, None, _entry={"discovered": True, "label": ent.label_}))
        known.append((start, end))
    if new:
        report.mentions = sorted(report.mentions + new, key=lambda m: (m.start, -m.end))
    return report
