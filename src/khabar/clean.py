"""Stage 2 — clean: main text out of HTML (trafilatura) and scraped-page debris out of text.

Removes photo captions and credits, share lines, "read also" links, lone section labels and
a trailing source footer (whose outlet is kept), and takes a text file's title. Every
removed span is recorded with its reason, as offsets into the text as read.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add
from urllib.parse import urlsplit

from . import langdata
from .gazetteer import _is_arabic
from .model import Removed, Report

# a credit such as "©AFP" or "© Reuters" ends a caption line
CREDIT = re.compile(r"©\s*\S[^\n]{0,40}$")
# a wire-photo credit ending a caption: "... on March 3, 2020. REUTERS/Rodi Said", "(AFP/Delil Souleiman)"
# (or the photographer's names first, in capitals: "... en février 2025. DELIL SOULEIMAN / AFP")
AGENCY_CREDIT = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z]{2,})?\s*/\s*[A-Z][a-z][\w'.-]*(?:\s+[A-Z][\w'.-]+){0,3}\)?\s*$"
                           r"|\b[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+){1,3}\s+/\s+[A-Z]{2,}(?:\s+[A-Z]{2,})?\)?\s*$")
LINE = re.compile(r"[^\n]*(?:\n|$)")


def _lines(raw: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each non-empty match of LINE: every line with its line break. Cut
    at the breaks and measured by C-level calls, not a match object and three calls per line."""
    parts = raw.split("\n")
    texts = list(map(add, parts, repeat("\n")))
    texts[-1] = parts[-1]          # the last line has no break, and is no line when empty
    if not texts[-1]:
        texts.pop()
    ends = list(accumulate(map(len, texts)))
    return list(zip([0, *ends[:-1]], ends, texts))
SENTENCE_END = re.compile(r"[.!?؟…:»”\"')]\s*$")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, tuple[str, ...]]:
    merged: dict[str, set[str]] = {}
    for data in langdata.all_langs("boilerplate").values():
        for key, values in data.items():
            merged.setdefault(key, set()).update(v.replace("’", "'").casefold() for v in values)
    # longest first so "partager cet article" wins over "partager"
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in merged.items()}


SHARE_MAX_CHARS = 160      # a row of share buttons is short: longer lines are not tried as one


def _norm_line(line: str) -> str:
    return _fold_chars(line.strip())


def _fold_chars(text: str) -> str:
    # character by character (casefold has no context rule): the folded start or end of a line
    # is the start or end of the folded line
    return text.replace("’", "'").casefold()


CONTAINS_MAX_CHARS = 200   # a line holding a boilerplate phrase ("all rights reserved") is no longer
LONG_LINE = CONTAINS_MAX_CHARS  # a longer line is no share row, label or such: only its two ends are tested


@lru_cache(maxsize=1)
def _ends_tested() -> tuple[int, int]:
    """How much of a long line's start and end the tests read: the longest start pattern and the
    character after it (read-also wants no letter there), the longest end pattern."""
    pats = _patterns()
    starts = [p for k in ("read_also", "caption_start", "boilerplate_start") for p in pats.get(k, ())]
    return max(map(len, starts), default=0) + 1, max(map(len, pats.get("caption_end", ())), default=0)


def classify_line(line: str) -> str | None:
    """The removal reason for one line of scraped text, or None for a body line."""
    s = line.strip()
    if not s:
        return None
    if len(s) > LONG_LINE:
        # (folding a body line whole cost more than the tests)
        lead, end = _ends_tested()
        head, tail, low = _fold_chars(s[:lead]), _fold_chars(s[max(0, len(s) - end):]), None
    else:
        head = tail = low = _norm_line(s)
    pats = _patterns()
    read_also = pats.get("read_also", ())
    if read_also and head.startswith(read_also):
        for p in read_also:
            if head.startswith(p) and (len(head) == len(p) or not head[len(p)].isalnum()):
                return "read-also"
    if low is not None and len(low) <= SHARE_MAX_CHARS and (low.rstrip(" :.") in _share_lines()
                                                           or _share_tokens_only(low)):
        return "share"
    if tail.endswith(pats.get("caption_end", ())) or head.startswith(pats.get("caption_start", ())):
        return "caption"
    # (an agency credit holds a "/": the regex, tried at every word, runs only then)
    if CREDIT.search(s) or ("/" in s and AGENCY_CREDIT.search(s)):
        return "caption"
    if head.startswith(pats.get("boilerplate_start", ())):
        return "boilerplate"
    if low is not None:
        if low.startswith(pats.get("published_start", ())) and _published_line_date(s) is not None:
            return "published"
        if low.startswith(pats.get("byline_start", ())) and _is_byline(s):
            return "byline"
        if _is_breadcrumb(s):
            return "navigation"
        if len(s) <= DATE_LINE_MAX_CHARS:
            if (low in _boilerplate_lines() or low[-1:] in COUNT_ENDS
                    and TRAILING_COUNT.sub("", low) in _boilerplate_lines()):
                return "boilerplate"
            if _is_date_line(s):
                return "published"
        if "pic.twitter.com/" in low or ("(@" in s and EMBED_SIGNATURE.search(s)):
            return "embed"
    if low is not None and len(s) <= CONTAINS_MAX_CHARS and _boilerplate_inside().search(low):
        return "boilerplate"
    if len(s) <= 20 and len(s.split()) <= 2 and not SENTENCE_END.search(s) and not any(c.isdigit() for c in s):
        return "label"
    return None


