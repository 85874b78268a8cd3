"""Stage — numbers: quantities in the clean text (digits, number words, vague amounts as bounds).

`numbers(report, ctx)` fills `report.numbers` with Quantity(value, at_least, approx, text,
start, end), offsets into report.text, for

- digits, Arabic-Indic digits included (the normalised text has ASCII digits), with thousands
  separators ("12 000", "12,000", "12.000") and scale words ("12 ألفاً", "3 millions");
- number words ("quatre", "twenty-one", "ثلاثة وعشرين"), parsed by text2num (French,
  English) or pyarabic (Arabic), as each language's data file names its parser;
- fixed phrases: collectives ("des dizaines" -> at_least 20, "une dizaine" -> value 10
  approx) and vague amounts ("un certain nombre" -> value None, text kept);
- qualifiers before or after: approximators ("نحو 60" -> value 60 approx) and lower bounds
  ("plus de 100" -> at_least 100, value None).

Numbers that belong to a date found by the dates stage ("13 avril", "il y a 3 mois") or to a
name found by the mentions stage ("France 24"), bare
years (1900-2100 with no qualifier), clock times, ordinals, identifiers ("n° 5", "F-16"),
percentages and ages ("aged 7 and 9") are not quantities. All vocabulary lives in
data/lang/<lang>/numbers.json.
`parse_quantity(text)` is the same matcher on a standalone string.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import langdata, scan
from .scan import trie_branches, trie_regex
from .model import Quantity, Report
from .normalise import normalise_text


# ---------------------------------------------------------------- shared regex helpers

def norm(s: str) -> str:
    """The normalised matching form of a data phrase (same rules as the normalise stage)."""
    return " ".join(normalise_text(s)[0].split())


def end_offset(text: str, end: int) -> int:
    """Extend a span end over the marks the normalised text dropped (tanwin, shadda, tatweel)."""
    n = len(text)
    while end < n and (0x064B <= ord(text[end]) <= 0x0652 or text[end] in "\u0670\u0640"):
        end += 1
    return end


# ---------------------------------------------------------------- word parsers

def _parse_text2num(text: str, lang: str) -> int | None:
    from text_to_num import text2num
    try:
        v = text2num(text, lang)
    except (ValueError, TypeError, AssertionError, IndexError, KeyError):
        return None
    return int(v) if v is not None else None


def _parse_pyarabic(text: str, lang: str) -> int | None:
    from pyarabic.number import text2number
    try:
        v = text2number(text)
    except Exception:  # pyarabic raises assorted errors on odd input
        return None
    return int(v) if v else None


PARSERS = {"text2num": _parse_text2num, "pyarabic": _parse_pyarabic}


@dataclass
class _Lang:
    code: str
    parser: str
    parser_lang: str
    canonical: dict          # normalised word -> word as the parser wants it
    not_alone: frozenset     # parser words (canonical values) that are no number alone
    joiners: set
    only_before: dict = field(default_factory=dict)   # normalised word -> the words one of which must follow it


@dataclass
class _Grammar:
    core: re.Pattern
    phrases: dict            # normalised phrase -> {value, at_least, approx}
    langs: list
    prefix: str              # clitics + article, for stripping tokens
    prefix_re: re.Pattern
    scale_after: re.Pattern
    scales: dict
    qual_before: re.Pattern
    qual_before_last: tuple  # the last words of qual_before's phrases (_before)
    qual_after: re.Pattern
    particle_verb: re.Pattern    # a verb and its particle that reads like a qualifier ("handed over 12")

    qual_after_noun: re.Pattern     # a qualifier after the counted noun ("dix civils au moins")
    skip_before: re.Pattern
    skip_before_last: tuple  # the last words of skip_before's
    skip_after: re.Pattern
    age_before: re.Pattern   # "aged", "âgés de", "بعمر", with the ages listed after it ("aged 7 and 9"): no count
    age_before_last: tuple   # the words age_before may end on (its phrases' last, joiners', ",")
    joiners: set
    cand: re.Pattern         # the words a quantity can start with (digits, number words, phrase heads)
    cand_fast: re.Pattern | None = None     # cand for scan.word_matches, when its matches end on a word character
    cand_ascii: tuple | None = None         # (cand, cand_fast) with re.ASCII, for an ASCII text (_candidates)
    clitic_re: re.Pattern | None = None     # a clitic at the start of a token ("و" of "وسبعة")
    # the value of each one-word run read so far (_word_value): a word a run is made of is a number
    # word of the data with its clitic and article, so the table never holds more than those
    word_values: dict = field(default_factory=dict)


def _words(d: dict, key: str) -> list[str]:
    return [norm(w) for w in d.get(key, [])]


@lru_cache(maxsize=16)
def grammar(langs: tuple[str, ...] | None = None) -> _Grammar:
    """The compiled matcher for the number data of `langs` (all languages when None or when
    none of them has data): number words of one language are often words of another
    (French "seize" in "seize control"), so a report is read with its own languages' data."""
    data = langdata.all_langs("numbers")
    if langs:
        picked = {code: d for code, d in data.items() if code in langs}
        data = picked or data
    phrases: dict[str, dict] = {}
    langs: list[_Lang] = []
    all_words: set[str] = set()
    clitics: set[str] = set()
    articles: set[str] = set()
    joiners: set[str] = set()
    scales: dict[str, int] = {}
    approx_b, approx_a, least_b, least_a, skip_b, skip_a, age_b = set(), set(), set(), set(), set(), set(), set()
    particle_verbs = set()           # "handed over": a qualifier word that is a verb's particle

    approx_n, least_n = set(), set()
    for code, d in data.items():
        for table in ("collectives", "vague", "duals"):
            for phrase, q in d.get(table, {}).items():
                phrases[norm(phrase)] = q
        canonical = {}
        aliases = d.get("word_alias", {})
        for w in d.get("words", []):
            canonical[norm(w)] = aliases.get(w, w)
        all_words.update(canonical)
        js = set(_words(d, "joiners"))
        joiners |= js
        clitics.update(_words(d, "clitics"))
        if d.get("article"):
            articles.add(norm(d["article"]))
        for k, v in d.get("scales", {}).items():
            scales[norm(k)] = int(v)
        approx_b.update(_words(d, "approx_before"))
        approx_a.update(_words(d, "approx_after"))
        least_b.update(_words(d, "at_least_before"))
        least_a.update(_words(d, "at_least_after"))
        approx_n.update(_words(d, "approx_after_noun"))
        least_n.update(_words(d, "at_least_after_noun"))
        skip_b.update(_words(d, "skip_before"))
        particle_verbs.update(_words(d, "particle_verbs"))
        skip_a.update(_words(d, "skip_after"))
        age_b.update(_words(d, "age_before"))
        langs.append(_Lang(code, d.get("word_parser", "text2num"), d.get("word_parser_lang", code),
                           canonical, _not_alone(canonical, set(_words(d, "not_alone"))), js,
                           {norm(w): {norm(x) for x in after} for w, after in d.get("only_before", {}).items()}))
    cl = f"(?:{trie_regex(clitics)}|)" if clitics else ""      # optional, as in trie_regex
    art = f"(?:{trie_regex(articles)}|)" if articles else ""
    pre = cl + art
    word = f"(?:{trie_regex(all_words)})"
    sep = rf"(?:\s+|-)(?:(?:{trie_regex(joiners)})(?:\s+|-|)|)" if joiners else r"(?:\s+|-)"
    seq = rf"{pre}{word}(?:{sep}{pre}{word})*"
    digits = r"\d{1,3}(?:[ ,.]\d{3})+(?!\d)|\d+"
    core = re.compile(
        rf"(?<![\w.,/:#-]){cl}(?P<ph>{trie_regex(phrases)})(?!\w)"
        rf"|(?<![\w/:#])(?<![\w][.,]){cl}(?P<dg>{digits})(?:[.,](?P<frac>\d+)|)"
        rf"|(?<!\w)(?P<wd>{seq})(?!\w)")
    qual_before = re.compile(
        rf"(?<!\w)(?:(?P<ap>{trie_regex(approx_b)})|(?P<al>{trie_regex(least_b)}))\s*\Z")
    qual_after = re.compile(
        rf"\s*(?:(?P<ap>{trie_regex(approx_a)})|(?P<al>{trie_regex(least_a)}))(?!\w)")
    skip_before = re.compile(rf"(?<!\w)(?:{trie_regex(skip_b)})\s*\Z")
    particle_verb = re.compile(rf"(?<!\w)(?:{trie_regex(particle_verbs)})\s+\Z") if particle_verbs else re.compile(r"(?!x)x")
    skip_after = re.compile(rf"\s*(?:{trie_regex(skip_a)})(?!\w)")
    # (the ages listed after it are ages too, written as the one before: "aged 7 and 9", "aged seven
    # and nine", "بعمر 7 و9"; not "aged 30 and two children")
    join = rf"(?:,|{trie_regex(joiners)})" if joiners else ","
    age_before = re.compile(rf"(?<!\w)(?:{trie_regex(age_b)})\s*(?:(?P<dg>(?:\d+\s*{join}\s*)+)|(?P<wd>(?:{word}\s*{join}\s*)+)|)\Z")
    scale_after = re.compile(rf"\s*{cl}(?P<sc>{trie_regex(scales)})(?!\w)")
    prefix_re = re.compile(rf"^{pre}")
    clitic_re = re.compile(rf"^{cl}")
    starts = set(all_words)
    starts.update(p.split()[0] for p in phrases if p.split())
    # a digit, or a word, each with a clitic or not ("و2", "and 2"; the clitic branch tried first,
    # as the optional clitic before the word was). One alternative per first character of the
    # clitic, the article or the word, with what follows appended: written as an optional clitic
    # and article, they were groups `re` entered at every word
    start_word = rf"(?:{trie_regex(starts)})(?!\w)"
    word_start = art + start_word
    cand = re.compile(r"(?<!\w)(?:" + "|".join([r"\d", *(rf"{c}(?:\d|{word_start})" for c in trie_branches(clitics)),
                                                *(a + start_word for a in trie_branches(articles)),
                                                *(w + r"(?!\w)" for w in trie_branches(starts))]) + ")")
    # one to three words of letters between the number and its qualifier: the counted noun
    # ("dix civils au moins", "عشرة عناصر من الجيش على الأقل"); not a qualifier opening the next
    # number ("3 civils tués et au moins 5 blessés")
    qual_after_noun = re.compile(
        rf"(?:\s+[^\W\d_]+){{1,3}}?\s+(?:(?P<ap>{trie_regex(approx_n)})|(?P<al>{trie_regex(least_n)}))(?!\w)"
        rf"(?!\s*{cand.pattern})")
    # (a candidate is a digit or a whole word: it ends on a word character when every word does)
    cand_fast = scan.after_non_word(cand) if all(w[-1:].isalnum() for w in starts) else None
    # (on an ASCII text the ASCII classes \w, \W, \d hold the characters the Unicode ones do, and
    # `re` tests them by a table, not by Unicode lookups: the scan of English and French texts)
    cand_ascii = (re.compile(cand.pattern, re.ASCII), re.compile(cand_fast.pattern, re.ASCII)) if cand_fast else None
    return _Grammar(core, phrases, langs, pre, prefix_re, scale_after, scales, qual_before,
                    _last_words(approx_b | least_b), qual_after, particle_verb, qual_after_noun,
                    skip_before, _last_words(skip_b), skip_after, age_before,
                    _last_words(age_b | set(joiners) | {","}), joiners, cand, cand_fast, cand_ascii, clitic_re)


