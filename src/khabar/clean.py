"""Stage 2 — clean: main text out of HTML (trafilatura) and scraped-page debris out of text.

Removes photo captions and credits, share lines, "read also" links, lone section labels and
a trailing source footer (whose outlet is kept), and takes a text file's title. Every
removed span is recorded with its reason, as offsets into the text as read.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import langdata
from .model import Removed, Report

# a credit such as "©AFP" or "© Reuters" ends a caption line
CREDIT = re.compile(r"©\s*\S[^\n]{0,40}$")
LINE = re.compile(r"[^\n]*(?:\n|$)")
SENTENCE_END = re.compile(r"[.!?؟…:»”\"')]\s*$")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[str, ...]]:
    merged: dict[str, set[str]] = {}
    for data in langdata.all_langs("boilerplate").values():
        for key, values in data.items():
            merged.setdefault(key, set()).update(v.casefold() for v in values)
    # longest first so "partager cet article" wins over "partager"
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in merged.items()}


def _norm_line(line: str) -> str:
    return line.strip().replace("’", "'").casefold()


def classify_line(line: str) -> str | None:
    """The removal reason for one line of scraped text, or None for a body line."""
    s = line.strip()
    if not s:
        return None
    low = _norm_line(s)
    pats = _patterns()
    for p in pats.get("read_also", ()):
        p = p.replace("’", "'")
        if low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalnum()):
            return "read-also"
    for p in pats.get("share", ()):
        if low.rstrip(" :.") == p:
            return "share"
    for p in pats.get("caption_end", ()):
        if low.endswith(p.replace("’", "'")):
            return "caption"
    for p in pats.get("caption_start", ()):
        if low.startswith(p):
            return "caption"
    if CREDIT.search(s):
        return "caption"
    words = s.split()
    if len(words) <= 2 and len(s) <= 20 and not SENTENCE_END.search(s) and not any(c.isdigit() for c in s):
        return "label"
    return None


def _footer_outlet(line: str) -> str | None:
    """'SOURCE: FRENCH PRESS TV' -> the outlet named, when the line is a source footer."""
    low = _norm_line(line)
    for p in _patterns().get("footer_source", ()):
        if low.startswith(p):
            rest = line.strip()[len(p):].strip(" :")
            return rest or None
    return None


def clean(report: Report, ctx=None) -> Report:
    """Fill report.text, report.removed, report.title and report.outlet (when found)."""
    if report._html is not None:
        _from_html(report)
    raw = report.raw
    lines = [(m.start(), m.end(), m.group()) for m in LINE.finditer(raw) if m.end() > m.start()]
    removed: list[Removed] = []
    body_lines = [i for i, (_, _, t) in enumerate(lines) if t.strip()]
    # a trailing "SOURCE: X" footer names the outlet
    if body_lines:
        last = body_lines[-1]
        name = _footer_outlet(lines[last][2])
        if name and len(lines[last][2].split()) <= 8:
            s, e, t = lines[last]
            removed.append(Removed(s, s + len(t.rstrip("\n")), "footer", t.strip()))
            if not report.outlet:
                report.outlet = ctx.outlet_name(name) if ctx is not None else name
    taken = {r.start for r in removed}
    title_done = report.title is not None
    for idx, (s, e, t) in enumerate(lines):
        if s in taken or not t.strip():
            continue
        reason = classify_line(t)
        if reason is None and not title_done:
            title_done = True
            nxt = lines[idx + 1][2] if idx + 1 < len(lines) else ""
            stripped = t.strip()
            if (not nxt.strip() and len(stripped) <= 200 and len(stripped.split()) >= 3
                    and not SENTENCE_END.search(stripped) and idx + 1 < len(lines)):
                report.title = stripped
                reason = "title"
        if reason:
            lead = len(t) - len(t.lstrip())
            removed.append(Removed(s + lead, s + len(t.rstrip()), reason, t.strip()))
    removed.sort(key=lambda r: r.start)
    report.removed = removed
    report.text = _cut(raw, removed)
    return report


def _cut(raw: str, removed: list[Removed]) -> str:
    """The raw text with removed spans (and the line breaks they leave) taken out."""
    out, pos = [], 0
    for r in removed:
        out.append(raw[pos:r.start])
        pos = r.end
        # swallow the line break that ended the removed line
        if raw.startswith("\n", pos):
            pos += 1
    out.append(raw[pos:])
    text = "".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _from_html(report: Report) -> None:
    """HTML to main text and metadata; the extracted text becomes the raw text as read."""
    import trafilatura

    html = report._html
    doc = None
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=False)
    except Exception:  # trafilatura raises assorted errors on hostile markup
        doc = None
    text = getattr(doc, "text", None) if doc is not None else None
    if doc is not None and isinstance(doc, dict):
        text = doc.get("text")
    if not text:
        text = trafilatura.html2txt(html) or ""
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    if doc is not None:
        report.title = report.title or get("title")
        report.outlet = report.outlet or get("sitename")
        if not report.published and get("date"):
            report.published = str(get("date"))[:10]
        report.url = report.url or get("url")
    report.raw = text
    report._html = None
