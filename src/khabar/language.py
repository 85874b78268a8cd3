"""Stage 3 — language: per paragraph and per report, with lingua.

Mixed-language reports exist (an English caption in a French article, an Arabic quote in an
English one), so every paragraph gets its own language and the report takes the language
that covers most of its characters.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .model import Report, Segment

PARAGRAPH = re.compile(r"[^\n]+")
ARABIC = re.compile(r"[\u0600-\u06FF]")
LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def default_detector():
    """A lingua detector for the languages khabar reads (plus neighbours it must not confuse)."""
    from lingua import Language, LanguageDetectorBuilder

    langs = [Language.FRENCH, Language.ARABIC, Language.ENGLISH, Language.SPANISH,
             Language.GERMAN, Language.ITALIAN, Language.PERSIAN, Language.TURKISH]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def detect(text: str, detector=None) -> str | None:
    """ISO 639-1 code of a piece of text, or None when it has no letters to judge by."""
    letters = LETTER.findall(text[:2000])
    if len(letters) < 3:
        return None
    arabic = sum(1 for c in letters if ARABIC.match(c))
    # Arabic script settles it cheaply; lingua separates Arabic from Persian only when needed
    if arabic > 0.6 * len(letters) and detector is None:
        return "ar"
    det = detector or default_detector()
    lang = det.detect_language_of(text[:2000])
    return lang.iso_code_639_1.name.lower() if lang is not None else None


def language(report: Report, ctx=None) -> Report:
    detector = getattr(ctx, "detector", None)
    paragraphs: list[Segment] = []
    weight: dict[str, int] = {}
    for m in PARAGRAPH.finditer(report.text):
        if not m.group().strip():
            continue
        lang = detect(m.group(), detector)
        paragraphs.append(Segment(m.start(), m.end(), lang))
        if lang:
            weight[lang] = weight.get(lang, 0) + (m.end() - m.start())
    report.paragraphs = paragraphs
    report.lang = max(weight, key=weight.get) if weight else None
    return report
