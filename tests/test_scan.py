"""scan.Scanner yields exactly what `re.finditer` yields, only faster: checked on the real
attribution and claims patterns of every language over text built from their own words."""
from __future__ import annotations

import re
from re import _parser
from re._constants import MAXREPEAT

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar import attribution, claims
from khabar.normalise import normalise_text
from khabar.scan import (Scanner, anchors, anchors_back, char_positions, closing_parts, merged, most_spaces,
                         trie_branches, trie_regex, window_free, word_start_offsets)

GROUPS = ("prep", "verb", "continuation", "citing", "relay", "stops", "sources", "anaphora",
          "relay_previous", "breaks")


def _attribution_scanners():
    out = []
    for code in ("fr", "ar", "en"):
        data = attribution._data(code)
        for key in GROUPS:
            sc = data[key].scanner()
            if sc is not None:
                out.append((f"{code}:{key}", sc))
    return out


def _claims_scanners():
    out = []
    for code in ("fr", "ar", "en"):
        lang = claims.compiled(code)
        out.append((f"{code}:triggers", lang.trigger_scan))
    return out


SCANNERS = _attribution_scanners() + _claims_scanners()
# text made of the words the patterns themselves contain, so that matches are frequent
VOCAB = sorted({w for _, sc in SCANNERS for w in re.findall(r"[^\W\d_]{2,}", sc.rx.pattern)})
PUNCT = [" ", " ", " ", ", ", ". ", " « ", " » ", "\n", ": ", "'", "-", " 12 ", " al-", " ال"]


def _same(sc: Scanner, text: str) -> None:
    want = [(m.start(), m.end(), m.lastgroup) for m in sc.rx.finditer(text)]
    got = [(m.start(), m.end(), m.lastgroup) for m in sc.finditer(text)]
    assert got == want


@st.composite
def scanner_and_text(draw):
    """A scanner, and text mixing strings its own alternatives match with words and punctuation."""
    name, sc = draw(st.sampled_from(SCANNERS))
    matching = st.sampled_from(sc.alternatives).flatmap(lambda alt: st.from_regex(alt, fullmatch=True))
    parts = draw(st.lists(st.one_of(matching, st.sampled_from(VOCAB), st.sampled_from(PUNCT)),
                          min_size=3, max_size=60))
    return sc, "".join(parts)


@settings(max_examples=150, deadline=None)
@given(scanner_and_text())
def test_scanner_equals_finditer(case):
    sc, text = case
    _same(sc, text)


@pytest.mark.parametrize("name,sc", SCANNERS, ids=[n for n, _ in SCANNERS])
def test_scanner_equals_finditer_on_examples(name, sc, examples_texts):
    for raw in examples_texts:
        text, _ = normalise_text(raw)
        _same(sc, text)
        # a window of the text: the same as finditer's pos/endpos
        lo, hi = len(text) // 4, 3 * len(text) // 4
        assert [m.span() for m in sc.finditer(text, lo, hi)] == [m.span() for m in sc.rx.finditer(text, lo, hi)]


def test_scanner_skips_most_positions():
    # a pattern anchored on a literal is tried only near that literal
    rx = re.compile(r"(?<!\w)(?:(?:the )?(?:\w+ )?ministry of defence)")
    sc = Scanner(rx, [rx.pattern])
    text = "the syrian ministry of defence said " + "nothing happened here " * 50
    starts = sc.starts(text)
    assert starts is not None and len(starts) < 10
    assert [m.group() for m in sc.finditer(text)] == ["the syrian ministry of defence"]