BYLINE_MAX_WORDS = 10
# lower-case words a byline may hold between its names ("Par X avec AFP", "By X and Y", "Leila al-Hassan")
BYLINE_LINKS = frozenset({"avec", "et", "de", "du", "des", "d'", "and", "with", "in", "of", "al", "el", "bin", "ben", "ibn"})


def _is_byline(s: str) -> bool:
    """"Par Leila Hassan avec AFP", "By John Smith and Sara Khalil, Reuters", "بقلم …": the cue, then
    capitalised names only (Arabic has no capitals: its cue is no common word), no sentence end."""
    words = s.split()
    if not 2 <= len(words) <= BYLINE_MAX_WORDS or SENTENCE_END.search(s.rstrip(")»")):
        return False
    return all(w[:1].isupper() or not w[:1].isalpha() or w.casefold().split("-")[0] in BYLINE_LINKS
               or _is_arabic(w[:1]) for w in words[1:])


BYLINE_PARTNER = re.compile(r"\s+(?:avec|et|and|with|و)\s+", re.I)


# a line of page navigation: "Accueil > Monde > Moyen-Orient", "Home / World / Middle East"
BREADCRUMB_SEPARATORS = re.compile(r"\s+(?:>|›|»|/|\|)\s+")
BREADCRUMB_MAX_WORDS = 4      # words of one step


def _is_breadcrumb(s: str) -> bool:
    if len(s) > 120 or not BREADCRUMB_SEPARATORS.search(s) or "«" in s:
        return False
    steps = BREADCRUMB_SEPARATORS.split(s.strip())
    # ">" and "›" say it in two steps; "/", "|" and "»" join other things too, so three
    arrow = ">" in s or "›" in s
    return len(steps) >= (2 if arrow else 3) and all(
        0 < len(p.split()) <= BREADCRUMB_MAX_WORDS and not SENTENCE_END.search(p) and not any(c.isdigit() for c in p)
        for p in steps)


# an embedded post's signature: "— Name (@handle) March 4, 2026"
EMBED_SIGNATURE = re.compile(r"\(@\w{1,30}\)\s+[^\W\d_]+\.? \d{1,2}, \d{4}")
TRAILING_COUNT = re.compile(r"\s*\(?\d+\)?\s*$")      # "Comments (3)"
COUNT_ENDS = frozenset("0123456789)")
DIGIT = re.compile(r"\d")
DATE_LINE_MAX_CHARS = 60


@lru_cache(maxsize=1)
def _boilerplate_inside() -> re.Pattern:
    """Any phrase of `boilerplate_contains` ("all rights reserved", "we use cookies"), found in one
    C-level search of a line."""
    phrases = _patterns().get("boilerplate_contains", ())
    return re.compile("|".join(map(re.escape, phrases)) if phrases else r"(?!x)x")


@lru_cache(maxsize=1)
def _boilerplate_lines() -> frozenset[str]:
    return frozenset(_patterns().get("boilerplate_lines", ()))


@lru_cache(maxsize=1)
def _date_line_words() -> frozenset[str]:
    """Words a line holding nothing but a date may show: month and weekday names (CLDR, every
    language's calendar data) and the few words around a date and time ("le", "at", "الساعة")."""
    words = set(_patterns().get("date_line_words", ()))
    for cal in langdata.all_langs("calendar").values():
        for key in ("months", "months_abbreviated", "weekdays"):
            words.update(w.casefold() for w in cal.get(key, {}))
    return frozenset(words)


