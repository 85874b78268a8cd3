"""Stage 3 — language: per paragraph and per report, with lingua.

Mixed-language reports exist (an English caption in a French article, an Arabic quote in an
English one), so every paragraph gets its own language and the report takes the language
that covers most of its characters.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import langdata
from .model import Report, Segment
from .scan import trie_regex

PARAGRAPH = re.compile(r"[^\n]+")
ARABIC = re.compile(r"[\u0600-\u06FF]")
NOT_LETTER = re.compile(r"[\W\d_]+")
NOT_ARABIC = re.compile(r"[^\u0600-\u06FF]+")
# (the Arabic block first: `re` tests a class's items in order, and most characters tested are Arabic)
NON_ARABIC_LETTER = re.compile(r"[^\u0600-\u06FF\W\d_]")
THREE_LETTERS = re.compile(r"(?:[\W\d_]*[^\W\d_]){3}")


def _letters(head: str) -> tuple[int, int]:
    """(letters, letters in Arabic script) of a text's head, as far as the decisions read them
    (at least 3 letters? more than 60% Arabic? any Arabic?). Most text has no Arabic script at
    all: that one C scan answers the second, and the first needs counting only up to 3. Most
    Arabic text has no other letters: a second scan tells, and both counts are one number, needed
    only up to 3. Only text mixing the two is counted in full."""
    if head.isascii() or ARABIC.search(head) is None:     # (isascii reads a flag of the string)
        return (3 if THREE_LETTERS.match(head) else 0), 0
    if NON_ARABIC_LETTER.search(head) is None:
        n = 3 if THREE_LETTERS.match(head) else len(NOT_LETTER.sub("", head))
        return n, n
    letters = NOT_LETTER.sub("", head)
    return len(letters), len(NOT_ARABIC.sub("", letters))


@lru_cache(maxsize=1)
def default_detector():
    """A lingua detector for the languages khabar reads (plus neighbours it must not confuse)."""
    from lingua import Language, LanguageDetectorBuilder

    langs = [Language.FRENCH, Language.ARABIC, Language.ENGLISH, Language.SPANISH,
             Language.GERMAN, Language.ITALIAN, Language.PERSIAN, Language.TURKISH]
    # low-accuracy mode (trigrams only) is 2.5x faster and gave the same answer on all of ~3,800
    # paragraphs of generated, seed and ACLED text: it errs on short texts, which are not judged alone
    return LanguageDetectorBuilder.from_languages(*langs).with_low_accuracy_mode().build()


@lru_cache(maxsize=256)
def _default_detect(sample: str):
    # clean judges a report's caption lines and language its paragraphs: the same lines are
    # judged once. Emptied after each report (language()), so the cache never spans reports.
    return default_detector().detect_language_of(sample)


# hits of one language's function words that settle a paragraph, when they outnumber every other
# language's FUNCTION_WORDS_LEAD times. 3 (it was 5) leaves lingua 40% of the paragraphs it had: on
# all ~78,000 paragraphs and caption lines of 15,000 generated reports, the seeds, the ACLED notes and
# examples/, lingua said the same of every paragraph 3 or 4 settle (at 2 it did not: a sentence of
# two English function words and a French place name is German to it)
FUNCTION_WORDS_MIN = 3
FUNCTION_WORDS_LEAD = 5
WORD = re.compile(r"[^\W\d_]+")
# WORD for text below U+2070 (Latin, Greek, Cyrillic, Arabic and the quotes and dashes of
# General Punctuation), as an explicit class: twice as fast as WORD's category tests
WORD_LOW = re.compile("[" + re.escape("".join(c for c in map(chr, range(0x2070)) if WORD.fullmatch(c))) + "]+")
BEYOND_LOW = re.compile("[^\x00-\u206f]")


@lru_cache(maxsize=1)
def _function_words() -> dict[str, str]:
    """word -> language, for the function words no two languages share."""
    seen: dict[str, set[str]] = {}
    for code, data in langdata.all_langs("language").items():
        for w in data.get("function_words", []):
            seen.setdefault(w.casefold(), set()).add(code)
    return {w: next(iter(codes)) for w, codes in seen.items() if len(codes) == 1}


@lru_cache(maxsize=1)
def _function_word_re() -> re.Pattern:
    """The function words as whole words of text below U+2070 (runs of WORD_LOW's letters), each
    with the character before it: findall gives the words of such a text that are function words
    without making a string of every word (and `re` skips in C to the non-letters a match opens on)."""
    letters = WORD_LOW.pattern[1:-2]
    words = [w for w in _function_words() if WORD_LOW.fullmatch(w)]
    return re.compile(f"[^{letters}]({trie_regex(words)})(?![{letters}])")


def _head_function_words(text: str) -> list[str]:
    """The function words among the casefolded words (runs of letters) of the start of `text`."""
    head = text[:LINGUA_CHARS * 2].casefold()
    if head.isascii() or not BEYOND_LOW.search(head):       # (isascii: one C pass, no regex)
        # (after a space: a word opening the head has a non-letter before it too)
        return _function_word_re().findall(" " + head)
    words = _function_words()
    return [w for w in WORD.findall(head) if w in words]


def _by_function_words(text: str) -> str | None:
    """The language a text's function words leave no doubt about, or None (then lingua judges)."""
    # the language of each function word, counted by list.count (the languages are few); which
    # of two languages with as many hits is taken does not matter: neither outnumbers the other
    codes = list(map(_function_words().__getitem__, _head_function_words(text)))
    if not codes:
        return None
    best = max(set(codes), key=codes.count)
    hits = codes.count(best)
    return best if hits >= FUNCTION_WORDS_MIN and hits >= FUNCTION_WORDS_LEAD * (len(codes) - hits) else None


def detect(text: str, detector=None) -> str | None:
    """ISO 639-1 code of a piece of text, or None when it has no letters to judge by."""
    letters, arabic = _letters(text[:SCRIPT_CHARS])
    if letters < 3:
        return None
    # Arabic script settles it cheaply; lingua separates Arabic from Persian only when needed
    if arabic > 0.6 * letters and detector is None:
        return "ar"
    # so do plenty of one language's function words (lingua is the stage's main cost otherwise)
    if detector is None and not arabic and (found := _by_function_words(text)):
        return found
    sample = _sample(text)
    # (lingua trims its input first: clean's caption lines, which end in their line break, and
    # language's paragraphs, which do not, are then one entry of the cache)
    lang = detector.detect_language_of(sample) if detector else _default_detect(sample.rstrip("\n"))
    code = lang.iso_code_639_1.name.lower() if lang is not None else None
    if code is not None and code not in langdata.LANGS:
        # (a detector passed in is taken at its word, as by _read_language when it gives no confidence)
        code = ((detector is None and _only_read_language(text))
                or _read_language(sample, code, detector or default_detector()))
    return code


# lingua's low-accuracy mode calls a short English sentence around a Kurdish or Turkish place name
# Turkish ("Gunmen killed two men in Serekaniye on Monday." is Turkish at 1.0): when it names a
# language khabar does not read, this many different function words of one language it reads, and
# none of another, settle it (different words: Turkish "on" is ten, and may come twice)
UNREAD_OVERRULED_BY = 2


def _only_read_language(text: str) -> str | None:
    words = _function_words()
    found = set(_head_function_words(text))
    codes = {words[w] for w in found}
    return codes.pop() if len(codes) == 1 and len(found) >= UNREAD_OVERRULED_BY else None


# a language khabar does not read, guessed with less confidence than this, yields to one it reads
# that lingua gives at least READ_MIN: "Gunmen killed a commander in Daraa." is German at 0.81 and
# English at 0.15 to lingua's low-accuracy mode, which errs on short texts
UNREAD_SURE = 0.9
READ_MIN = 0.1


def _read_language(sample: str, code: str, detector) -> str:
    confidences = getattr(detector, "compute_language_confidence_values", None)
    if confidences is None:
        return code     # a detector passed in that gives no confidence is taken at its word
    values = confidences(sample)
    top = values[0].value if values else 1.0
    read = next((v for v in values if v.language.iso_code_639_1.name.lower() in langdata.LANGS), None)
    if top < UNREAD_SURE and read is not None and read.value >= READ_MIN:
        return read.language.iso_code_639_1.name.lower()
    return code


# lingua's cost grows with the text; beyond ~200 characters its answer no longer changes (none of
# ~3,800 paragraphs of generated, seed and ACLED text changed language when cut to 150)
LINGUA_CHARS = 200


def _sample(text: str) -> str:
    """The start of `text` lingua judges: about LINGUA_CHARS characters, cut at a space."""
    if len(text) <= LINGUA_CHARS:
        return text
    space = text.rfind(" ", 0, LINGUA_CHARS + 40)
    return text[:space if space > LINGUA_CHARS // 2 else LINGUA_CHARS]


SCRIPT_CHARS = 600  # the script of a paragraph is judged on its start, as lingua judges its first 200 chars
SHORT_WORDS = 4     # a paragraph shorter than this is too short for lingua unless its script decides


def language(report: Report, ctx=None) -> Report:
    """Set report.paragraphs (each with its language) and report.lang (the language covering
    most characters). Paragraphs of fewer than SHORT_WORDS words are not judged on their own
    (lingua guesses wildly on three words): they take the report's language, unless they are
    written mostly in Arabic script."""
    detector = getattr(ctx, "detector", None)
    paragraphs: list[Segment] = []
    weight: dict[str, int] = {}
    short: list[Segment] = []
    for m in PARAGRAPH.finditer(report.text):
        text = m.group()
        if text.isspace():
            continue
        seg = Segment(m.start(), m.end(), None)
        paragraphs.append(seg)
        # (the words are split off only as far as needed to tell whether there are SHORT_WORDS)
        if len(text.split(None, SHORT_WORDS - 1)) < SHORT_WORDS and not _mostly_arabic(text):
            short.append(seg)
            continue
        seg.lang = detect(text, detector)
        if seg.lang:
            weight[seg.lang] = weight.get(seg.lang, 0) + len(text)
    if not weight and short:
        # nothing long enough: judge the whole text at once
        whole = detect(report.text, detector)
        if whole:
            weight[whole] = 1
    report.lang = max(weight, key=weight.get) if weight else None
    for seg in short:
        seg.lang = report.lang
    report.paragraphs = paragraphs
    _default_detect.cache_clear()
    return report


def _mostly_arabic(text: str) -> bool:
    letters, arabic = _letters(text[:SCRIPT_CHARS])
    return letters > 0 and arabic > 0.6 * letters