def _last_words(phrases: set[str]) -> tuple[str, ...]:
    # (a phrase's words match any run of whitespace between them: its last one is its literal end)
    return tuple(sorted({p.split()[-1] for p in phrases if p.split()}))


BEFORE_REACH = 40     # the widest window a phrase before a number is searched in (qual_before's)


def _before(text: str, s: int) -> str:
    r"""The text before offset s, BEFORE_REACH characters less its trailing whitespace: a search of
    `(?<!\w)(?:phrases)\s*\Z` in text[s - reach:s], reach <= BEFORE_REACH, may find one only where
    this ends with the last word of one of the phrases (`_before(text, s).endswith(last_words)`).
    A string test in C, where the search tries every position of the window (most numbers follow
    none); read once per number for the qualifier, age and skip phrases."""
    return text[max(0, s - BEFORE_REACH):s].rstrip()


def _not_alone(canonical: dict, words: set) -> frozenset:
    # judged on the parser's word, normalised (set once here, not per number read)
    return frozenset(v for v in canonical.values() if norm(v) in words)


TOKEN_SEP = re.compile(r"[\s-]+")
FIRST_WORD = re.compile(r"\S+?(?=[\s-]|$)")
NON_DIGIT = re.compile(r"\D")


def word_value(text: str) -> int | None:
    """The value of a run of number words ("trois", "twenty one", "الثلاثة", "ثلاثة وعشرين")."""
    g = grammar()
    tokens = TOKEN_SEP.split(norm(text))
    return _words_value(g, tokens)