DATE_LINE_WORDS = re.compile(r"[^\W\d_]+")


def _is_date_line(s: str) -> bool:
    """"March 5, 2026", "Jeudi 5 mars 2026 à 10h30", "الخميس 5 آذار 2026 - 10:30": a line that is a
    date and nothing else, which a page prints for its publication."""
    if len(s) > DATE_LINE_MAX_CHARS or not DIGIT.search(s):
        return False
    known = _date_line_words()
    return all(w.casefold() in known for w in DATE_LINE_WORDS.findall(s)) and _published_line_date(s) is not None


ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
# a date written with numbers only, day first ("12/02/2026", "12.02.2026"): how French and Arabic
# pages print their publication date
NUMERIC_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")


def _published_line_date(s: str) -> str | None:
    """The ISO date of a "Publié le 12/02/2026 à 14h32", "Published March 3, 2026", "نشر في 3 آذار
    2026" line: the first date it writes (the publication, before any update). A date in numbers
    only is read day first, unless that is no date and month first is (as US pages print it)."""
    import datetime as dt
    from .read import _iso
    iso = ISO_DATE.search(s)
    if iso is not None:
        return _iso(iso.group())
    m = NUMERIC_DMY.search(s)
    named = _iso(s[:m.start()] if m else s)
    if named is not None or m is None:
        return named
    a, b, year = map(int, m.groups())
    for day, month in ((a, b), (b, a)):
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


@lru_cache(maxsize=1)
def _share_lines() -> frozenset[str]:
    return frozenset(_patterns().get("share", ()))


@lru_cache(maxsize=1)
def _share_words() -> frozenset[str]:
    return frozenset(w for t in _patterns().get("share_tokens", ()) for w in t.split())


SEPARATOR_CHARS = r"\s|/·•,;:\-–—"
SEPARATORS = re.compile(f"[{SEPARATOR_CHARS}]+")


@lru_cache(maxsize=1)
def _share_words_row() -> re.Pattern:
    """Separators and share-token words only: a line whose words (cut at separators) are all
    among the share tokens' words. It fails at the line's first other word, where cutting the
    whole line and testing its words took several times longer."""
    words = sorted((w for w in _share_words() if not SEPARATORS.search(w)), key=len, reverse=True)
    word = "|".join(map(re.escape, words)) or "(?!)"
    sep, word_end = f"[{SEPARATOR_CHARS}]", f"(?![^{SEPARATOR_CHARS}])"
    return re.compile(f"{sep}*(?:(?:{word}){word_end}{sep}*)*")


def _share_tokens_only(low: str) -> bool:
    """A line made only of share-button words ("Facebook Twitter WhatsApp", "Imprimer | E-mail")."""
    tokens = _patterns().get("share_tokens", ())
    if not tokens:
        return False
    # a word no share token has: not a share line (the common case, settled without the loop)
    if not _share_words_row().fullmatch(low):
        return False
    rest = " " + SEPARATORS.sub(" ", low).strip() + " "
    hits = 0
    for t in tokens:   # longest first, so "copy link" goes before "link"
        needle = " " + t + " "
        while needle in rest:
            rest = rest.replace(needle, " ", 1)
            hits += 1
    return hits >= 2 and not rest.strip()


def _footer_outlet(line: str) -> str | None:
    """'SOURCE: FRENCH PRESS TV' -> the outlet named, when the line is a source footer."""
    low = _norm_line(line)
    for p in _patterns().get("footer_source", ()):
        if low.startswith(p):
            rest = line.strip()[len(p):].strip(" :")
            return rest or None
    return None


FOOTER_MAX_WORDS = 8
TITLE_MAX_CHARS = 200
TITLE_MIN_WORDS = 3
CAPTION_MAX_WORDS = 60      # a line of a different language this short, near a caption or the title, is one
BODY_MIN_WORDS = 12         # a kept line this long in the report's language starts the body


