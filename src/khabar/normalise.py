"""Stage 4 — normalise: a matching form of the clean text with a map back to it, and sentences.

Arabic letter variants, tatweel and diacritics; Latin diacritics and case; quote, apostrophe
and hyphen variants; Arabic-Indic digits. `report._norm_index[i]` is the offset in
report.text of normalised character i, so any span found in the normalised text maps back.
"""
from __future__ import annotations

import re
import unicodedata
from re import _parser

from .model import Report, Segment
from .scan import last_chars

# one character in -> zero or more characters out; built once
_TABLE: dict[int, str] = {}
for _c in "\u2019\u2018\u02bc\u02bb`\u00b4\u2032":
    _TABLE[ord(_c)] = "'"
for _c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u0640":   # hyphens, dashes; tatweel removed below
    _TABLE[ord(_c)] = "-"
_TABLE[0x0640] = ""                                            # tatweel
for _c in "\u201c\u201d\u00ab\u00bb\u201e\u201f":
    _TABLE[ord(_c)] = '"'
for _a, _b in {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
               "ک": "ك", "ی": "ي", "\u00a0": " ", "\u202f": " ", "\u2009": " "}.items():
    _TABLE[ord(_a)] = _b
for _i in range(10):
    _TABLE[0x0660 + _i] = str(_i)     # Arabic-Indic digits
    _TABLE[0x06F0 + _i] = str(_i)     # Persian digits
for _c in range(0x064B, 0x0653):      # Arabic harakat, shadda, sukun
    _TABLE[_c] = ""
_TABLE[0x0670] = ""                   # superscript alef
for _c in (0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0xFEFF, 0x00AD):
    _TABLE[_c] = ""                   # zero-width and bidi controls

SENTENCE = re.compile(r"[^.!?؟\n]+(?:[.!?؟]+[\"»”’)]*|\n|$)")
ABBREV = re.compile(r"(?:\b[A-Z]|\bSt|\bDr|\bM|\bMr|\bMrs|\bRep|\bGen|\bCol|\bLt|\bSgt|\bNo|\bvs|\betc)\.$")
# the characters an abbreviation ends with (read from ABBREV, less its "\.$"): a piece whose "."
# follows another character is no abbreviation, and ABBREV is not searched
_ABBREV_LAST = frozenset(last_chars(_parser.parse(ABBREV.pattern).data[:-2])[0])


def norm_char(ch: str) -> str:
    mapped = _TABLE.get(ord(ch))
    if mapped is not None:
        return mapped
    if ord(ch) < 128:
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    low = base.lower()
    return low if len(low) <= 2 else base


class _CharMap(dict):
    """ord -> norm_char, filled on first sight of a character; a str.translate table."""

    def __missing__(self, o: int) -> str:
        n = norm_char(chr(o))
        if len(n) != 1:
            (_DROPPED if not n else _EXPANDED).add(chr(o))
        elif o >= 128 and n == chr(o):
            _PLAIN.add(n)
        self[o] = n
        return n


_MAP = _CharMap()
_DROPPED: set[str] = set()    # characters that normalise to nothing
_EXPANDED: set[str] = set()   # characters that normalise to two
_PLAIN: set[str] = set()      # non-ASCII characters seen that normalise to themselves
# ASCII characters that normalise to their lowercase: all but the few _TABLE maps ("`"), which
# lowercasing leaves as they are (_translate relies on it)
_ASCII_PLAIN = "".join(c for c in map(chr, range(128)) if norm_char(c) == c.lower())
assert all(c == c.lower() for c in map(chr, range(128)) if c not in _ASCII_PLAIN)


_DROP_RE: list = [None, -1]   # a regex of the runs of _DROPPED characters, and the set size it was built for


def _drop_runs() -> re.Pattern:
    if _DROP_RE[1] != len(_DROPPED):
        chars = sorted(_DROPPED)
        _DROP_RE[:] = [re.compile("[" + "".join(re.escape(c) for c in chars) + "]+"), len(chars)]
    return _DROP_RE[0]


_EXPAND_RE: list = [None, -1]   # the same for the characters of _EXPANDED


def _expand_chars() -> re.Pattern:
    if _EXPAND_RE[1] != len(_EXPANDED):
        _EXPAND_RE[:] = [re.compile("[" + "".join(re.escape(c) for c in sorted(_EXPANDED)) + "]"), len(_EXPANDED)]
    return _EXPAND_RE[0]


_SPECIAL_RE: list = [None, -1]   # a regex of the characters not plain, and the _PLAIN size it was built for