def _strip(g: _Grammar, tok: str) -> str:
    m = g.prefix_re.match(tok)
    if m and m.end() < len(tok):
        rest = tok[m.end():]
        # keep the longest reading that is a known number word
        for lg in g.langs:
            if rest in lg.canonical:
                return rest
    return tok


def _words_value(g: _Grammar, tokens: list[str]) -> int | None:
    toks = [t for t in tokens if t]
    while toks and toks[-1] in g.joiners:
        toks.pop()
    if not toks:
        return None
    for lg in g.langs:
        conv = []
        bases = []
        ok = True
        for t in toks:
            if t in lg.joiners:
                conv.append(t)
                continue
            base = t if t in lg.canonical else _strip(g, t)
            if base not in lg.canonical:
                # Arabic writes the joiner و on the next word
                if base[:1] in lg.joiners and base[1:] in lg.canonical:
                    conv.append(next(iter(lg.joiners)))
                    base = base[1:]
                else:
                    ok = False
                    break
            if bases and bases[-1] in lg.only_before and base not in lg.only_before[bases[-1]]:
                ok = False      # "أحد ثلاثة": one of three, no number
                break
            bases.append(base)
            conv.append(lg.canonical[base])
        if not ok:
            continue
        if len(conv) == 1 and conv[0] in lg.not_alone:
            return None
        v = PARSERS[lg.parser](" ".join(conv), lg.parser_lang)
        if v is not None:
            return v
    return None