def clean(report: Report, ctx=None) -> Report:
    """Fill report.text, report.removed, report.title and report.outlet (when found).

    Line by line over the text as read (HTML is first reduced to its main text by trafilatura):
    read-also links, share lines, captions and credits, lone labels, a trailing source footer
    (its outlet kept), the title (a text file's first short line without a sentence end, or a
    line repeating a title already known from HTML or the record), and captions written in
    another language than the report, next to the title or to another caption.
    """
    if report._html is not None:
        _from_html(report)
    raw = report.raw
    lines = _lines(raw)
    reasons: dict[int, str] = {}
    filled = [i for i, (_, _, t) in enumerate(lines) if t.strip()]
    # a "SOURCE: X" footer, after the body (only debris may follow it), names the outlet
    for last in reversed(filled):
        name = _footer_outlet(lines[last][2])
        if name and len(lines[last][2].split()) <= FOOTER_MAX_WORDS:
            reasons[last] = "footer"
            if not report.outlet:
                report.outlet = ctx.outlet_name(name) if ctx is not None else name
            break
        if classify_line(lines[last][2]) is None:
            break
    for i in filled:
        if i not in reasons:
            r = classify_line(lines[i][2])
            if r:
                reasons[i] = r
    _read_also_headlines(lines, filled, reasons)
    _page_header(report, lines, filled, reasons, ctx)
    head = next((i for i in filled if reasons.get(i) in (None, "label")), None)
    if head is not None and _masthead(report, lines[head][2], ctx):
        reasons[head] = "label"
    kept = [i for i in filled if i not in reasons]
    title_idx = _title_line(report, lines, kept)
    if title_idx is not None:
        reasons[title_idx] = "title"
        if report.title is None:
            report.title = lines[title_idx][2].strip()
    _foreign_captions(lines, filled, reasons, title_idx, getattr(ctx, "detector", None))
    _widget_lines(lines, filled, reasons)
    if not report.outlet:
        # the dateline opens the body, or stands alone as a label ("الحسكة-سانا") before it (a
        # section's name may come first)
        for i in filled:
            if reasons.get(i) not in (None, "label"):
                continue
            report.outlet = _dateline_outlet(lines[i][2], ctx)
            if report.outlet or i not in reasons:
                break
    if not report.outlet and report.url:
        report.outlet = url_outlet(report.url)
    removed = []
    for i in sorted(reasons):
        s, _, t = lines[i]
        lead = len(t) - len(t.lstrip())
        removed.append(Removed(s + lead, s + len(t.rstrip()), reasons[i], t.strip()))
    report.removed = removed
    report.text = _cut(raw, removed)
    return report


HEADLINE_MAX_WORDS = 30
MASTHEAD_MAX_WORDS = 8
# "QAMISHLI, Syria (Reuters) -", "QAMISHLI, Syria, March 3 (Reuters) -", "BEYROUTH (AFP) —",
# "دمشق (سانا) -": a place (a country and a date may follow it), then the agency
# (the second form, a whole line "دمشق-سانا", "Damascus - SANA": a place of at most four words and
# a dash that is no hyphen inside a Latin name: "Un convoi a quitté al-Chaddadi." is a sentence)
DATELINE = re.compile(r"^\s*[^\W\d][\w'’ .-]{1,40}?(?:,\s*\w[\w'’ .-]{1,30}?){0,2}\s*\(([^()]{2,40})\)\s*[-–—:]"
                      r"|^\s*(?=[^\W\d])[\w'’.-]+?(?: [\w'’.-]+?){0,3}?(?:\s*[–—]\s*|\s+-\s*|(?<=[\u0600-\u06ff])-(?=[\u0600-\u06ff]))"
                      r"([^\W\d][\w'’ .]{1,30}?)\s*$")
# every character of a match of DATELINE's second form, which runs to the end of the text, is one
# of these; the first form needs a "(": a text with neither is no dateline (most paragraphs)
_NOT_DATELINE_SECOND = re.compile(r"[^\w'’.\-–—\s]")


