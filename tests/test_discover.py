"""Optional discovery with spaCy: names outside the gazetteer as unlinked mentions."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from khabar import discover as disc
from khabar.config import Config
from khabar.mentions import mentions
from khabar.model import Report
from khabar.normalise import normalise
from khabar.pipeline import Context


class FakeNLP:
    """A stand-in for a spaCy pipeline: tags the given substrings with labels."""

    def __init__(self, tags):
        self.tags = tags
        self.calls = 0

    def __call__(self, text):
        self.calls += 1
        ents = []
        for sub, label in self.tags:
            i = text.find(sub)
            if i >= 0:
                ents.append(SimpleNamespace(text=sub, label_=label, start_char=i, end_char=i + len(sub)))
        return SimpleNamespace(ents=ents)


TEXT = "Les miliciens de Daech ont attaqué Kharbet Zorzor, selon Abou Mohammed al-Jazrawi. L’attaque a échoué."


def run(ctx):
    rep = Report(raw=TEXT, text=TEXT)
    normalise(rep, ctx)
    mentions(rep, ctx)
    return rep


def test_discovery_adds_unknown_names_as_unlinked_mentions():
    nlp = FakeNLP([("Daech", "LOC"), ("Kharbet Zorzor", "LOC"), ("Abou Mohammed al-Jazrawi", "PER"), ("L’", "LOC")])
    ctx = Context(config=Config(discover=True), nlp=nlp)
    rep = run(ctx)
    got = {(m.text, m.kind, m.id) for m in rep.mentions}
    daech = TEXT.index("Daech")
    assert any(m.id == "islamic-state" and m.start <= daech < m.end for m in rep.mentions)   # not spaCy's LOC
    assert ("Kharbet Zorzor", "place", None) in got
    assert ("Abou Mohammed al-Jazrawi", "person", None) in got
    assert not any(m.text.startswith("L’") for m in rep.mentions)
    assert nlp.calls == 1


def test_no_discovery_unless_asked(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("spaCy loaded although discovery is off")
    monkeypatch.setattr(disc, "load_nlp", boom)
    rep = run(Context(config=Config(discover=False)))
    assert all(m.id is not None for m in rep.mentions)


@pytest.mark.slow
def test_discovery_with_the_french_spacy_model():
    pytest.importorskip("fr_core_news_sm")
    ctx = Context(config=Config(discover=True))
    rep = run(ctx)
    assert ctx.nlp is not None
    assert any(m.id == "islamic-state" and m.kind == "actor" for m in rep.mentions)
    assert not any("Daech" in m.text and m.id is None for m in rep.mentions)