def _word_value(g: _Grammar, word: str) -> int | None:
    """_words_value of a run of one word, each word read once."""
    try:
        return g.word_values[word]
    except KeyError:
        v = g.word_values[word] = _words_value(g, [word])
        return v


def _candidates(norm_text: str, g: _Grammar) -> list[int]:
    """Offsets of the words a quantity may start at: digits, number words, phrase heads.

    scan.word_matches, in one finditer: a match of cand_fast ends on a word character, so the
    next one, opening on a non-word character, opens at or after its end."""
    if g.cand_fast is None:
        return [m.start() for m in g.cand.finditer(norm_text)]
    cand, fast = g.cand_ascii if norm_text.isascii() else (g.cand, g.cand_fast)
    first = cand.match(norm_text)       # (no character before it for fast to open on)
    starts = [0] if first else []
    starts += [m.start() + 1 for m in fast.finditer(norm_text, first.end() if first else 0)]
    return starts


# ---------------------------------------------------------------- matching

def _scan(norm_text: str, g: _Grammar, blocked=None):
    """Yield (start, end, Quantity-without-offsets) over normalised text."""
    pos = 0
    core = g.core
    for cand in _candidates(norm_text, g):
        if cand < pos:
            continue
        m = core.match(norm_text, cand)
        if not m:
            continue
        s, e = m.start(), m.end()
        q = None
        before = None        # _before(norm_text, s), once s is where the quantity starts
        if m.group("ph") is not None:
            s = m.start("ph")
            info = g.phrases.get(" ".join(m.group("ph").split()), {})
            q = Quantity(value=info.get("value"), at_least=info.get("at_least"), approx=bool(info.get("approx")))
        elif m.group("dg") is not None:
            s = m.start("dg")
            before = _before(norm_text, s)
            q = _digits(norm_text, m, g, before)
            if q is not None:
                q, e = q
        else:
            raw = m.group("wd")
            toks = TOKEN_SEP.split(raw)
            v = _words_value(g, toks) if len(toks) > 1 else _word_value(g, raw)
            if v is None and len(toks) > 1:
                # a run that does not parse as one number: take its first word only
                first = FIRST_WORD.match(raw)
                e = s + first.end()
                v = _word_value(g, first.group(0))
            if v is not None:
                s += _clitic_len(g, raw)
                mult = 1
                sc = g.scale_after.match(norm_text, e)
                if sc and v < 1000:
                    mult = g.scales[" ".join(sc.group("sc").split())]
                    e = sc.end()
                # ("في الأربعين من عمره", "forty years old": an age, as after digits)
                q = Quantity(value=v * mult) if not g.skip_after.match(norm_text, e) else None
        if q is None:
            pos = max(e, s + 1) if m.group("dg") is not None else s + 1
            continue
        if blocked and blocked(s, e):
            pos = e
            continue
        if before is None:
            before = _before(norm_text, s)
        # an age ("aged 7", "âgés de 9 ans") counts no people
        if before.endswith(g.age_before_last):
            age = g.age_before.search(norm_text, max(0, s - 30), s)
            if age and not (age.group("dg") and m.group("dg") is None or age.group("wd") and m.group("dg") is not None):
                pos = e
                continue
        # qualifiers around the number
        qb = None
        if before.endswith(g.qual_before_last):
            qb = g.qual_before.search(norm_text, max(0, s - 40), s)
        if qb and g.particle_verb.search(norm_text, max(0, qb.start() - 20), qb.end()):
            qb = None        # "handed over 12 children": the verb's particle, not "more than"
        qualified = False
        if qb:
            qualified = True
            s = qb.start()
            _qualify(q, "ap" if qb.group("ap") is not None else "al")
        qa = g.qual_after.match(norm_text, e)
        if qa and not (qb and qb.group("al") is not None and qa.group("al") is not None):
            qualified = True
            e = qa.end()
            _qualify(q, "ap" if qa.group("ap") is not None else "al")
        elif not qualified:
            qn = g.qual_after_noun.match(norm_text, e)
            if qn:
                _qualify(q, "ap" if qn.group("ap") is not None else "al")
        if getattr(q, "_year", False) and not qualified:
            pos = e
            continue
        yield s, e, q
        pos = e