def dateline(text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """DATELINE.match(text[start:end]) (offsets of the match in that slice), tried only on a
    slice that may hold one."""
    end = len(text) if end is None else end
    if text.find("(", start, end) < 0 and _NOT_DATELINE_SECOND.search(text, start, end) is not None:
        return None
    return DATELINE.match(text[start:end])


# a dateline naming no agency, its place in capitals: "ERBIL, Kurdistan Region -", "DAMAS, 3 mars -"
DATELINE_PLACE = re.compile(r"^\s*[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}(?:,\s*[^\W\d][\w'’ .-]{1,30}?)?"
                            r"(?:,\s*\d{1,2} [^\W\d]+\.?|,\s*[^\W\d]+\.? \d{1,2})?\s*[-–—]\s")


@lru_cache(maxsize=1)
def _outlet_domains() -> dict[str, str]:
    """Web site -> outlet name, from the outlets' `domains` (data/outlets.json)."""
    return {d: o["name"] for o in langdata.shared("outlets").get("outlets", []) for d in o.get("domains", [])}


def url_outlet(url: str) -> str | None:
    """The outlet a report's address names when the text names none: the known outlet of that web
    site (any subdomain), else the site itself ("example-news.com"), so that two reports of one
    site are one outlet and a report of another site is not."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    known = _outlet_domains()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = known.get(".".join(parts[i:]))
        if name:
            return name
    return host.removeprefix("www.")


def _known_outlet(name: str, ctx) -> dict | None:
    """The gazetteer's outlet entry for a name, or None (also with no gazetteer at hand)."""
    if ctx is None or not hasattr(ctx, "get_gazetteer"):
        return None
    try:
        gaz = ctx.get_gazetteer()
        return gaz.outlet(name) if hasattr(gaz, "outlet") else None
    except Exception:  # no gazetteer: no outlet known by name
        return None


def _dateline_outlet(line: str, ctx) -> str | None:
    """The agency named in the dateline opening the body, when the gazetteer knows it."""
    m = dateline(line)
    found = _known_outlet((m.group(1) or m.group(2)).strip(), ctx) if m else None
    return found.get("name") if found else None


def _masthead(report: Report, line: str, ctx) -> bool:
    """A first line that is nothing but an outlet's name ("Syrian Observatory for Human Rights")
    is the page's masthead, not its title; the outlet becomes the report's when it has none."""
    words = line.split()
    if not words or len(words) > MASTHEAD_MAX_WORDS:
        return False
    found = _known_outlet(line, ctx)
    if not found:
        return False
    bare = _fold(re.sub(r"[^\w\s'-]", " ", line))
    names = [found.get("name") or ""] + list(found.get("aliases") or [])
    if not any(_fold(re.sub(r"[^\w\s'-]", " ", n)) == bare for n in names if n):
        return False
    if not report.outlet:
        report.outlet = found.get("name")
    return True



def _read_also_headlines(lines, filled: list[int], reasons: dict[int, str]) -> None:
    """A "Lire aussi :" line with nothing after the marker links to the headline on the next
    line: that line goes too, when it is short enough to be a headline."""
    pats = _patterns().get("read_also", ())
    for k, i in enumerate(filled):
        if reasons.get(i) != "read-also" or k + 1 >= len(filled):
            continue
        low = _norm_line(lines[i][2]).rstrip(" :：-–—.")
        if not any(low == p.replace("’", "'").rstrip(" :") for p in pats):
            continue
        nxt = filled[k + 1]
        if nxt not in reasons and len(lines[nxt][2].split()) <= HEADLINE_MAX_WORDS:
            reasons[nxt] = "read-also"
        # a list under the marker ("Les plus lus", "Most read"): the headlines that follow, which
        # end in no full stop as a paragraph of the body does
        for j in filled[k + 2:]:
            t = lines[j][2].strip()
            if j in reasons or len(t.split()) > HEADLINE_MAX_WORDS or t.endswith((".", "…")):
                break
            reasons[j] = "read-also"


def _page_header(report: Report, lines, filled: list[int], reasons: dict[int, str], ctx) -> None:
    """A text file's first publication line gives the report its date, and a byline naming a known
    outlet ("By Sara Khalil, Reuters") its outlet, when the report has none."""
    for i in sorted(i for i, why in reasons.items() if why in ("published", "byline")):
        why = reasons[i]
        if why == "published" and report.published is None:
            report.published = _published_line_date(lines[i][2])
        elif why == "byline" and not report.outlet:
            # "By Sara Khalil and John Smith, Reuters": the outlet is a name of its own, not a
            # writer's partner ("Par Le Figaro avec AFP" is Le Figaro's page)
            names = re.split(r"\s*,\s*|\s+[-–—]\s+", lines[i][2].strip().split(None, 1)[1])
            for name in (BYLINE_PARTNER.split(n, 1)[0] for n in names):
                found = _known_outlet(name, ctx)
                if found:
                    report.outlet = found.get("name")
                    break


WIDGET_MAX_WORDS = 15
PAGE_DEBRIS = frozenset({"share", "boilerplate", "label", "read-also", "navigation", "byline", "published"})


def _widget_lines(lines, filled: list[int], reasons: dict[int, str]) -> None:
    """A short line with no sentence end between two lines of page debris ("Newsletter" / "Recevez
    l'essentiel chaque matin" / "S'inscrire") belongs to the same widget. The title, settled
    before, is no candidate."""
    for k in range(1, len(filled) - 1):
        i = filled[k]
        if i in reasons or reasons.get(filled[k - 1]) not in PAGE_DEBRIS or reasons.get(filled[k + 1]) not in PAGE_DEBRIS:
            continue
        t = lines[i][2].strip()
        if len(t.split()) <= WIDGET_MAX_WORDS and not SENTENCE_END.search(t):
            reasons[i] = "boilerplate"


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("“", '"').replace("”", '"')).strip().casefold()