def _translate(text: str) -> str:
    """text.translate(_MAP), in C passes: str.translate looks every character up in a dict,
    which costs more than the rest of the stage. ASCII is lowercased by bytes.lower() (which
    touches nothing else), then each distinct character that is not plain (ASCII that
    normalises to its lowercase, or a character known to normalise to itself) is replaced."""
    if _SPECIAL_RE[1] != len(_PLAIN):
        chars = _ASCII_PLAIN + "".join(sorted(_PLAIN))
        _SPECIAL_RE[:] = [re.compile("[^" + "".join(map(re.escape, chars)) + "]"), len(_PLAIN)]
    specials = set(_SPECIAL_RE[0].findall(text))
    changes = [(c, n) for c in specials if (n := _MAP[ord(c)]) != c]
    if any(not specials.isdisjoint(n) for _, n in changes):
        return text.translate(_MAP)      # a replacement that a later one would change again
    norm = text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    for c, n in changes:
        norm = norm.replace(c, n)
    return norm


_COUNT: list[int] = []     # 0, 1, 2, ...: offset maps are sliced from it, no int made per character
_COUNT_MAX = 1 << 18       # (longer texts, rare, make their own)


def _offsets(a: int, b: int) -> list[int]:
    """list(range(a, b)), cheaper: a slice of _COUNT, grown as texts need."""
    if b > len(_COUNT):
        if b > _COUNT_MAX:
            return list(range(a, b))
        _COUNT.extend(range(len(_COUNT), b))
    return _COUNT[a:b]


def normalise_text(text: str) -> tuple[str, list[int]]:
    """The normalised form of `text` and, per normalised character, its offset in `text`.

    A translation over a table filled as characters are first seen. The offset map is
    the identity unless the text holds a character that normalises to nothing (the identity
    with those runs cut out) or to two characters (then built character by character).
    """
    norm = _translate(text)
    # every character of `text` is now in _MAP (_translate looked up all not seen before), so in
    # _DROPPED/_EXPANDED where it belongs (a regex scans the text faster than a Python set does).
    # With none expanded, every character gives one or none: a result as long as the text is the
    # identity map.
    expanded = bool(_EXPANDED) and _expand_chars().search(text) is not None
    if not expanded:
        if len(norm) == len(text):
            return norm, _offsets(0, len(text))
        # the identity with the runs of dropped characters cut out
        index: list[int] = []
        pos = 0
        for m in _drop_runs().finditer(text):
            index += _offsets(pos, m.start())
            pos = m.end()
        index += _offsets(pos, len(text))
        return norm, index
    cmap = _MAP
    index: list[int] = []
    for i, ch in enumerate(text):
        n = len(cmap[ord(ch)])
        if n == 1:
            index.append(i)
        elif n:
            index.extend([i] * n)
    return norm, index


def sentences(text: str) -> list[Segment]:
    """Sentence spans of the clean text (paragraph breaks always end a sentence)."""
    spans: list[Segment] = []
    start = None
    n = len(text)
    for m in SENTENCE.finditer(text):
        s, e = m.span()
        if start is None:
            start = s
        # "Rep." or "U.S." do not end a sentence. ABBREV ends in "." at the end of the piece and
        # spans at most 5 characters: only a piece ending in "." is tried, on its tail (searched
        # in place: a piece never opens after a word character, so its \b reads the same)
        if text[e - 1] == "." and e < n and text[e - 2] in _ABBREV_LAST and ABBREV.search(text, max(start, e - 5), e):
            continue
        if text[e - 1] == "." and e < n and e >= 2 and text[e].isdigit() and text[e - 2].isdigit():
            continue          # "1.200 détenus", "2.5 km": a point inside a number
        seg_text = text[start:e]
        body = seg_text.lstrip()
        lead = len(seg_text) - len(body)
        body = body.rstrip()
        if body:
            spans.append(Segment(start + lead, start + lead + len(body)))
        start = None
    return spans


def normalise(report: Report, ctx=None) -> Report:
    report._norm, report._norm_index = normalise_text(report.text)
    report.sentences = sentences(report.text)
    # a sentence takes the language of the paragraph it starts in: both lists ascend and the
    # paragraphs do not overlap, so one walk along the paragraphs serves every sentence
    paras = report.paragraphs
    k = 0
    for seg in report.sentences:
        while k < len(paras) and paras[k].end <= seg.start:
            k += 1
        if k < len(paras) and paras[k].start <= seg.start:
            seg.lang = paras[k].lang
    return report