def _qualify(q: Quantity, how: str) -> None:
    if how == "ap":
        q.approx = True
    elif q.value is not None:
        q.at_least, q.value = q.value, None
    if how == "al":
        q.approx = False if q.at_least is not None else q.approx


def _clitic_len(g: _Grammar, raw: str) -> int:
    """The length of a clitic glued before the first number word of `raw` ("و" of "وسبعة", "and
    seven"): a conjunction or preposition, no part of the number's span, as for digits ("و2") and
    phrases ("وعشرات"). 0 when the word is a number word as a whole ("واحد")."""
    first = FIRST_WORD.match(raw).group(0)
    if any(first in lg.canonical for lg in g.langs):
        return 0
    c = g.clitic_re.match(first)
    return c.end() if c and c.end() < len(first) else 0


def _digits(t: str, m: re.Match, g: _Grammar, before: str):
    s, e = m.start("dg"), m.end()
    raw = m.group("dg")
    frac = m.group("frac")
    # ordinals, units glued to the number, codes ("13th", "1er", "22h30", "3D")
    if e < len(t) and (t[e].isalpha() or (t[e] == ":" and e + 1 < len(t) and t[e + 1].isdigit())):
        return None
    # "F-16", "Su-24": a number hyphenated to a word is a name
    if s >= 2 and t[s - 1] == "-" and t[s - 2].isalpha():
        return None
    if before.endswith(g.skip_before_last) and g.skip_before.search(t, max(0, s - 20), s):
        return None
    if g.skip_after.match(t, e):
        return None
    grouped = not raw.isdecimal()      # digits (\d) and the separators " ,." only
    whole = int(NON_DIGIT.sub("", raw) if grouped else raw)
    value: float = whole
    if frac is not None and not grouped:
        value = float(f"{whole}.{frac}")
    sc = g.scale_after.match(t, e)
    if sc:
        value *= g.scales[" ".join(sc.group("sc").split())]
        e = sc.end()
    elif frac is not None and not grouped:
        return None            # a decimal with no scale word is a measure, not a count
    if value != int(value):
        return None
    q = Quantity(value=int(value))
    if not grouped and not sc and len(raw) == 4 and 1900 <= whole <= 2100:
        q._year = True         # a bare year, unless a qualifier makes it a count
    return q, e