def test_anchor_is_a_literal_every_match_contains():
    parsed = _parser.parse(r"(?:an? |the )?(?:local|field) sources?")
    found = anchors(parsed.data, parsed.state)
    assert found and all("source" in a for a in found)
    # an alternation without a common literal anchors on each branch
    parsed = _parser.parse(r"(?:airstrike|shelling)s?")
    assert set(anchors(parsed.data, parsed.state)) == {"airstrike", "shelling"}
    # a literal a match starts a bounded distance before wins over a longer one after "\w+ "
    parsed = _parser.parse(r"(?:fired|launched) (?:\w+ ){0,3}(?:rockets|mortars?)")
    assert anchors(parsed.data, parsed.state) == {"fired": 0, "launched": 0}
    # letters the parser takes out in front of an alternation ("ha" + s|ve|d) join each branch again
    parsed = _parser.parse(r"(?:has|have|had) (?:\w+ ){0,2}(?:said|told)")
    assert anchors(parsed.data, parsed.state) == {"has": 0, "have": 0, "had": 0}
    parsed = _parser.parse(r"(?:shot|shell)s? (?:\w+ )?dead")
    assert anchors(parsed.data, parsed.state) == {"shot": 0, "shell": 0}
    # "ل|لل" parses as "ل" then an optional "ل": every match ends with "ل", which opens the words after
    # it; taken only where nothing else anchors ("ل" with "زج" is a word, "زج" alone too short)
    parsed = _parser.parse(r"(?:ل|لل)(?:قتال|زج)")
    assert anchors(parsed.data, parsed.state) == {"لقتال": 1, "لزج": 1}
    parsed = _parser.parse(r"(?:the|these) (?:ab|abc)(?:de|fg) attack")
    assert anchors(parsed.data, parsed.state) == {" attack": 11}
    # a literal of two letters only when asked for, and where there is no longer one
    parsed = _parser.parse(r"(?:ال)?فر(?:ت|وا)?")
    assert anchors(parsed.data, parsed.state) is None
    assert anchors(parsed.data, parsed.state, shortest=2) == {"فر": 2}
    parsed = _parser.parse(r"فر (?:ال)?مدنيون")
    assert anchors(parsed.data, parsed.state, shortest=2) == {"مدنيون": 5}


@pytest.mark.parametrize("pattern,spaces", [
    (r"(?:\w+ ){0,3}dit", 3), (r"fait (?:savoir|part)", 1), (r"a(?= b)c", 0), (r"[\w']+ ", 1),
    (r"[a-z ]{2}", 2), (r"\w+\s", 1), (r"(?:\w+ )+", MAXREPEAT), (r"a.b", 1), (r"[^x]", 1)])
def test_most_spaces_bounds_the_spaces_of_every_match(pattern, spaces):
    assert most_spaces(_parser.parse(pattern).data) == spaces


def test_anchors_back_counts_spaces_before_the_anchor_where_characters_have_no_bound():
    parsed = _parser.parse(r"(?:a|ont) (?:\w+ ){0,3}(?:dit|fait savoir)")
    assert anchors_back(parsed.data, parsed.state) == {"dit": (MAXREPEAT, 4, 2), "fait savoir": (MAXREPEAT, 4, 2)}
    parsed = _parser.parse(r"(?:the )?(?:\w+(?:'s)? )?ministry of defence")
    assert anchors_back(parsed.data, parsed.state) == {"ministry of defence": (MAXREPEAT, 2, 0)}
    parsed = _parser.parse(r"the (?:(?:uk|britain)-based )?(?:monitor|observatory)")
    assert anchors_back(parsed.data, parsed.state) == {"monitor": (18, 2, 4), "observatory": (18, 2, 4)}


def test_a_match_is_tried_only_a_few_words_before_an_anchor_with_no_bound_in_characters():
    # (and not on the anchor itself, which a match opens two characters before at least)
    rx = re.compile(r"(?<!\w)(?:(?:a|ont) (?:\w+ ){0,3}dit)(?!\w)")
    sc = Scanner(rx, [rx.pattern])
    text = "un deux trois quatre cinq six sept ont un deux trois dit"
    assert [text[p:p + 3] for p in sc.starts(text)] == ["ont", "un ", "deu", "tro"]
    _same(sc, text)


@pytest.fixture(scope="module")
def examples_texts():
    from pathlib import Path
    root = Path(__file__).resolve().parents[1] / "examples"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("*.txt"))]
    assert texts
    return texts


@pytest.mark.parametrize("pattern, text", [
    (r"(?<!\w)(?:(?:air|helicopter)?[- ]?landing operations?)", "took control -landing operation"),
    (r"(?<!\w)(?:(?:the )?\S+ ministry)", "said , -the ministry of defence"),
])
def test_an_anchored_alternative_that_may_open_on_a_mark_is_tried_there(pattern, text):
    rx = re.compile(pattern)
    _same(Scanner(rx, [rx.pattern]), text)


def test_words_are_tried_only_where_an_unanchored_alternative_matches():
    # "f" is too short to anchor on: word starts with "a" or "f" are kept only where it matches
    rx = re.compile(r"(?<!\w)(?:(?:al)?f(?!\w)|(?:the )?ministry)")
    sc = Scanner(rx, [r"(?<!\w)(?:al)?f", r"(?<!\w)(?:the )?ministry"])
    text = "after all alf and fact, f and the ministry"
    assert sc.starts(text) == [10, 18, 24, 30, 34]
    _same(sc, text)
    # a literal of two letters ("fa") anchors where there is no longer one
    sc = Scanner(rx, [r"(?<!\w)(?:al)?fa", r"(?<!\w)(?:the )?ministry"])
    assert sc._first_rx is None and "fa" in sc._back


