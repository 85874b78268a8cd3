"""Stage — dates: absolute and relative dates of the clean text, resolved to ISO dates.

`dates(report, ctx)` fills `report.dates` with DateValue(start, end, precision, text,
candidates, start_offset, end_offset, month_day), offsets into report.text, sorted by offset.
It reads report.text only (removed text — captions, credits — is never seen).

What it finds (month and weekday names from CLDR, data/lang/<lang>/calendar.json, built by
scripts/build_calendar.py; everything else from the hand-written data/lang/<lang>/dates.json):

- absolute dates: "13 October 2019", "October 13, 2019", "mardi 13 avril", "13 نيسان/أبريل
  2021", "2019-10-13", "13/10/2019", ranges ("du 12 au 13 avril", "dans la nuit du 12 au
  13"), month + year ("octobre 2019"), years with a context word ("en 2014", "عام 2014");
- yearless dates: "mardi 13 avril", "13 avril", "13 نيسان الماضي", "avril dernier";
- relative dates: day words ("hier", "yesterday", "أمس"), weekdays alone ("mardi", "on
  Tuesday", "يوم الثلاثاء"), and phrases ("la semaine passée", "il y a 3 mois", "ces
  derniers jours", "au cours des trois derniers mois", "خلال الأيام الماضية");
- "غداة" / "au lendemain du" / "the day after" right before a date shifts it by a day;
- days told from the story ("la veille", "the next day", "في اليوم التالي") count from the last
  day the text named before them, and are no date when it named none.

How a date is resolved:

1. Dates with an explicit year are taken as written.
2. A weekday with day and month fixes the year candidates (`resolve_year_candidates`): every
   year of the plausible window (Config.plausible_year_min..max) where that day falls on that
   weekday, plus the nearest such year on each side of the window. With a published date
   the latest candidate not more than a week after it is chosen; with none, the latest
   candidate inside the window and not after today (preferring those not after a date of
   step 1 when the text has one).
   `candidates` keeps them all as ISO dates.
3. The *reference date* of the report is its published date; when it has none, its anchor
   (`report_anchor`): the latest day-precision date resolved in steps 1-2.
4. Yearless day + month: with a published date, its year, or the previous year when that
   would be after publication; without one, the anchor's year. A "past" word ("الماضي",
   "dernier") takes the latest such day on or before the reference, a "next" word the first
   on or after it. With no reference, start/end stay None, `month_day` is "--mm-dd" and
   precision is day (a later stage may fill the year from a linked event).
5. Relative expressions are computed against the reference date; with none, start/end
   stay None and the text and precision are kept.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as _C, _parser

from . import langdata, scan
from .model import DateValue, Report
from .normalise import normalise_text
from .numbers import end_offset, grammar as number_grammar, norm, word_value
from .scan import trie_branches, trie_regex

D = _dt.date
WEEK_SLACK = _dt.timedelta(days=7)
# how far back "recent" phrases without a number reach ("ces derniers jours" = last 7 days)
RECENT = {"hour": 24, "day": 7, "week": 3, "month": 3, "year": 2}
YEAR = r"(?:19|20)\d{2}(?!\d)"
# The scripts a text may be written in, each by a test that holds for such a text and for every
# part of it: all ASCII (French, English once normalised), or no Latin letter (Arabic). A word of
# the grammar failing a text's test cannot occur in it (see grammar(script))
_LATIN_LETTER = re.compile("[A-Za-z]")
SCRIPTS = {"ascii": str.isascii, "no_latin": lambda s: _LATIN_LETTER.search(s) is None}


def text_script(text: str) -> str | None:
    """The first of SCRIPTS that `text` is written in; None for a text of several."""
    return next((name for name, fits in SCRIPTS.items() if fits(text)), None)


# ---------------------------------------------------------------- grammar (compiled once)

@dataclass
class _Grammar:
    patterns: list            # (kind, compiled pattern, the kind whose trigger words it runs around,
                              #  the pattern for scan.word_matches: scan.after_non_word's or None)
    months: dict              # normalised name -> month
    weekdays: dict
    days: dict                # normalised day word -> offset in days
    shifts: dict
    shift_re: re.Pattern
    relative: list            # (group name, kind, n default)
    units: dict               # normalised unit word -> (unit, n)
    triggers: dict            # word -> pattern kinds a date around it may match
    trigger_re: re.Pattern    # finds trigger words (after a clitic in a group of their own) and years
    trigger_fast: re.Pattern | None  # trigger_re for scan.word_matches (a trigger is one word, a year four digits)
    articles: tuple           # "ال": a trigger word may carry it or not ("اليوم", "الأسبوع")
    day_numbers: dict = None  # normalised word for a day of the month -> 1..31 ("الثالث", "premier")
    needs: dict = None        # pattern kind -> what each of its dates holds: patterns, one of which it matches (see _find)
    story_days: dict = None   # normalised day word -> offset from the story's last day ("la veille": -1)
    parts: dict = None        # normalised word for a part of a month or week -> early, mid, late, earlier, later
    part_re: re.Pattern = None  # finds those words (group p)
    part_since_re: re.Pattern = None  # "since" right before a part word: from that part on, no part
    hijri_months: dict = None  # normalised name of a Hijri month -> 1..12


def _collect(key: str) -> list[str]:
    out: set[str] = set()
    for d in langdata.all_langs("dates").values():
        out.update(norm(w) for w in d.get(key, []))
    return sorted(out)


def _alt(words) -> str:
    return f"(?:{trie_regex(words)})"


def _behind(words, before: str = "", after: str = "") -> str:
    """Alternatives of lookbehinds, each `before`, one of `words`, then `after`: a lookbehind has
    a fixed width, so the words go in groups of one length."""
    by_width: dict[int, set] = {}
    for w in words:
        by_width.setdefault(len(w), set()).add(re.escape(w))
    return "|".join(rf"(?<={before}(?:{'|'.join(sorted(ws))}){after})" for _, ws in sorted(by_width.items()))


def _form(form: str, idx: int, unit_all: str, unit_pl: str, unit_sg: str, num: str) -> str:
    """A data template ("il y a {n} {unit}") as a regex over normalised text."""
    out = []
    for piece in re.split(r"(\{n\}|\{unit\}|\{units\}|\{unit1\}|\(\?:|\(\?!|\)\??|\|)", form):
        if piece == "{n}":
            out.append(f"(?P<r{idx}n>{num})")
        elif piece in ("{unit}", "{units}", "{unit1}"):
            alt = {"{unit}": unit_all, "{units}": unit_pl, "{unit1}": unit_sg}[piece]
            out.append(f"(?P<r{idx}u>{alt})")
        elif piece == ")?":
            out.append("|)")      # an optional group, as everywhere here (see grammar())
        elif piece in ("(?:", "(?!", ")", "|"):
            out.append(piece)
        elif piece:
            # literal words: normalise them, keep single spaces flexible
            lead = " " if piece[:1] == " " else ""
            trail = " " if piece[-1:] == " " else ""
            words = norm(piece)
            lit = re.escape(words).replace(r"\ ", " ") if words else ""
            lit = (lead + lit + trail) if lit else (" " if piece.strip() == "" else "")
            out.append(lit.replace(" ", r"\s+"))
    return "".join(out)


@lru_cache(maxsize=None)
def grammar(script: str | None = None) -> _Grammar:
    """The compiled grammar; for a `script` of SCRIPTS, of only the words that may occur in a text
    of that script (see text_script): the others could never match there, and each costs the
    patterns a try at every position."""
    fits = SCRIPTS[script] if script else None

    def kept(words) -> list[str]:
        return [w for w in words if fits is None or fits(w)]

    def alt(words) -> str:
        return _alt(kept(words))

    def branches(words) -> list[str]:
        return trie_branches(kept(words))

    def behind(words, before: str = "", after: str = "") -> str:
        return _behind(kept(words), before, after)

    cal = langdata.all_langs("calendar")
    data = langdata.all_langs("dates")
    months: dict[str, int] = {}
    months_first: dict[str, int] = {}
    months_full: dict[str, int] = {}    # no abbreviations: for a month named with no day or year
    weekdays: dict[str, int] = {}
    for code, c in cal.items():
        extra = data.get(code, {})
        full = dict(c.get("months", {}))
        full.update(extra.get("months", {}))
        names = dict(full)
        names.update(c.get("months_abbreviated", {}))
        names.update(extra.get("months_abbreviated", {}))
        for name, m in names.items():
            months[norm(name)] = int(m)
            if extra.get("month_first"):
                months_first[norm(name)] = int(m)
        for name, m in full.items():
            months_full[norm(name)] = int(m)
        wd = dict(c.get("weekdays", {}))
        wd.update(extra.get("weekdays", {}))
        for name, w in wd.items():
            weekdays[norm(name)] = int(w)
    days: dict[str, int] = {}
    shifts: dict[str, int] = {}
    units: dict[str, tuple] = {}
    plural: set[str] = set()
    invariable: set[str] = set()     # unit words both singular and plural ("mois")
    story: dict[str, int] = {}
    period_parts: dict[str, str] = {}
    for d in data.values():
        for k, v in d.get("days", {}).items():
            days[norm(k)] = None if v is None else int(v)   # None: a phrase that is no date
        for k, v in d.get("period_part", {}).items():
            period_parts[norm(k)] = v
        for k, v in d.get("story_days", {}).items():
            days[norm(k)], story[norm(k)] = None, int(v)
        for k, v in d.get("shift_before", {}).items():
            shifts[norm(k)] = int(v)
        for k, v in d.get("units", {}).items():
            if v is None:
                continue
            units[norm(k)] = (v, None) if isinstance(v, str) else (v[0], int(v[1]))
        plural.update(norm(w) for w in d.get("plural_units", []))
        invariable.update(norm(w) for w in d.get("invariable_units", []))

    # An optional part is written (?:x|), not (?:x)?: the same matches tried in the same order,
    # without the regex engine's general repeat, which makes these patterns ~10% slower.
    CL = alt(_collect("clitics"))
    cl = f"(?:{CL}|)"
    MONTH = alt(months)
    MONTH_F = alt(months_first) if months_first else "(?!)"
    MONTH_W = alt(months_full)
    WD = alt(weekdays)
    SUF = f"(?:{alt(_collect('day_suffix'))}(?!\\w)|)" if _collect("day_suffix") else ""
    day_numbers: dict[str, int] = {}
    for d in data.values():
        for k, v in d.get("day_numbers", {}).items():
            day_numbers[norm(k)] = int(v)
    # a day of the month in digits, or as a word ("في الثالث من آذار", "le premier mars")
    # (in digits with the article or not: "في الـ3 من آذار")
    ART = f"(?:{alt(_collect('articles'))}|)" if _collect("articles") else ""
    DAY = rf"(?:{ART}(?<!\d)(?P<d>[0-3]?\d)(?!\d){SUF}" + (
        rf"|(?<!\w)(?P<dn>{alt(day_numbers)})(?!\w)" if day_numbers else "") + ")"

    def opt(key: str, name: str | None = None, after: str = r"\s+") -> str:
        words = _collect(key)
        if not words:
            return ""
        g = f"(?P<{name}>{alt(words)})" if name else alt(words)
        return f"(?:{g}{after}|)"

    # (the closing bracket with the space before it, or nothing: a space eaten here would leave
    # none for a "past" word after the month, "28 شباط/فبراير الماضي")
    alt_month = rf"(?:\s*[/(-]\s*{MONTH}\.?(?:\s*\)|)|)"
    my_link = opt("month_year_link", after=r"\s*")
    # a year told relative to the reference: "آذار من العام الماضي", "mars de l'année dernière"
    LY, TY = alt(_collect("month_last_year")), alt(_collect("month_this_year"))
    tail = (rf"(?:[\s,]*{my_link}(?P<y>{YEAR})"
            rf"|[\s,]+(?P<ly>{LY})(?!\w)|[\s,]+(?P<ty>{TY})(?!\w)"
            rf"|\s+(?P<past>{alt(_collect('after_past'))})(?!\w)"
            rf"|\s+(?P<next>{alt(_collect('after_next'))})(?!\w)|)")
    wd_block = (rf"(?:{opt('weekday_before')}{cl}(?P<wd>{WD})(?!\w)(?:\s+{alt(_collect('daypart_after'))}|)"
                rf"[\s,]+{opt('weekday_date_link')}|)")
    lead = rf"(?<!\w){opt('daypart_before')}"
    dm_link = opt("day_month_link")
    pats = []
    # day month [year]: "le soir du mardi 13 avril", "13 October 2019", "13 نيسان الماضي"
    pats.append(("dm", rf"{lead}{wd_block}{DAY}\s*{dm_link}{cl}(?P<m>{MONTH})(?!\w)\.?{alt_month}{tail}"))
    # month day [year] (languages that write it so): "October 13, 2019"
    pats.append(("md", rf"(?<!\w)(?:{cl}(?P<wd>{WD})(?!\w),?\s+|)(?P<m>{MONTH_F})\.?\s+{DAY}"
                       rf"(?:,?\s*(?P<y>{YEAR})|[\s,]+(?P<ly>{LY})(?!\w)|[\s,]+(?P<ty>{TY})(?!\w)|)(?![\w,]\d)"))
    # the end of a day of the month named alone, with no month: the end of the phrase or a word
    # that goes on after a date ("le 8 au soir", "mardi 3 dans", "يوم 8 في"; not "le 8 sur 10")
    DAY_ALONE_END = (rf"(?=\s*(?:[,;:!?)\u00bb\u060c\u061b]|\.(?!\d)|\Z)"
                     rf"|\s+{alt(_collect('day_alone_after'))}(?!\w)(?!\s*\d))")
    # ranges of days: "du 12 au 13 avril", "between 5 and 11 May", "du 30 mars au 2 avril"
    # (m1: the first day's month when it is named; m: the last day's). A link that pairs ("and")
    # joins two months' days into a range only after a word that opens one ("between"): "on 3 March
    # and 5 April" are two days, and "on March 3 and 5 others" a day and a count
    links = alt(_collect("range_link"))
    pair = _collect("range_link_pair")
    solo = alt([w for w in _collect("range_link") if w not in pair])
    RB = rf"(?:(?P<rb>{alt(_collect('range_before'))})\s+|)"
    # more days of a list between the first and the last: "le 8, le 9 et le 10 mars", "8 و9 و10 آذار"
    # (after a comma, with the word a day may take there, or a pairing link)
    LB = f"(?:{alt(_collect('list_day_before'))}\\s+|)" if _collect("list_day_before") else ""
    more = rf"(?:(?:\s*,\s*{LB}|\s*{alt(pair)}\s*){ART}(?<!\d)[0-3]?\d(?!\d){SUF})*"
    pats.append(("range", rf"(?<!\w){RB}{ART}(?<!\d)(?P<d1>[0-3]?\d)(?!\d){SUF}{more}"
                          rf"(?:\s*{dm_link}{cl}(?P<m1>{MONTH})(?!\w)\.?|)\s*"
                          rf"(?:-|(?(m1)(?(rb){links}|{solo})|{links})\s*)\s*{ART}(?<!\d)(?P<d>[0-3]?\d)(?!\d){SUF}\s*{dm_link}"
                          rf"{cl}(?P<m>{MONTH})(?!\w)\.?{alt_month}{tail}"))
    # the same, month first: "between March 3 and 5", "March 3-5, 2020", "from March 30 to April 2"
    pats.append(("range_mf", rf"(?<!\w){RB}(?P<m1>{MONTH_F})\.?\s+"
                          rf"(?<!\d)(?P<d1>[0-3]?\d)(?!\d){SUF}(?:\s*(?:-|(?(rb){links}|{solo})\s+)"
                          # (or days paired with no word opening a range, "on March 8 and 9", "March 5, 6
                          # and 7": where the phrase ends, so not "on March 3 and 5 others")
                          rf"|(?P<pl>(?:\s*,\s*{LB}(?<!\d)[0-3]?\d(?!\d){SUF})*,?\s+{alt(pair)}\s+))\s*"
                          rf"(?:(?P<m>{MONTH_F})\.?\s+|)(?<!\d)(?P<d>[0-3]?\d)(?!\d){SUF}"
                          rf"(?:,?\s*(?P<y>{YEAR})|(?(pl){DAY_ALONE_END}|))(?![\w,]\d)"))
    # numeric dates, year first or last ("2019-10-13", "2021/04/13", "13/10/2019", "13-10-2019"),
    # with the weekday when one is written before ("Tuesday 21/04/2020")
    wd_num = rf"(?:(?<!\w){cl}(?P<wd>{WD})(?!\w),?\s+|)"
    pats.append(("iso", rf"{wd_num}(?<![\d/.-])(?P<y>{YEAR})(?P<sep>[-/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?![\d/.-]\d|\d)"))
    pats.append(("numeric", rf"{wd_num}(?<![\d/.-])(?P<d>[0-3]?\d)(?P<sep>[/.-])(?P<m>[01]?\d)(?P=sep)(?P<y>{YEAR})(?![\d/.-]\d|\d)"))
    # (the year in two digits, "03/03/26", this century's and not after the window; with slashes
    # only, "1.5.20" is rather a version or a score)
    pats.append(("numeric_y2", rf"{wd_num}(?<![\d/.-])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y2>\d\d)(?![\d/.-]\d|\d)"))
    # a day of a month of the Hijri calendar: "10 رمضان 1447 هـ", "le 10 ramadan", "on the 10th of
    # Ramadan 1447 AH" (its year written, 13xx-15xx, or none: the nearest such day)
    hijri = {norm(k): int(v) for d in data.values() for k, v in d.get("hijri_months", {}).items()}
    if hijri:
        era = f"(?:\\s*{alt(_collect('hijri_era'))}(?!\\w)|)" if _collect("hijri_era") else ""
        pats.append(("hijri", rf"{lead}{wd_block}{DAY}\s*{dm_link}{cl}(?P<hm>{alt(hijri)})(?!\w)"
                              rf"(?:\s*(?P<hy>1[3-5]\d\d)(?!\d){era}"
                              rf"|\s+(?P<past>{alt(_collect('after_past'))})(?!\w)"
                              rf"|\s+(?P<next>{alt(_collect('after_next'))})(?!\w)|)"))
    # month + year / month + past-next word / context word + month
    pats.append(("my", rf"(?<!\w){opt('month_before')}{cl}(?P<m>{MONTH})(?!\w)\.?{alt_month}[\s,]*{my_link}(?P<y>{YEAR})"))
    pats.append(("mrel", rf"(?<!\w){opt('month_before')}{cl}(?P<m>{MONTH_W})(?!\w){alt_month}[\s,]+"
                         rf"(?:(?P<ly>{LY})|(?P<ty>{TY})|(?P<past>{alt(_collect('after_past'))})"
                         rf"|(?P<next>{alt(_collect('after_next'))}))(?!\w)"))
    # ("last December", "next March": the word before; not "last December 5", a day)
    if _collect("before_past") or _collect("before_next"):
        pats.append(("mrel_before", rf"(?<!\w)(?:(?P<past>{alt(_collect('before_past'))})|(?P<next>{alt(_collect('before_next'))}))"
                                    rf"\s+{cl}(?P<m>{MONTH_W})(?!\w)(?!\.?\s*\d)"))
    # ("mid-February", "mi-février": the hyphen joins the word to the month)
    pats.append(("mctx", rf"(?<!\w){alt(_collect('month_before'))}(?:\s+|-|(?<=')){cl}(?P<m>{MONTH_W})(?!\w)(?!\s*\d)"))
    # ("mid-2019", "in the summer of 2019", "منتصف عام 2019": a hyphen or a link word before the year)
    pats.append(("year", rf"(?<!\w){alt(_collect('year_before'))}(?:\s+|-){my_link}(?P<y>{YEAR})"))
    # weekday alone: "mardi", "last Tuesday", "يوم الثلاثاء الماضي"
    # a weekday name that is also a common word ("الاثنين", the two) counts alone only after a
    # word such as "يوم"
    ambiguous = set(_collect("weekday_ambiguous"))
    WD_ALONE = alt([w for w in weekdays if w not in ambiguous])
    # or right after an event noun it is the day of ("هجوم الاثنين", Monday's attack): the noun is
    # looked behind, only where such a name opens, and is not the date's text
    wb = _collect("weekday_before")
    ev = _collect("weekday_after_noun")
    after_noun = ""
    if ev:
        # (the name matched first, then noun and name looked behind)
        # (a name or noun this script cannot hold: no such alternative)
        looks = {name: behind(ev, after=r"\s" + re.escape(name)) for name in sorted(kept(ambiguous))}
        after_noun = "".join(f"|{re.escape(name)}(?:{look})" for name, look in looks.items() if look)
    pats.append(("wd", rf"(?<!\w)(?:(?:(?P<wbp>{alt(_collect('before_past'))})\s+"
                       rf"|(?P<wbn>{alt(_collect('before_next'))})\s+|{alt(wb)}\s+){cl}(?P<wd>{WD})"
                       rf"|{cl}(?P<wd2>{WD_ALONE}{after_noun}))(?!\w)(?:\s+{alt(_collect('daypart_after'))}(?!\w)|)"
                       # ("mardi de la semaine dernière", "on Tuesday last week": that day of the week before
                       # the reference's, before "last" alone)
                       rf"(?:\s+(?P<lw>{alt(_collect('weekday_last_week'))})(?!\w)"
                       rf"|\s+(?P<past>{alt(_collect('after_past'))})(?!\w)|\s+(?P<next>{alt(_collect('after_next'))})(?!\w)"
                       # ("le mardi 3", "on Tuesday the 3rd": the day of the month, with no month)
                       rf"|\s+{opt('weekday_date_link')}(?<!\d)(?P<d>[0-3]?\d)(?!\d){SUF}{DAY_ALONE_END}|)"))
    # a day of the reference month or the one before: "في الـ13 من الشهر الجاري", "le 5 du mois dernier"
    # (the month before first: "du mois" is this one only when no "dernier" follows)
    cur, prev = _collect("day_of_this_month"), _collect("day_of_last_month")
    if cur or prev:
        pats.append(("dmonth", rf"(?<!\w){DAY}\s*(?:(?P<prev>{alt(prev)})|(?P<cur>{alt(cur)}))(?!\w)"
                               rf"(?!\s+{alt(_collect('after_next'))}(?!\w))"))
    # a day of the month alone, in digits, after a word that opens one and before the end of
    # the phrase or a word that goes on after a date: "le 8 au soir", "on the 8th, ...", "يوم 8
    # في", or a night or span of two such days ("dans la nuit du 7 au 8"). Not "le 8e régiment",
    # "le 8 sur 10", "les 8 soldats"
    DAB = _collect("day_alone_before")
    if DAB:
        pats.append(("dalone", rf"(?<!\w){alt(DAB)}\s+(?:(?P<d1>[0-3]?\d)(?!\d){SUF}\s*(?:-|{solo}\s)\s*{ART}|)"
                               rf"{ART}(?<!\d)(?P<d>[0-3]?\d)(?!\d){SUF}{DAY_ALONE_END}"))
    # a night or span from one weekday to the next: "dans la nuit de dimanche à lundi"
    # (the two days joined by a link word, a slash or a dash, or only a space: "ليلة الخميس/الجمعة",
    # "ليل الخميس الجمعة")
    pats.append(("wdrange", rf"(?<!\w){alt(_collect('range_before'))}\s+{cl}(?P<wd1>{WD})"
                            rf"(?:\s+{alt(_collect('range_link'))}\s+|\s*[/-]\s*|\s+){cl}(?P<wd>{WD})(?!\w)"))
    pats.append(("day", rf"(?<!\w){cl}(?P<dw>{alt(days)})(?!\w)"))
    # relative phrases from the data templates, one named group per template: an empty one closing
    # it, set when the template matched (`re` tries an alternative that opens on a letter only where
    # that letter stands, but enters one that opens on a group everywhere: twice the scan's cost)
    ng = number_grammar()
    num_words = set()
    for lg in ng.langs:
        num_words.update(lg.canonical)
    NUM = rf"\d+|{alt(num_words)}(?:[\s-]+(?:{alt(ng.joiners)}\s+|){cl}{alt(num_words)})*"
    def unit_alts(only: str | None) -> tuple[str, str, str]:
        # (a form may take the words of one unit only: "pendant le week-end", not "pendant le mois")
        us = [u for u in units if only is None or units[u][0] == only]
        return (alt(us), alt([u for u in us if u in plural]),
                alt([u for u in us if u not in plural or u in invariable]))

    # (the forms of one unit only are a pattern of their own, "rel_<unit>", run only around that
    # unit's words: each form more in the one pattern costs it a try at every position)
    rel_parts: dict[str, list] = {}
    relative = []
    # (and the forms that end on a word of their own, "trois jours plus tard", "the week before
    # last", a pattern "rel_end" run only around those words, rarer than the unit words)
    idx = 0
    end_words: set[str] = set()
    for d in data.values():
        for item in d.get("relative", []):
            body = _form(item["form"], idx, *unit_alts(item.get("unit")), NUM)
            end_words.update(item.get("ends_with", ()))
            key = "rel_" + item["unit"] if item.get("unit") else "rel_end" if item.get("ends_with") else "rel"
            # (a form that cannot match in a text of the script is left out: one more form costs its
            # pattern a try at every position. The kinds keep the whole grammar's order: two
            # patterns of a kind may match the same words, and the first one's match is kept)
            forms = rel_parts.setdefault(key, [])
            if fits is None or _may_match(body, fits):
                forms.append(f"(?:{body})(?P<r{idx}>)")
            relative.append((f"r{idx}", item["kind"], item.get("n")))
            idx += 1
    rel_parts = {kind: forms for kind, forms in rel_parts.items() if forms}
    for kind, parts in rel_parts.items():
        # (a unit word hyphenated on is another word: "ce week-end" is no week)
        pats.append((kind, rf"(?<!\w)(?:{'|'.join(parts)})(?![\w-])"))
    # (a kind named "<kind>_<x>" is another pattern of that kind, with triggers of its own)
    compiled = []
    for k, p in pats:
        rx = re.compile(p)
        compiled.append((k.split("_")[0], rx, k, scan.after_non_word(rx)))
    shift_re = re.compile(rf"(?<!\w)(?P<sh>{alt(shifts)})\s*\Z") if shifts else re.compile("(?!)")
    # the words that must occur in a date of each kind: the patterns run only around them
    triggers: dict[str, set] = {}

    def trig(words, kinds, last=False):
        # one word per phrase, the rarest kind: the first of a month name ("كانون"), the last
        # of a day phrase of three letters or more ("la nuit dernière" -> "derniere", not "la";
        # "ce jour-là" -> "jour", not "la")
        for w in words:
            toks = re.findall(r"\w+", w)
            if toks:
                tok = next((t for t in reversed(toks) if len(t) >= 3), toks[-1]) if last else toks[0]
                triggers.setdefault(tok, set()).update(kinds)

    trig(months, ("dm", "range", "my", "mrel", "mctx"))
    # (a Hijri month by its first word of four letters or more, else its longest: "ذو القعدة" by
    # "القعدة", not the common "ذو"; "جمادى الأولى" by "جمادى", not the common "الأولى")
    for name in hijri:
        toks = re.findall(r"\w+", name)
        triggers.setdefault(next((t for t in toks if len(t) >= 4), max(toks, key=len)), set()).add("hijri")
    # ("last December": the past or next word is rarer than the month)
    trig(_collect("before_past") + _collect("before_next"), ("mrel_before",), last=True)
    # "October 13" names a month of a language that writes the month first: only those trigger it
    # (its weekday and year are optional; the month is not)
    trig(months_first, ("md", "range_mf"))
    trig(weekdays, ("dm", "wd", "wdrange"))
    trig(days, ("day",), last=True)
    # (a unit word of two, "week-end", "نهاية الأسبوع", triggers whole: its own forms run only
    # around it, not around every "week")
    for u, (unit, _) in units.items():
        own = "rel_" + unit
        triggers.setdefault(u, set()).update(("rel", "dmonth") + ((own,) if own in rel_parts else ()))
    trig(_collect("day_of_this_month") + _collect("day_of_last_month"), ("dmonth",), last=True)
    trig([norm(w) for w in end_words], ("rel_end",), last=True)
    art = f"(?:{alt(_collect('articles'))}|)" if _collect("articles") else ""
    # a year, or a day alone's digits right after its opening word's last word ("le 8", "the 8th",
    # "يوم 8"): one branch opening on a digit, the words looked behind only there (a branch more,
    # tried at every position, would cost the scan a tenth)
    after_opener = behind([re.findall(r"\w+", w)[-1] for w in _collect("day_alone_before")],
                          before=r"\b", after=r"\s\d")
    day_alone = rf"|(?:{after_opener})\d?(?!\d)" if after_opener else ""
    # A trigger word is one alternative per first character: of the clitic before it (the word
    # then in group t<i>), of the article, or of the word itself (the whole match). `re` tries an
    # alternative opening on a character only where that character stands, where an optional
    # clitic and article were groups entered at every word. The order is the optional parts' own:
    # clitic, then article, then the bare word.
    trigger = alt(triggers)
    alternatives = [rf"{c}(?P<t{i}>{art}{trigger})(?!\w)" for i, c in enumerate(branches(_collect("clitics")))]
    alternatives += [rf"{a}{trigger}(?!\w)" for a in branches(_collect("articles"))]
    alternatives += [rf"{b}(?!\w)" for b in branches(triggers)]
    # (and a numeric date with its year in two digits: "03/03/26")
    alternatives.append(rf"\d(?:(?<=1)9\d\d(?!\d)|(?<=2)0\d\d(?!\d)|\d?/[01]?\d/\d\d(?!\d){day_alone})")
    trigger_re = re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})")
    return _Grammar(compiled, months, weekdays, days, shifts, shift_re, relative, units,
                    {k: frozenset(v) for k, v in triggers.items()}, trigger_re, scan.after_non_word(trigger_re),
                    tuple(_collect("articles")), day_numbers,
                    _needs(kept(day_numbers)), story,
                    period_parts, re.compile(rf"(?<!\w)(?P<p>{alt(period_parts)})(?!\w)" if period_parts else "(?!)"),
                    re.compile(rf"(?<!\w){alt(_collect('part_since'))}\s+\Z" if _collect("part_since") else "(?!)"),
                    hijri)


def _may_match(pattern: str, fits) -> bool:
    """Whether `pattern` may match in a text every character of which `fits` (a test of SCRIPTS):
    not when each way through it reads a character that fails the test ("قبل" in an ASCII text).
    (A class, an assertion that a character is absent, a repeat that may read none: it may.)"""
    def can(items) -> bool:
        for op, av in items:
            if op is _C.LITERAL and not fits(chr(av)):
                return False
            if op is _C.IN and all(o is _C.LITERAL and not fits(chr(v)) for o, v in av):
                return False
            if op is _C.BRANCH and not any(can(alt) for alt in av[1]):
                return False
            if op is _C.SUBPATTERN and not can(av[-1]):
                return False
            if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and av[0] > 0 and not can(av[2]):
                return False
            if op is _C.ASSERT and not can(av[1]):
                return False
        return True

    return can(_parser.parse(pattern))


def _needs(day_numbers) -> dict[str, tuple[re.Pattern, ...]]:
    """Per pattern kind, what each of its dates holds, as patterns one of which it matches: a digit
    or a day word for a date naming a day; two numbers apart for a range of days; digits on both
    sides of a separator for a numeric date; a year for a month and year. (A digit and the day
    words are two patterns: `re` skips in C to where one opening on a class or on letters may
    begin, but tries an alternation of both at every position.)"""
    day = (re.compile(r"\d"),) + ((re.compile(_alt(day_numbers)),) if day_numbers else ())
    numeric = (re.compile(r"\d[-/.]\d"),)
    return {"dm": day, "md": day, "dmonth": day, "hijri": day, "range": (re.compile(r"\d\D+\d"),),
            "iso": numeric, "numeric": numeric, "my": (re.compile(r"(?:19|20)\d\d"),)}


# ---------------------------------------------------------------- calendar arithmetic

def _date(y: int, m: int, d: int) -> D | None:
    try:
        return D(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> D:
    return (D(y + (m == 12), m % 12 + 1, 1) - _dt.timedelta(days=1))


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


HIJRI_EPOCH = D(622, 7, 19).toordinal()   # 1 Muharram 1 AH of the tabular calendar (civil epoch)
HIJRI_YEAR = 10631 / 30                    # its mean year in days (30 years of 354 or 355 days)


def hijri_to_gregorian(y: int, m: int, d: int) -> D | None:
    """Day `d` of month `m` of Hijri year `y`, by the tabular Islamic calendar (30-year cycle,
    leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29; months of 30 and 29 days in turn): the
    months begun by the sighted moon or Umm al-Qura may start a day before or after, so the day
    is ±1. 1 Ramadan 1447 -> 2026-02-18. None for no such day."""
    if not (1 <= m <= 12 and 1 <= d <= 30 and y >= 1):
        return None
    return D.fromordinal(HIJRI_EPOCH - 1 + d + (59 * (m - 1) + 1) // 2 + (y - 1) * 354 + (3 + 11 * y) // 30)


def _hijri_nearest(m: int, d: int, ref: D, past: bool, nxt: bool) -> D | None:
    """A Hijri day with no year: of the Hijri years around `ref`, the latest such day at most a week
    after it (as a weekday's year candidates); with a past word the latest on or before it, with
    a next word the first on or after it."""
    y = int((ref.toordinal() - HIJRI_EPOCH) / HIJRI_YEAR) + 1
    days = [dt for dt in (hijri_to_gregorian(x, m, d) for x in (y - 1, y, y + 1, y + 2)) if dt]
    if nxt:
        return min((dt for dt in days if dt >= ref), default=None)
    limit = ref if past else ref + WEEK_SLACK
    return max((dt for dt in days if dt <= limit), default=None)


def _on_weekday(dt: D | None, gd: dict, g: _Grammar) -> D | None:
    """A Hijri day told with its weekday ("الأحد 25 رمضان"): the day of the ±1 the tabular
    calendar leaves that falls on that weekday."""
    if dt is None or not gd.get("wd"):
        return dt
    wd = g.weekdays[_key(gd["wd"])]
    return next((x for x in (dt, dt - _dt.timedelta(days=1), dt + _dt.timedelta(days=1)) if x.weekday() == wd), dt)


def _parse_iso(s: str | None) -> D | None:
    if not s:
        return None
    try:
        return D.fromisoformat(str(s)[:10])
    except ValueError:
        return None


def _window(cfg) -> tuple[int, int]:
    lo = getattr(cfg, "plausible_year_min", 2011) if cfg else 2011
    hi = getattr(cfg, "plausible_year_max", None) if cfg else None
    return int(lo), int(hi or D.today().year)


def resolve_year_candidates(day: int, month: int, weekday: int, lo: int | None = None,
                            hi: int | None = None) -> list[int]:
    """Years in which `day` `month` falls on `weekday` (0 = Monday): every such year of
    [lo, hi] (default: the configured plausible window) plus the nearest one on each side.
    "mardi 13 avril" -> [2010, 2021, 2027] for the window 2011-2026."""
    if lo is None or hi is None:
        from .config import Config
        dlo, dhi = _window(Config())
        lo = dlo if lo is None else lo
        hi = dhi if hi is None else hi
    fits = lambda y: (dt := _date(y, month, day)) is not None and dt.weekday() == weekday  # noqa: E731
    inside = [y for y in range(lo, hi + 1) if fits(y)]
    below = next((y for y in range(lo - 1, lo - 60, -1) if fits(y)), None)
    above = next((y for y in range(hi + 1, hi + 60) if fits(y)), None)
    return sorted(([below] if below else []) + inside + ([above] if above else []))


def _pick_candidate(dates: list[D], published: D | None, cfg, hint: D | None = None) -> D | None:
    """With a published date: the latest candidate at most a week after it. Without: the latest
    candidate inside the plausible window (and not after today), preferring, when the text
    fixes another date (`hint`), those not after that date."""
    if not dates:
        return None
    if published is not None:
        before = [d for d in dates if d <= published + WEEK_SLACK]
        return max(before) if before else min(dates)
    lo, hi = _window(cfg)
    limit = min(D(hi, 12, 31), D.today() + WEEK_SLACK)
    inside = [d for d in dates if lo <= d.year and d <= limit]
    if inside:
        near = [d for d in inside if hint is not None and d <= hint + WEEK_SLACK]
        return max(near or inside)
    older = [d for d in dates if d <= limit]
    return max(older) if older else min(dates)


def _day_alone(gd: dict, ref: D, weekday: int | None = None) -> DateValue | None:
    """A day of the month alone ("le 8") or two ("dans la nuit du 7 au 8"): the latest such
    day on or before `ref`; with a weekday ("le mardi 3"), the latest such day on that weekday
    up to a week after `ref` (an announced day), else the latest such day."""
    if weekday is not None:
        for back in range(15):
            y, mo = _add_months(ref.year, ref.month, -back)
            dt = _date(y, mo, int(gd["d"]))
            if dt is not None and dt.weekday() == weekday and dt <= ref + WEEK_SLACK:
                return _dv(dt, dt, "day")
    last = _latest_day_of_month(int(gd["d"]), ref)
    if last is None:
        return None
    first = _latest_day_of_month(int(gd["d1"]), last) if gd.get("d1") else last
    return None if first is None else _dv(first, last, "range" if first < last else "day")


def _latest_day_of_month(day: int, ref: D) -> D | None:
    """The latest `day` of a month on or before `ref` ("le 8" told on 10 March is 8 March, told on
    5 March 8 February); None for a day no month of the last three has."""
    for back in range(4):
        y, mo = _add_months(ref.year, ref.month, -back)
        dt = _date(y, mo, day)
        if dt is not None and dt <= ref:
            return dt
    return None


def _week(d: D) -> tuple[D, D]:
    mon = d - _dt.timedelta(days=d.weekday())
    return mon, mon + _dt.timedelta(days=6)


# ---------------------------------------------------------------- stage

@dataclass(slots=True)
class _Hit:
    kind: str
    s: int                  # normalised offsets
    e: int
    m: re.Match
    value: DateValue | None = None
    basis: str = ""
    story: int | None = None   # a day told from the story: its offset from the last day named before
    story_units: tuple | None = None  # units told from the story ("three days later"): (unit, how many back)
    # the match's groups by name, read by each resolution step: taken once a hit is kept (a match
    # of many named groups makes groupdict() dear)
    gd: dict | None = None


YEAR_KINDS = frozenset(("iso", "numeric", "year", "my", "dm", "range"))
DAY_ALONE = frozenset(("dalone",))
NUMERIC_Y2 = frozenset(("numeric_y2",))
BEFORE, AFTER = 90, 60      # how far a date reaches around the word that triggers it
# patterns whose dates name two of their trigger words ("dans la nuit de dimanche à lundi"): run
# only in windows where two such words merged
PAIRED = frozenset(("wdrange",))


def _windows(norm_text: str, g: _Grammar) -> dict[str, list[tuple[int, int]]]:
    """Per pattern kind, the merged text windows around its trigger words."""
    n = len(norm_text)
    spans: dict[str, list[tuple[int, int]]] = {}
    trig = g.triggers
    paired = set()        # (kind, window start) of the PAIRED kinds' windows of two triggers or more
    for start, m in scan.word_matches(g.trigger_re, g.trigger_fast, norm_text):
        # (the word after its clitic, or the whole match: a word, or digits)
        w = m.group(m.lastindex) if m.lastindex else norm_text[start:m.end()]
        if w[0].isdecimal():
            # (by its length: a day alone's one or two digits, a year's four, a date's more)
            width = m.end() - start
            kinds = DAY_ALONE if width < 3 else YEAR_KINDS if width == 4 else NUMERIC_Y2
        else:
            kinds = trig.get(w, frozenset())
            for a in g.articles:
                if w.startswith(a) and w[len(a):] in trig:
                    kinds = kinds | trig[w[len(a):]]
        lo, hi = max(0, start - BEFORE), min(n, m.end() + AFTER)
        while hi < n and norm_text[hi].isalnum():
            hi += 1
        for k in kinds:
            lst = spans.setdefault(k, [])
            if lst and lo <= lst[-1][1]:
                lst[-1] = (lst[-1][0], max(hi, lst[-1][1]))
                if k in PAIRED:
                    paired.add((k, lst[-1][0]))
            else:
                lst.append((lo, hi))
    for k in PAIRED.intersection(spans):
        spans[k] = [w for w in spans[k] if (k, w[0]) in paired]
    return spans


def _find(norm_text: str, g: _Grammar) -> list[_Hit]:
    hits = []
    seen = set()
    windows = _windows(norm_text, g)
    held: dict[tuple[tuple, int, int], bool] = {}     # (need, window) -> whether the window holds it
    for kind, pat, wkind, fast in g.patterns:
        need = g.needs.get(kind)
        for lo, hi in windows.get(wkind, ()):
            # what each date of the pattern holds (a digit, a day word, a year) most of its windows
            # have not: one quick search spares the long pattern there
            if need is not None:
                key = (need, lo, hi)
                if key not in held:
                    held[key] = any(p.search(norm_text, lo, hi) for p in need)
                if not held[key]:
                    continue
            for start, m in scan.word_matches(pat, fast, norm_text, lo, hi):
                end = m.end()
                if end > start and (kind, start, end) not in seen:
                    seen.add((kind, start, end))
                    hits.append(_Hit(kind, start, end, m))
    # longest first, then leftmost; keep those that overlap nothing kept
    hits.sort(key=lambda h: (-(h.e - h.s), h.s))
    kept: list[_Hit] = []
    taken = bytearray(len(norm_text) + 1)      # 1 where a kept date lies
    for h in hits:
        if taken.find(1, h.s, h.e) != -1:
            continue
        h.gd = h.m.groupdict()
        kept.append(h)
        taken[h.s:h.e] = b"\x01" * (h.e - h.s)
    kept.sort(key=lambda h: h.s)
    return kept


def _dv(start: D | None, end: D | None, precision: str, **kw) -> DateValue:
    return DateValue(start.isoformat() if start else None, end.isoformat() if end else None, precision, **kw)


def _key(s: str) -> str:
    return " ".join(s.split())


def _day(gd: dict, g: _Grammar) -> int:
    """The day of the month a match names, in digits or as a word."""
    return int(gd["d"]) if gd.get("d") else g.day_numbers[_key(gd["dn"])]


def _range_months(gd: dict, g: _Grammar) -> tuple[int, int]:
    """The months of a range's first and last days (one month named: both)."""
    last = g.months[_key(gd.get("m") or gd["m1"])]
    return g.months[_key(gd["m1"])] if gd.get("m1") else last, last


def _absolute(h: _Hit, g: _Grammar, cfg) -> None:
    """Step 1: dates whose year is written."""
    gd = h.gd
    if h.kind == "hijri":
        if gd.get("hy"):
            dt = _on_weekday(hijri_to_gregorian(int(gd["hy"]), g.hijri_months[_key(gd["hm"])], _day(gd, g)), gd, g)
            h.value, h.basis = (_dv(dt, dt, "day"), "explicit") if dt else (None, "")
        return
    y = int(gd["y"]) if gd.get("y") else None
    if gd.get("y2"):
        y = 2000 + int(gd["y2"])
        if y > _window(cfg)[1] + 1:
            return
    if y is None:
        return
    if h.kind in ("dm", "md", "iso", "numeric", "range"):
        if h.kind == "range":
            mo1, mo = _range_months(gd, g)
        else:
            mo = g.months.get(_key(gd["m"])) if h.kind in ("dm", "md") else int(gd["m"])
        d = _day(gd, g)
        if h.kind == "numeric" and mo > 12 and d <= 12:
            d, mo = mo, d
        dt = _date(y, mo, d)
        if dt is None:
            return
        if h.kind == "range":
            d1 = _date(y - (mo1 > mo), mo1, int(gd["d1"]))
            if d1 is None or d1 > dt:
                return
            h.value, h.basis = _dv(d1, dt, "range"), "explicit"
        else:
            h.value, h.basis = _dv(dt, dt, "day"), "explicit"
    elif h.kind == "my":
        mo = g.months[_key(gd["m"])]
        h.value, h.basis = _dv(D(y, mo, 1), _month_end(y, mo), "month"), "explicit"
    elif h.kind == "year":
        h.value, h.basis = _dv(D(y, 1, 1), D(y, 12, 31), "year"), "year"


def _weekday_fixed(h: _Hit, g: _Grammar, published: D | None, hint: D | None, cfg) -> None:
    """Step 2: a weekday with day and month and no year."""
    gd = h.gd
    if h.kind not in ("dm", "md") or gd.get("y") or not gd.get("wd"):
        return
    mo, d, wd = g.months[_key(gd["m"])], _day(gd, g), g.weekdays[_key(gd["wd"])]
    lo, hi = _window(cfg)
    if published is not None:
        lo, hi = min(lo, published.year - 12), max(hi, published.year + 1)
    years = resolve_year_candidates(d, mo, wd, lo, hi)
    dates = [D(y, mo, d) for y in years]
    if not dates:
        return
    chosen = _pick_candidate(dates, published, cfg, hint)
    h.value = _dv(chosen, chosen, "day", candidates=[x.isoformat() for x in dates])
    h.basis = "weekday"


def _yearless(day: int, mo: int, ref: D | None, published: D | None, past: bool, nxt: bool) -> D | None:
    if ref is None:
        return None
    if nxt:
        for y in (ref.year, ref.year + 1, ref.year + 2):
            dt = _date(y, mo, day)
            if dt and dt >= ref:
                return dt
        return None
    if past or published is not None:
        for y in (ref.year, ref.year - 1, ref.year - 2, ref.year - 3, ref.year - 4):
            dt = _date(y, mo, day)
            if dt and dt <= ref:
                return dt
        return None
    return _date(ref.year, mo, day)


def _relative(h: _Hit, g: _Grammar, ref: D | None, published: D | None) -> None:
    """Step 4-5: everything resolved against the reference date."""
    gd = h.gd
    k = h.kind
    if k in ("dm", "md", "range"):
        mo1, mo = _range_months(gd, g) if k == "range" else (None, g.months[_key(gd["m"])])
        d = _day(gd, g)
        past, nxt = bool(gd.get("past")), bool(gd.get("next"))
        if ref is not None and (gd.get("ly") or gd.get("ty")):
            dt = _date(ref.year - bool(gd.get("ly")), mo, d)
        else:
            dt = _yearless(d, mo, ref, published, past, nxt)
        md = f"--{mo:02d}-{d:02d}"
        if k == "range":
            d1 = int(gd["d1"])
            if dt is None:
                h.value = _dv(None, None, "range", month_day=md)
            else:
                first = _date(dt.year - (mo1 > mo), mo1, d1)
                h.value = _dv(first, dt, "range") if first and first <= dt else _dv(dt, dt, "day")
        elif dt is None:
            h.value = _dv(None, None, "day", month_day=md)
        else:
            h.value = _dv(dt, dt, "day")
        h.basis = "yearless"
    elif k in ("mrel", "mctx"):
        mo = g.months[_key(gd["m"])]
        past, nxt = bool(gd.get("past")), bool(gd.get("next"))
        if ref is None:
            h.value = _dv(None, None, "month", month_day=f"--{mo:02d}")
        elif gd.get("ly") or gd.get("ty"):
            y = ref.year - bool(gd.get("ly"))
            h.value = _dv(D(y, mo, 1), _month_end(y, mo), "month")
        else:
            y = ref.year
            if nxt and mo < ref.month:
                y += 1
            elif (past and mo >= ref.month and not (mo == ref.month and published is None)) \
                    or (published is not None and not nxt and mo > ref.month):
                y -= 1
            h.value = _dv(D(y, mo, 1), _month_end(y, mo), "month")
        h.basis = "relative"
    elif k == "wd":
        wd = g.weekdays[_key(gd.get("wd") or gd["wd2"])]
        nxt = bool(gd.get("next") or gd.get("wbn"))
        past = bool(gd.get("past") or gd.get("wbp"))
        if ref is None:
            h.value = _dv(None, None, "day")
        elif gd.get("d"):
            h.value = _day_alone(gd, ref, wd)
        elif gd.get("lw"):
            dt = _week(ref)[0] - _dt.timedelta(days=7 - wd)
            h.value = _dv(dt, dt, "day")
        else:
            if nxt:
                delta = (wd - ref.weekday()) % 7 or 7
                dt = ref + _dt.timedelta(days=delta)
            else:
                delta = (ref.weekday() - wd) % 7
                if past and delta == 0:
                    delta = 7
                dt = ref - _dt.timedelta(days=delta)
            h.value = _dv(dt, dt, "day")
        h.basis = "relative"
    elif k == "hijri":
        dt = None
        if ref is not None:
            dt = _on_weekday(_hijri_nearest(g.hijri_months[_key(gd["hm"])], _day(gd, g), ref,
                                            bool(gd.get("past")), bool(gd.get("next"))), gd, g)
        h.value, h.basis = _dv(dt, dt, "day"), "yearless"
    elif k == "dmonth":
        d = _day(gd, g)
        if ref is None:
            h.value = _dv(None, None, "day")
        else:
            y, mo = _add_months(ref.year, ref.month, -1 if gd.get("prev") else 0)
            dt = _date(y, mo, d)
            h.value = _dv(dt, dt, "day") if dt else None
        h.basis = "relative"
    elif k == "dalone":
        h.value = _day_alone(gd, ref) if ref else _dv(None, None, "range" if gd.get("d1") else "day")
        h.basis = "relative"
    elif k == "wdrange":
        wd1, wd = g.weekdays[_key(gd["wd1"])], g.weekdays[_key(gd["wd"])]
        if ref is None:
            h.value = _dv(None, None, "range")
        else:
            end = ref - _dt.timedelta(days=(ref.weekday() - wd) % 7)
            start = end - _dt.timedelta(days=(wd - wd1) % 7)
            h.value = _dv(start, end, "range")
        h.basis = "relative"
    elif k == "day":
        off = g.days.get(_key(gd["dw"]))
        if off is None:      # "اليوم التالي", "the next day": told from the story, not the calendar
            h.story = g.story_days.get(_key(gd["dw"]))
            return
        dt = ref + _dt.timedelta(days=off) if ref else None
        h.value, h.basis = _dv(dt, dt, "day"), "relative"
    elif k == "rel":
        _phrase(h, g, ref)
        h.basis = "relative"


def _phrase(h: _Hit, g: _Grammar, ref: D | None) -> None:
    gd = h.gd
    for name, kind, n_default in g.relative:
        if gd.get(name) is None:        # (the template's group is empty: "" when it matched)
            continue
        unit, n_unit = g.units.get(_key(gd.get(name + "u") or ""), (None, None))
        if unit is None:
            return
        n = None
        if gd.get(name + "n"):
            raw = gd[name + "n"]
            n = int(raw) if raw.isdigit() else word_value(raw)
        n = n or n_unit or n_default
        if unit == "weekend":
            h.value = _weekend(ref, kind, n) if ref else _dv(None, None, "range")
            return
        if kind == "recent" and not n:
            n = RECENT[unit]
        if unit == "hour":
            # hours count as the days they reach back over: "il y a 3 heures" is the reference
            # day, "over the past 24 hours" the day before it and the reference
            unit = "day"
            if n is not None:
                n = n // 24 if kind == "ago" else -(-n // 24)
            if kind in ("previous", "current"):
                kind = "current"
        if kind in ("earlier", "later") and n is not None:
            # told from the story's last day ("trois jours plus tard"); "earlier" with no day named
            # before counts from the reference, as "ago"
            h.story_units = (unit, n if kind == "earlier" else -n)
            if kind == "later":
                return
            kind = "ago"
        prec = {"ago": unit, "last_n": "range", "recent": "range", "previous": unit, "current": unit,
                "since_start": "range", "later": unit}[kind]
        if ref is None:
            h.value = _dv(None, None, prec)
            return
        if kind == "ago" and n is not None:
            h.value = _units_back(ref, unit, n)
        elif kind in ("last_n", "recent") and n:
            if unit == "day":
                start = ref - _dt.timedelta(days=n)
            elif unit == "week":
                start = ref - _dt.timedelta(weeks=n)
            else:
                months = n * (12 if unit == "year" else 1)
                y, mo = _add_months(ref.year, ref.month, -months)
                start = _date(y, mo, min(ref.day, _month_end(y, mo).day))
            h.value = _dv(start, ref, "range")
        elif kind in ("previous", "current"):
            h.value = _units_back(ref, unit, 1 if kind == "previous" else 0)
        elif kind == "since_start":
            h.value = _dv(D.fromisoformat(_units_back(ref, unit, 0).start), ref, "range")
        return


def _weekend(ref: D, kind: str, n: int | None) -> DateValue:
    """A weekend, Saturday to Sunday (the end of the Monday-first week every week phrase
    counts), as a range: "ce week-end", "over the weekend" the latest one begun by `ref`;
    "le week-end dernier" the latest one over before it; "il y a deux week-ends" and "over
    the last two weekends" count back from that one."""
    sat = ref - _dt.timedelta(days=(ref.weekday() - 5) % 7)
    if kind in ("previous", "ago") and sat + _dt.timedelta(days=1) >= ref:
        sat -= _dt.timedelta(weeks=1)
    sat -= _dt.timedelta(weeks=max((n or 1) - 1, 0))
    return _dv(sat, ref if kind == "last_n" else sat + _dt.timedelta(days=1), "range")


# the months of a part of a year ("early 2025", "fin 2024", "منتصف العام الماضي"): early, mid,
# late its first, middle and last four months; the seasons the northern meteorological ones,
# winter the one whose January the year holds ("winter 2024": December 2023 to February 2024)
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "first_half": (1, 6), "second_half": (7, 12),
              "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
# the days of a named part of a month ("the first week of March", "la seconde quinzaine de
# février", "الأسبوع الأخير من شباط"): first and last day, negative from its end, None its end
MONTH_PARTS = {"week1": (1, 7), "week2": (8, 14), "week3": (15, 21), "week4": (22, 28), "last_week": (-7, None),
               "first_half": (1, 15), "second_half": (16, None)}


def _period_part(h: _Hit, v: DateValue, norm_text: str, g: _Grammar, ref: D, published: D | None) -> int:
    """A part of the month or week a date names ("late last month", "à la mi-mars", "منتصف آذار",
    "earlier this week"): a part word in the date before its month or unit word, or right before
    the date, narrows it to a range: early, mid, late the first, second, last ten days of a month
    (two, two, three days of a week); earlier the days of the period before the reference, later
    those after it; of a year, its months in YEAR_PARTS ("early 2025", "l'été 2023"). A part holding
    the published day ends there. Returns where the date starts (at the part word when it is before)."""
    gd = h.gd
    name = "m" if gd.get("m") else "y" if h.kind == "year" else \
        next((k for k, x in gd.items() if x and k[0] == "r" and k[-1] == "u"), None)
    if name is None:
        return h.s
    pm = None
    for pm in g.part_re.finditer(norm_text, max(0, h.s - 30), h.m.start(name)):
        pass
    if pm is None or pm.start() < h.s and norm_text[pm.end():h.s].strip(" -"):
        return h.s
    part = g.parts[_key(pm.group("p"))]
    start, end = D.fromisoformat(v.start), D.fromisoformat(v.end)
    day = _dt.timedelta(days=1)
    if part in ("earlier", "later"):
        if not start <= ref <= end:
            return h.s
        start, end = (start, max(start, ref - day)) if part == "earlier" else (min(ref + day, end), end)
    elif v.precision == "year":
        # ("depuis le début de l'année dernière": since then, not that part: the whole year)
        if part not in YEAR_PARTS or g.part_since_re.search(norm_text, max(0, pm.start() - 20), pm.start()):
            return h.s
        first, last = YEAR_PARTS[part]
        y = start.year
        start, end = D(y - (first > last), first, 1), _month_end(y, last)
    elif part in MONTH_PARTS:
        if v.precision != "month":
            return h.s
        first, last = MONTH_PARTS[part]
        # (counted from the month's end when negative: its last week is its last seven days)
        start, end = (start + (first - 1) * day if first > 0 else end + (first + 1) * day,
                      start + (last - 1) * day if last else end)
    elif part not in ("early", "mid", "late"):
        return h.s      # a season is a part of a year only
    else:
        third = _dt.timedelta(days=10 if v.precision == "month" else ((end - start).days + 1) // 3)
        start, end = {"early": (start, start + third - day), "mid": (start + third, start + 2 * third - day),
                      "late": (start + 2 * third, end)}[part]
    if published is not None and start <= published < end:
        # a report tells of days up to its own ("mid-March" on the 15th, "early this year" in
        # March): the part ends there. One wholly after it is told as to come, and stays whole
        end = published
    v.start, v.end, v.precision = start.isoformat(), end.isoformat(), "range"
    return min(h.s, pm.start())


def _units_back(ref: D, unit: str, n: int) -> DateValue:
    """The whole day, week, month or year `n` of them before the one holding `ref`."""
    if unit == "day":
        day = ref - _dt.timedelta(days=n)
        return _dv(day, day, "day")
    if unit == "week":
        return _dv(*_week(ref - _dt.timedelta(weeks=n)), "week")
    if unit == "month":
        y, mo = _add_months(ref.year, ref.month, -n)
        return _dv(D(y, mo, 1), _month_end(y, mo), "month")
    y = ref.year - n
    return _dv(D(y, 1, 1), D(y, 12, 31), "year")


def _latest_day(hits: list[_Hit], bases: tuple[str, ...]) -> D | None:
    best = None
    for h in hits:
        v = h.value
        if v is not None and h.basis in bases and v.precision == "day" and v.start:
            dt = D.fromisoformat(v.start)
            best = dt if best is None or dt > best else best
    return best


def _safely(step, h: _Hit, *args) -> None:
    """Run one resolution step; a date pushed off the calendar (year 1 or 9999) stays unresolved."""
    try:
        step(h, *args)
    except (OverflowError, ValueError):
        h.value = None


def report_anchor(report: Report) -> D | None:
    """The report's anchor date: its latest day-precision date whose year the text fixes
    (an explicit year, or a weekday with day and month). Relative and yearless dates are
    resolved against it when the report has no published date. None when it has none."""
    best = None
    for v in report.dates:
        basis = getattr(v, "_basis", None)
        if basis is None:   # a DateValue read back from JSON: judge by its text
            basis = "explicit" if re.search(YEAR, v.text or "") else ("weekday" if v.candidates else "")
        if basis in ("explicit", "weekday") and v.precision == "day" and v.start:
            dt = D.fromisoformat(v.start)
            best = dt if best is None or dt > best else best
    return best


def find_dates(text: str, published: str | None = None, cfg=None,
               norm_text: str | None = None, index: list[int] | None = None) -> list[DateValue]:
    """The dates of `text` (see the module doc); offsets into `text`."""
    if norm_text is None or index is None:
        norm_text, index = normalise_text(text)
    # (each script's grammar compiled when a first text of it comes: a run of one language
    # compiles one, ~0.2 s, not all three)
    g = grammar(text_script(norm_text))
    hits = _find(norm_text, g)
    pub = _parse_iso(published)
    for h in hits:
        _safely(_absolute, h, g, cfg)
    explicit = _latest_day(hits, ("explicit",))
    for h in hits:
        if h.value is None:
            _safely(_weekday_fixed, h, g, pub, explicit, cfg)
    ref = pub or _latest_day(hits, ("explicit", "weekday"))
    for h in hits:
        if h.value is None:
            _safely(_relative, h, g, ref, pub)
    out = []
    last_day = None          # the story's last day so far: what "the next day" counts from
    for i, h in enumerate(hits):
        if h.story is not None and h.value is None and last_day is not None:
            nxt = hits[i + 1].s if i + 1 < len(hits) else None
            # "la veille du 5 mars" is the shift of the date it opens, not a day of its own
            if nxt is None or not (nxt - h.e < 8 and g.shift_re.search(norm_text, max(0, nxt - 40), nxt)):
                dt = last_day + _dt.timedelta(days=h.story)
                h.value, h.basis = _dv(dt, dt, "day"), "story"
        if h.story_units is not None and last_day is not None:
            # (days and weeks from a day are a day: "une semaine plus tard" is 7 days on)
            unit, back = h.story_units
            if unit in ("day", "week"):
                dt = last_day - _dt.timedelta(days=back * (7 if unit == "week" else 1))
                h.value = _dv(dt, dt, "day")
            else:
                h.value = _units_back(last_day, unit, back)
            h.basis = "story"
        if last_day is not None and ref is not None and (h.kind == "dalone" or h.kind == "wd" and h.gd.get("d")):
            # a day alone after a day the text named is of that day's month ("Le 2 mars 2019, ...
            # Le 8, ..."), or the latest before it, and never after the reference
            wd = h.gd.get("wd") or h.gd.get("wd2")
            h.value = _day_alone(h.gd, min(_month_end(last_day.year, last_day.month), ref),
                                 g.weekdays[_key(wd)] if wd else None)
        v = h.value
        if v is None:
            continue
        s = h.s
        sh = g.shift_re.search(norm_text, max(0, s - 40), s)
        if sh and v.precision == "day":
            s = sh.start()
            off = g.shifts.get(_key(sh.group("sh")), 0)
            if v.start:
                try:
                    dt = D.fromisoformat(v.start) + _dt.timedelta(days=off)
                    cands = [(D.fromisoformat(c) + _dt.timedelta(days=off)).isoformat() for c in v.candidates]
                except (OverflowError, ValueError):
                    continue
                v.start = v.end = dt.isoformat()
                v.candidates = cands
        if v.precision in ("month", "week", "year") and v.start and ref is not None:
            s = _period_part(h, v, norm_text, g, ref, pub)
        e = h.e
        while e > s + 1 and norm_text[e - 1] in ".,":
            e -= 1
        ts, te = index[s], end_offset(text, index[e - 1] + 1)
        v.start_offset, v.end_offset, v.text = ts, te, text[ts:te]
        v._basis = h.basis
        out.append(v)
        if v.precision == "day" and v.start and v.start == v.end:
            last_day = D.fromisoformat(v.start)
    return out


def dates(report: Report, ctx=None) -> Report:
    cfg = getattr(ctx, "config", None)
    if report._norm and report._norm_index:
        report.dates = find_dates(report.text, report.published, cfg, report._norm, report._norm_index)
    else:
        report.dates = find_dates(report.text, report.published, cfg)
    return report