def _quantities(text: str, norm_text: str, index: list[int], blocked_spans=(),
                langs: tuple[str, ...] | None = None) -> list[Quantity]:
    g = grammar(langs)
    spans = list(blocked_spans)
    mask = bytearray(len(text) + 1)            # 1 on the characters of a date
    for a, b in spans:
        mask[a:b] = b"\x01" * (b - a)

    def blocked(ns: int, ne: int) -> bool:
        return mask.find(1, index[ns], index[ne - 1] + 1) != -1

    out = []
    for s, e, q in _scan(norm_text, g, blocked if spans else None):
        ts, te = index[s], end_offset(text, index[e - 1] + 1)
        q.start, q.end, q.text = ts, te, text[ts:te]
        if hasattr(q, "_year"):
            del q._year
        out.append(q)
    return out


def parse_quantity(text: str, lang: str | None = None) -> Quantity | None:
    """The first quantity in `text` ("plus de 12 000", "نحو 60", "dozens"), offsets into it;
    None when it holds none. Number words are those of `lang` when given, else of every
    language."""
    norm_text, index = normalise_text(text)
    found = _quantities(text, norm_text, index, langs=(lang,) if lang else None)
    return found[0] if found else None


NAME_KINDS = frozenset({"place", "actor", "person", "source"})
_DIGIT = re.compile(r"\d")


def name_spans(report: Report) -> list[tuple[int, int]]:
    """Spans of the names the mentions stage found that hold a digit: a number there is part of
    the name ("France 24", "DeirEzzor 24", "Brigade 313"). Names without one keep their number
    words: the Arabic dual "مدنيان" is both the civilians and two of them."""
    text = report.text
    return [(m.start, m.end) for m in report.mentions
            if m.kind in NAME_KINDS and _DIGIT.search(text, m.start, m.end)]


def numbers(report: Report, ctx=None) -> Report:
    report.numbers = read(report)
    return report


def read(report: Report) -> list[Quantity]:
    """The quantities of `report` (what the stage fills report.numbers with)."""
    text = report.text
    if report._norm and report._norm_index:
        norm_text, index = report._norm, report._norm_index
    else:
        norm_text, index = normalise_text(text)
    spans = [(d.start_offset, d.end_offset) for d in report.dates
             if d.start_offset is not None and d.end_offset is not None]
    spans += name_spans(report)
    langs = {report.lang} | {p.lang for p in report.paragraphs} | {s.lang for s in report.sentences}
    langs.discard(None)
    return _quantities(text, norm_text, index, spans, tuple(sorted(langs)) or None)