@pytest.mark.parametrize("pattern, free", [
    (r"(?<!\w)(?:al)?fa", True),
    (r"(?<!\w)fa(?=\w+ ministry)", True),
    (r"(?<!\w)fa(?!\w)", False),
    (r"fa\b", False),
    (r"fa$", False),
    (r"(?<!(?=x)\w)fa", False),
])
def test_window_free(pattern, free):
    assert window_free(_parser.parse(pattern).data) is free


def test_a_window_ending_inside_a_word_is_matched_as_finditer():
    # (?!\w) holds at the end of the window "fa|b": the check of whole-text matches is not used
    rx = re.compile(r"(?<!\w)(?:fa(?!\w))")
    sc = Scanner(rx, [rx.pattern])
    assert [m.span() for m in sc.finditer("fab", 0, 2)] == [m.span() for m in rx.finditer("fab", 0, 2)] == [(0, 2)]


def test_a_word_end_is_left_out_of_the_check_of_whole_text_matches():
    # "to" is too short to anchor on: of the words opening with "t" only those opening with "to" are
    # tried ("told" too: a window may end inside it, at "to|ld", where "to" matches)
    rx = re.compile(r"(?<!\w)(?:to)(?!\w)")
    sc = Scanner(rx, [rx.pattern])
    text = "the tanks went to the town he told them"
    assert sc.starts(text) == [15, 22, 30]
    _same(sc, text)
    assert [m.span() for m in sc.finditer(text, 0, 32)] == [m.span() for m in rx.finditer(text, 0, 32)] == [
        (15, 17), (30, 32)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab_1 ,.'-\néال٠َ"), max_size=40))
def test_word_start_offsets_are_where_a_word_character_follows_none(text):
    assert word_start_offsets(text) == [m.start() for m in re.finditer(r"(?<!\w)\w", text)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(-5, 60), st.integers(0, 30), st.integers(0, 7)), max_size=8))
def test_merged_ranges_hold_the_same_positions_apart_and_ascending_with_their_bits_joined(spans):
    ranges = [(lo, lo + width, bits) for lo, width, bits in spans]
    covered = {p for lo, hi, _ in ranges for p in range(lo, hi + 1)}
    out = merged(list(ranges))
    assert {p for lo, hi, _ in out for p in range(lo, hi + 1)} == covered
    assert all(hi < lo2 for (_lo, hi, _), (lo2, _hi, _) in zip(out, out[1:]))
    for lo, hi, bits in out:        # a run's bits: those of the ranges it holds, joined
        joined = 0
        for a, b, m in ranges:
            if lo <= a and b <= hi:
                joined |= m
        assert bits == joined


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab :;؛«\n"), max_size=40))
def test_char_positions_are_where_a_class_of_those_characters_matches(text):
    assert sorted(char_positions(text, ":;؛")) == [m.start() for m in re.finditer("[:;؛]", text)]


def test_trie_branches_are_the_trie_alternation():
    words = ["trois", "trente", "treize", "deux", "dix", "مئه", "مئات", "a b"]
    assert "(?:" + "|".join(trie_branches(words)) + ")" == trie_regex(words)
    assert trie_branches([]) == [] and trie_regex([]) == "(?!)"
    assert trie_branches(["deux"]) == [trie_regex(["deux"])]


_ENDING_ON_END = [r"^(?![\s\S]*ab (?:ل|لل)$)[\s\S]*(?<!\w)(?:ل|لل)$", r"x\w*(?: \S+){0,2} (?:ال)?$", r"\s+(?:b|bc)?\.$"]


def test_the_closing_part_is_what_follows_the_last_unbounded_item():
    parsed = _parser.parse(r"(?:^[\s\S]*(?<!\w)(?:ل|لل)$)|(?:\d+ (?:a|bc)$)")
    rx, most = closing_parts([alt for alt in parsed.data[0][1][1]], parsed.state)
    assert most == len(" bc")
    assert [bool(rx.search(t)) for t in ("x ل", "xال", "x لل\n", "12 a", "12a")] == [True, False, True, True, False]
    # (one that may match empty closes every window: no gate)
    assert closing_parts([_parser.parse(r"a\w*$").data], parsed.state) is None


@given(st.text(alphabet="abxل ال\n.", max_size=30))
def test_a_match_ending_on_the_end_holds_its_closing_part_in_the_last_characters(text):
    for pattern in _ENDING_ON_END:
        parsed = _parser.parse(pattern)
        rx, most = closing_parts([parsed.data], parsed.state)
        if re.search(pattern, text):
            assert rx.search(text, max(0, len(text) - 1 - most))