def _title_line(report: Report, lines, kept: list[int]) -> int | None:
    """Index of the line that is the report's title, or None.

    A title already known (HTML metadata, JSON record) is removed where the text repeats it as
    its first kept line. Otherwise a text file's first kept line is its title when it is short,
    has no sentence end, and is followed by a blank line or by a much longer line.
    """
    if not kept:
        return None
    first = kept[0]
    line = lines[first][2].strip()
    if report.title:
        t = _fold(report.title)
        f = _fold(line)
        if f == t or (len(f) >= 10 and (t.startswith(f) or f.startswith(t)) and len(f) >= 0.6 * len(t)):
            return first
        return None
    if len(kept) < 2 or len(line) > TITLE_MAX_CHARS or len(line.split()) < TITLE_MIN_WORDS:
        return None
    nxt_blank = first + 1 < len(lines) and not lines[first + 1][2].strip()
    if line.endswith((",", ";", ":", ".", "…")):
        return None
    # a headline may end in a question, an exclamation or a quote, but then stands alone
    if SENTENCE_END.search(line) and not nxt_blank:
        return None
    nxt_len = len(lines[kept[1]][2].strip())
    if nxt_blank or nxt_len >= 2 * len(line):
        return first
    return None


def _foreign_captions(lines, filled: list[int], reasons: dict[int, str], title_idx: int | None,
                      detector=None) -> None:
    """Captions in another language than the report (an English photo caption in a French
    article): short kept lines whose language differs from the body's, lying between the title
    and the first body line, or next to a line already removed as a caption."""
    from .language import detect

    kept = [i for i in filled if i not in reasons]
    if len(kept) < 2:
        return
    caption_near = {i for i, r in reasons.items() if r == "caption"}
    candidates = []
    body_started = title_idx is None
    for i in kept:
        if body_started and not caption_near:
            break    # no later line can be a candidate, nor one be near a caption
        # (words counted only as far as the tests below look)
        words = len(lines[i][2].split(None, CAPTION_MAX_WORDS))
        near = bool(caption_near) and (i - 1 in caption_near or i + 1 in caption_near
                                       or _prev_filled(filled, i) in caption_near or _next_filled(filled, i) in caption_near)
        if (not body_started or near) and words <= CAPTION_MAX_WORDS:
            candidates.append(i)
        if words >= BODY_MIN_WORDS and not near:
            body_started = True
    if not candidates:
        return
    body = [i for i in kept if i not in candidates] or kept
    main = detect(" ".join(lines[i][2] for i in sorted(body, key=lambda i: -len(lines[i][2]))[:5]), detector)
    if main is None:
        return
    for i in candidates:
        lang = detect(lines[i][2], detector)
        if lang is not None and lang != main and len(lines[i][2].split()) >= 3:
            reasons[i] = "caption"


def _prev_filled(filled: list[int], i: int) -> int | None:
    k = filled.index(i)
    return filled[k - 1] if k > 0 else None


def _next_filled(filled: list[int], i: int) -> int | None:
    k = filled.index(i)
    return filled[k + 1] if k + 1 < len(filled) else None


# (written so, not \n{3,}: a pattern opening on a literal run is searched for in C, 12x faster)
BLANK_LINES = re.compile(r"\n\n\n+")


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
    text = BLANK_LINES.sub("\n\n", text)
    return text.strip()


def _from_html(report: Report) -> None:
    """HTML to main text and metadata; the extracted text becomes the raw text as read."""
    import trafilatura

    html = report._html
    doc = None
    try:
        # no extensive date search: it turns a "© 2020" footer into a published date of 2020-01-01,
        # and a wrong published date misplaces every relative date of the report
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=False,
                                          date_extraction_params={"extensive_search": False,
                                                                  "original_date": True})
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
