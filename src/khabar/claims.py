"""Stage — claims: one Claim per distinct happening a report tells of, with its arguments.

Per sentence, claim-type triggers (data/lang/<lang>/claims.json, regular expressions over the
normalised text) are found; each trigger's clause gets its arguments from the mentions around it
and the frame markers of its language: actors by their position and the marker before them
(subject -> agent, "contre/against/ضد" -> target, "par/by/من قبل" -> agent of a passive, direct
object -> patient or target), places by the marker before them (origin, destination, location;
the most specific of nested places), the sentence's date, counts and casualties from
`report.numbers`, means and listed persons. A happening told again later in the report (an
anaphor such as "l'attaque", or the same type with compatible places, date and count in the
next sentence) becomes one claim with both evidence spans.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache, partial
from operator import attrgetter
from re import _constants, _parser

from . import anchor_pass, langdata
from .model import Claim, DateValue, Evidence, Mention, Place, Quantity, Report
from .normalise import norm_char, normalise_text, sentences as split_sentences
from .numbers import read as read_numbers
from .geo import haversine_km
from .scan import WORD_START, Scanner, anchors, closing_parts, ends_at_end, finditer_at, first_chars

TYPES = ("ATTACK", "AIRSTRIKE", "SHELLING", "KILL", "SEIZE", "TRANSFER", "RELEASE", "ARREST",
         "DEPLOY", "MEETING", "AGREEMENT", "STATEMENT", "PROTEST")
VIOLENT = {"ATTACK", "AIRSTRIKE", "SHELLING", "KILL", "SEIZE"}
AIR_MEANS = frozenset(("aircraft", "drone", "helicopter"))     # means that make a bombardment an airstrike
# happenings a raid can be the manner of ("arrested … in a raid")
MANNER_HOLDERS = frozenset(("ARREST", "RELEASE", "TRANSFER"))
PROTEST_CLASH_GAP = 25    # chars from "protesters" to "clashed" when the protesters are the ones clashing
ARMED_KINDS = frozenset(("armed-group", "force", "state", "coalition"))   # actors.json kinds of armed sides
_ONE_WORD = re.compile(r"[^\W\d_]+\s+")
_WORDS_OF_TWO = re.compile(r"\w{2,}")
NEVER = re.compile(r"(?!x)x")      # the pattern of a cue a language has no words for: matches nothing
MOVEMENT = {"TRANSFER", "DEPLOY"}
GATHERINGS = {"MEETING", "AGREEMENT", "PROTEST"}   # held where people came to: no destination of their own
ANAPHORIC_PLACE_REACH = 3   # sentences back an "in the area" may point to the place of a claim
# whose direct object is a patient (people moved, held, freed, killed) rather than a target
PATIENT_TYPES = {"TRANSFER", "RELEASE", "ARREST", "KILL", "STATEMENT"}
COUNT_TYPES = {"TRANSFER", "RELEASE", "ARREST", "DEPLOY"}
PRECISION_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "country": 5}
# a place this far from another still tells of the same spot
NEAR_KM = 30.0
_START = attrgetter("start")     # the sort key of mentions, numbers and triggers (in C, not a lambda call each)


# --------------------------------------------------------------------------------------------
# language data, compiled once
# --------------------------------------------------------------------------------------------

@lru_cache(maxsize=4096)
def _npat(p: str) -> str:
    """A pattern in normalised form: non-ASCII characters as the normaliser writes them."""
    return "".join(norm_char(c) if ord(c) >= 128 else c for c in p)


def _alt(frags, prefix: str = "", groups: list[str] | None = None, bound: bool = True) -> str:
    """One alternation of word patterns: the word-start check (and the clitic prefix) is tested
    once, outside the alternatives, which keeps large trigger lists fast."""
    wordy, other = [], []
    for i, f in enumerate(frags):
        f = _npat(f)
        inner = f"(?P<{groups[i]}>{f})" if groups else f"(?:{f})"
        # an elided article ends its word: "d(?:e|u|es|')" matches the "d'" of "d'Alep"
        right = "" if f.endswith("'") else r"(?:(?<=')|(?!\w))"
        (wordy if re.match(r"[\w(\\]", f) else other).append(inner + right)
    parts = []
    if wordy:
        parts.append((r"(?<!\w)" + prefix if bound else "") + "(?:" + "|".join(wordy) + ")")
    parts += other
    return "(?:" + ("|".join(parts) or r"(?!x)x") + ")"


def _first_chars(rx: str) -> frozenset | None:
    """The characters a match of `rx` can start with, or None when any may (or it may be empty)."""
    try:
        chars, empty = first_chars(_parser.parse(rx).data)
    except re.error:
        return None
    return None if chars is None or empty else frozenset(chars)


def _bucketed(frags: list[str], prefix: str, groups: list[str]) -> TriggerMatcher:
    """A large alternation split by first character behind a one-character lookahead, so that
    each word start tries only the triggers that can begin there; with the alternation of the
    buckets each first character opens (TriggerMatcher)."""
    buckets: dict[str, list[int]] = {}
    anywhere: list[int] = []
    for i, f in enumerate(frags):
        fc = _first_chars(_npat(f))
        if fc is None or len(fc) > 8:
            anywhere.append(i)
        else:
            key = "".join(sorted(fc))
            buckets.setdefault(key, []).append(i)
    # merge buckets by single leading char so lookaheads stay disjoint where possible
    parts = []
    if anywhere:
        parts.append(_alt([frags[i] for i in anywhere], "", [groups[i] for i in anywhere], bound=False))
    keyed = [(key, _alt([frags[i] for i in idx], "", [groups[i] for i in idx], bound=False))
             for key, idx in buckets.items()]
    for key, part in keyed:
        cls = "[" + "".join(re.escape(c) for c in key) + "]"
        parts.append(f"(?={cls})" + part)
    whole = re.compile(r"(?<!\w)" + prefix + "(?:" + "|".join(parts) + ")")
    # where no clitic can open the word, the lookaheads a character passes are known: the buckets it
    # opens, in their order, are the alternation at that character
    clitic_chars, _ = first_chars(_parser.parse(prefix).data) if prefix else (set(), True)
    by_char: dict[str, re.Pattern] = {}
    if clitic_chars is not None:
        for c in {c for key in buckets for c in key} - clitic_chars:
            opened = parts[:1] if anywhere else []
            opened += [part for key, part in keyed if c in key]
            by_char[c] = re.compile(r"(?<!\w)" + prefix + "(?:" + "|".join(opened) + ")")
    return TriggerMatcher(whole, by_char, None if clitic_chars is None or anywhere else clitic_chars)


class TriggerMatcher:
    """The trigger alternation, `rx`, and its `match` by the character at the position: `rx` tries
    one lookahead per bucket of triggers (most of its cost at a word start); the alternation of the
    buckets a character opens needs none. Where a clitic may open the word, `rx` itself. What
    scan.finditer_at takes for a compiled pattern."""

    def __init__(self, rx: re.Pattern, by_char: dict[str, re.Pattern], clitic_chars: set[str] | None):
        self.rx = rx
        self.by_char = by_char
        # the characters at which nothing but `rx` can tell (None: any character not in by_char)
        self.clitic_chars = clitic_chars

    def match(self, text: str, pos: int, endpos: int) -> re.Match | None:
        c = text[pos:pos + 1]
        rx = self.by_char.get(c)
        if rx is not None:
            return rx.match(text, pos, endpos)
        if self.clitic_chars is None or c in self.clitic_chars:
            return self.rx.match(text, pos, endpos)
        return None          # no trigger opens with c, and no clitic


def _split_alts(rx: str) -> list[str]:
    """Top-level alternatives of a pattern ("a|b(?:c|d)" -> ["a", "b(?:c|d)"])."""
    out, depth, cur, esc = [], 0, [], False
    for ch in rx:
        if esc:
            cur.append(ch)
            esc = False
            continue
        if ch == "\\":
            esc = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur))
    return out


def _word_start_form(p: str) -> str:
    """A pattern as a Scanner alternative, its word-start test (or a leading \\b before what can
    only open with a word character) put first, where the Scanner reads it, and its closing word-end
    test (a \\b after letters) put last as (?!\\w), which the Scanner leaves out where a window's
    end may cut a word: "\\bwhile\\b" -> "(?<!\\w)(?:while)(?!\\w)", the same matches."""
    if len(_split_alts(p)) == 1:
        for test in (WORD_START, r"\b"):
            rest = p[len(test):]
            fc = _first_chars(rest) if p.startswith(test) else None
            if fc and all(c.isalnum() or c == "_" for c in fc):
                end = ""
                if rest.endswith(r"\b") and re.fullmatch(r"[\w ]*\w", rest[:-2]):
                    rest, end = rest[:-2], r"(?!\w)"
                elif rest.endswith(r"(?!\w)") and _first_chars(rest[:-6]) is not None:   # what is left parses
                    rest, end = rest[:-6], r"(?!\w)"
                return WORD_START + f"(?:{rest})" + end
    return f"(?:{p})"


def _rx(frags, prefix: str = "") -> re.Pattern:
    return re.compile(_alt(frags, prefix))


def _right_before(frags, prefix: str = "") -> re.Pattern:
    """One of the words ending right where a window ends (spaces aside); NEVER when there are none."""
    return re.compile("(?:" + _alt(frags, prefix) + r")\s*$") if frags else NEVER


def _scan_alternatives(frags, prefix: str = "") -> list[str]:
    """What each alternative of `_alt(frags, prefix)` opens with, for a Scanner: word patterns
    at a word start, after the clitic prefix; the others anywhere."""
    out = []
    for f in frags:
        f = _npat(f)
        out.append(WORD_START + prefix + f"(?:{f})" if re.match(r"[\w(\\]", f) else f"(?:{f})")
    return out


# cue regexes tried on a window only where one of their literals stands in it: most windows hold
# none of these rare words ("including", "in order to", "usually"), and a regex of word alternatives
# is otherwise tried at every position of the window
GATED_CUES = ("purpose_before", "habitual", "passive_light", "anaphor_rx", "persons_cues", "purpose_cut",
              "repel", "unidentified", "anaphoric_place", "also", "cumulative", "closing_total", "possessive_subject",
              "anaphoric_subject", "suspected_side", "speech_that", "manner_before")


@dataclass(frozen=True)
class CueGate:
    """What a window must hold for a gated cue to match there (see cue_gates): one of the cue's
    literals (those the ScanSet finds under its name), or one of `near_end` starting at most
    `reach` characters before the window's end, or with `tail`, a match of it closing the window."""
    back: int                          # the most characters a match has before its literal
    tail: re.Pattern | None = None     # what ends every match of the alternatives with no literal
    tail_width: int = 0                # the most characters it matches
    near_end: str | None = None        # the ScanSet name of the literals that must stand near the end
    reach: int = 0


def cue_gates(cues: dict[str, re.Pattern]) -> tuple[dict[str, list[str]], dict[str, CueGate]]:
    r"""Per cue regex, what a window must hold for it to match there: one of the literals each
    alternative's every match contains (scan.anchors); an alternative of bounded width ending on `$`
    ("for (?:new |future )?$") must have its literal that close to the window's end; when some
    alternatives have no literal but each of those ends on `$` after a part of bounded width
    (Arabic "…(?<!\w)(?:ل|لل)$"), that part closing the window will do too. Returns (the literals
    by ScanSet name: the cue's own, and its CueGate.near_end; the CueGate by cue name); a regex
    with no such gate is left out: it is not gated."""
    literals: dict[str, list[str]] = {}
    gates: dict[str, CueGate] = {}
    for name, rx in cues.items():
        if rx.flags & (re.IGNORECASE | re.MULTILINE):
            continue
        try:
            parsed = _parser.parse(rx.pattern, rx.flags)
        except re.error:
            continue
        items = parsed.data
        alts = items[0][1][1] if len(items) == 1 and items[0][0] is _constants.BRANCH else [items]
        anywhere: dict[str, None] = {}
        near: dict[str, None] = {}
        bare = []           # the alternatives with no literal
        back = reach = 0
        for alt in alts:
            found = anchors(alt, parsed.state)
            if found:
                back = max([back, *found.values()])
                # (a match ending on `$` spans the window's end, or up to a newline closing it)
                width = _parser.SubPattern(parsed.state, alt).getwidth()[1]
                if width < _constants.MAXREPEAT and ends_at_end(alt):
                    near.update(dict.fromkeys(found))
                    reach = max(reach, width + 1)
                else:
                    anywhere.update(dict.fromkeys(found))
                continue
            if not ends_at_end(alt):
                break
            bare.append(alt)
        else:
            tail = closing_parts(bare, parsed.state, rx.flags) if bare else (None, 0)
            if tail is None:
                continue
            literals[name] = list(anywhere)
            near = [a for a in near if a not in anywhere]
            if near:
                literals[name + "$"] = near
            gates[name] = CueGate(back, *tail, name + "$" if near else None, reach)
    return literals, gates


# the Scanners of a language, in the order of their hits (anchor_pass.hits)
SCANNERS = ("trigger_scan", "breaks_scan", "casualty_scan", "means_scan")


@dataclass
class Lang:
    code: str
    trigger_rx: re.Pattern
    trigger_match: TriggerMatcher
    trigger_scan: Scanner
    trigger_specs: dict[str, tuple[str, dict]]
    anaphor_rx: re.Pattern
    passive_before: re.Pattern
    not_passive_form: re.Pattern | None   # a trigger form no auxiliary makes passive ("were shelling")
    passive_light: re.Pattern
    light_verbs: re.Pattern
    markers: dict[str, re.Pattern]
    weak_origin: re.Pattern | None
    movement_destination: re.Pattern | None
    entering_verb: re.Pattern | None     # "entered", "est entré lundi en": what follows is where it went
    leaving_verb: re.Pattern | None      # "left", "a quitté la": what follows is where it came from
    purpose_before: re.Pattern
    pronoun_rx: re.Pattern
    object_pronoun_end: re.Pattern   # "attacked them while": the clause before ends on an object pronoun
    relative_object: re.Pattern    # a place, then a relative pronoun opening the trigger's clause
    manner_before: re.Pattern      # "in a", "lors d'une", "خلال": before the raid an arrest was made in
    apposition_open: re.Pattern    # ", a senior …", ", un haut …": the article an apposition opens with
    suspected_side: re.Pattern     # "believed to be", "soupçonnés d'appartenir à": before a side only suspected
    speech_that: re.Pattern        # "… said that", "ذكر … أن": a speech frame the reported clause follows
    speech_date: re.Pattern        # a speech verb and up to three words, right before a date ("أعلنت قسد يوم الاثنين")
    household_nouns: re.Pattern    # "one family", "deux familles": a count of households, not of the dead
    breaks: re.Pattern
    breaks_scan: Scanner             # where a clause break may begin
    means: list[tuple[str, re.Pattern]]
    person_nouns: re.Pattern
    people_from: re.Pattern          # "مسلحين من", "fighters from": people, then the side they belong to
    people_owned: re.Pattern         # "gunmen loyal to", "fighters affiliated with": people, then their side's marker
    people_of: re.Pattern | None     # "de jihadistes du groupe", "of fighters of the": people (or vehicles), then whose
    joint_word: re.Pattern           # "joint", "conjointe", "مشتركة": a trigger done together with its counterpart
    comment_clause: re.Pattern       # ", ce que", ", which", "وهو ما" right before a side: it comments on the claim
    circumstance_before: re.Pattern  # "following the", "à la suite de l'", "إثر": a happening named as the time of another
    non_person: re.Pattern
    singular_person: re.Pattern | None
    one_and_end: re.Pattern        # one person and a conjunction ending a text ("a woman and her", "رجل و"); group
                                   # "comma" when a comma stands for the conjunction ("a man, " of "a man, his wife and")
    and_one: re.Pattern            # a conjunction and one person opening a text (" children and a woman")
    other_person: re.Pattern       # "another", "un autre": one more of a kind, not a person of its own
    killed: re.Pattern
    injured: re.Pattern
    hit: re.Pattern                  # "casualties", "victimes": people hit, dead or wounded, the split not told
    casualty_post: re.Pattern
    no_fatalities: re.Pattern
    no_injuries: re.Pattern
    unknown_quantity: re.Pattern
    also: re.Pattern
    unidentified: re.Pattern
    persons_cues: re.Pattern
    part_after: re.Pattern         # right after a number: it counts part of the number before ("two of them")
    vso: bool
    conj_rx: re.Pattern
    coordinated_name: re.Pattern   # "and Syrian": a name coordinated with the one before (case as written)
    anaphoric_subject: re.Pattern
    anaphoric_place: re.Pattern
    purpose_cut: re.Pattern
    anaphoric_object: re.Pattern      # right after a casualty word: the dead told of before ("killing him")
    speech_cut: re.Pattern           # a postposed speaker (", the ministry said"): its names are not sides
    ordinal_before: re.Pattern
    conj_any: re.Pattern
    habitual: re.Pattern
    cumulative: re.Pattern         # "depuis 2011", "the war has killed": a running total, no happening
    closing_total: re.Pattern      # "In all,", "Au total,", "في المجمل": the report's total over the happenings told before
    means_end: re.Pattern
    means_all: re.Pattern
    means_scan: Scanner
    casualty_scan: Scanner           # where a casualty word (killed, injured, no_*) may begin
    agent_end: re.Pattern
    names_capitalised: bool
    persons_split: re.Pattern | None
    persons_skip: re.Pattern
    name_words: int
    name_particles: re.Pattern
    means_names: dict
    means_any: re.Pattern
    place_marker_end: re.Pattern
    place_marker_word: re.Pattern
    singular_before: re.Pattern | None
    definite_before: re.Pattern
    noun_before: re.Pattern          # words after which a verb-or-noun trigger ("une attaque") is the noun
    noun_forms: dict[str, re.Pattern]   # trigger group -> the forms of it that may be a noun
    noun_clitics: re.Pattern         # clitics written on a trigger that make it the noun ("بقصف", "القصف")
    territory: re.Pattern
    range_connectors: re.Pattern
    range_before: re.Pattern
    participle: re.Pattern
    genitive_clitic: re.Pattern      # a genitive written on the name ("لتنظيم داعش")
    adjective_actor: re.Pattern      # a side's name as written when it is an adjective ("américain", "أمريكي")
    possessive_subject: re.Pattern   # a subject opening on "its", "leurs": its owner was named before
    possessive_people: re.Pattern    # "its fighters", "leurs combattants": people whose side was named before
    toll_rise: re.Pattern            # between a toll's word and its new figure ("toll … rose to")
    change_from: re.Pattern          # "rose from", "est passé de": the number after it is the old figure, no count
    toll_noun: re.Pattern            # a toll told with no noun of the dead ("the toll rose to 12"): a word of death by its figure only
    toll_rise_before: re.Pattern     # a rise told before the toll's word ("ارتفع عدد قتلى")
    toll_rise_to: re.Pattern         # right before the new figure then ("إلى 12")
    toll_before: re.Pattern          # right before a toll's figure ("bringing the death toll to", "portant le bilan à")
    partitive_before: re.Pattern     # "one of the", "l'un des", "أحد": a casualty word after it names a group, not a toll
    repel: re.Pattern                # "repelled an IS attack": a verb whose subject is the attack's target
    backers_list: re.Pattern         # "backed by French, Italian" ending where ", and" follows: a list of backers
    # the literals of the gated cues by name, looked for in the pass that finds the SCANNERS' anchors
    cue_literals: dict[str, list[str]] | None = None
    # what a window must hold for a gated cue to match there
    cue_gate: dict[str, CueGate] | None = None


@lru_cache(maxsize=None)
def compiled(code: str) -> Lang | None:
    d = langdata.lang("claims", code)
    if not d:
        return None
    pre = d.get("word_prefix", "")
    specs: dict[str, tuple[str, dict]] = {}
    parts = []
    n = 0
    for ctype, entries in d["triggers"].items():
        for spec in entries:
            g = f"t{n}"
            n += 1
            specs[g] = (ctype, spec)
            # several alternatives of one spec: the longer (multi-word) ones are tried first
            alts = sorted(_split_alts(spec["re"]), key=lambda x: -x.count(" "))
            for j, alt in enumerate(alts):
                gj = f"{g}_{j}"
                specs[gj] = (ctype, spec)
                parts.append((alt.count(" "), alt, gj))
    parts.sort(key=lambda x: -x[0])
    opt = lambda k: _rx(d[k], pre) if d.get(k) else None  # noqa: E731

    def people_then(role: str, tail: str) -> re.Pattern:
        # people ("fighters", "مسلحين"), then a marker of `role` ("from", "loyal to"), then `tail`
        if not (d.get("person_nouns") and d.get("markers", {}).get(role)):
            return NEVER
        return re.compile("(?:" + _alt(d["person_nouns"], pre) + r")\s+(?:" + _alt(d["markers"][role], pre) + ")" + tail)
    # a conjunction word (no comma), standalone or glued to the next word (Arabic "و")
    conj_words = "|".join(re.escape(_npat(c)) for c in d.get("markers", {}).get("conj", []) if re.match(r"\w", c))
    conj_word = r"(?<!\w)(?:" + conj_words + r")(?:\s+|(?=\w))"
    markers = {role: _rx(frags, pre) for role, frags in d.get("markers", {}).items() if frags}
    trigger_match = _bucketed([p[1] for p in parts], pre, [p[2] for p in parts])
    trigger_rx = trigger_match.rx
    means_all = re.compile(r"(?<!\w)" + pre + "(?:" + "|".join(
        f"(?P<m{i}>{_alt(v, '', bound=False)})" for i, v in enumerate(d.get("means", {}).values())) + ")"
        if d.get("means") else r"(?!x)x")
    word = lambda f: WORD_START + pre + "(?:" + _npat(f) + ")"  # noqa: E731
    breaks = [_npat(p) for p in d.get("clause_breaks", [])]
    breaks_rx = re.compile("|".join(f"(?:{p})" for p in breaks) or r"(?!x)x")
    casualty_words = _scan_alternatives([f for k in ("killed", "toll_nouns", "injured", "hit", "no_fatalities", "no_injuries")
                                         for f in d.get(k, [])], pre)
    places = langdata.lang("gazetteer", code)
    directions = [w for ws in places.get("directions", {}).values() for w in ws]
    articles = places.get("within_articles", [])
    lang = Lang(
        code=code,
        trigger_rx=trigger_rx,
        trigger_match=trigger_match,
        trigger_scan=Scanner(trigger_rx, [word(p[1]) for p in parts]),
        trigger_specs=specs,
        anaphor_rx=_rx(d.get("anaphors", []), pre),
        passive_before=re.compile("|".join(f"(?:{_npat(p)})" for p in d.get("passive_before", [])) or r"(?!x)x"),
        not_passive_form=re.compile("|".join(f"(?:{_npat(p)})" for p in d["not_passive_forms"])) if d.get("not_passive_forms") else None,
        passive_light=re.compile("(?:" + _alt(d.get("passive_light", []), pre) + r")\s*$"),
        light_verbs=re.compile("(?:" + _alt(d.get("light_verbs", []), pre) + r")\s+(?:\S+\s+){0,3}$"),
        markers=markers,
        weak_origin=opt("weak_origin"),
        movement_destination=opt("movement_destination"),
        entering_verb=re.compile("(?:" + _alt(d["entering_verbs"], pre) + r")(?:\W+[\w'-]+){0,3}?\W*$")
        if d.get("entering_verbs") else None,
        leaving_verb=re.compile("(?:" + _alt(d["leaving_verbs"], pre) + r")(?:\W+[\w'-]+){0,3}?\W*$")
        if d.get("leaving_verbs") else None,
        purpose_before=re.compile("|".join(f"(?:{_npat(p)})" for p in d.get("purpose_before", [])) or r"(?!x)x"),
        genitive_clitic=re.compile("(?:" + "|".join(_npat(x) for x in d["genitive_clitic"]) + r")(?=\w)")
        if d.get("genitive_clitic") else NEVER,
        adjective_actor=re.compile(d["adjective_actor"]) if d.get("adjective_actor") else NEVER,
        # (the owner's word may stand right before the trigger: "leurs frappes", Arabic "قواتها اعتقلت")
        possessive_subject=re.compile("(?:" + _alt(d["possessive_subject"]) + r")(?:\s+[\w-]+){0,2}\s*$")
        if d.get("possessive_subject")
        else NEVER,
        possessive_people=re.compile("(?<!\\w)(?:" + _alt(d["possessive_subject"]) + r")\s+(?:[\w-]+\s+)?(?:" +
                                     _alt(d["person_nouns"]) + r")(?!\w)")
        if d.get("possessive_subject") and d.get("person_nouns") else NEVER,
        pronoun_rx=re.compile(_alt(d.get("pronoun_subject", [])) + r"\W*(?:\w+\W+){0,2}$"),
        object_pronoun_end=re.compile(r"(?<!\w)(?:" + _alt(d["object_pronouns"]) + r")\W+(?:[\w'-]+\W+){0,4}?(?:\w+\W*)?$")
        if d.get("object_pronouns") else NEVER,
        household_nouns=re.compile("(?:" + _alt(d["household_nouns"], pre) + ")")
        if d.get("household_nouns") else NEVER,
        speech_that=re.compile("(?:" + _alt(d["speech_verbs"], pre) + r")(?:(?:\W+[\w'-]+){0,8}?\W+(?:"
                               + _alt(d["speech_complement"], pre) + r")(?!\w))"
                               + ("?" if d.get("speech_complement_optional") else ""))
        if d.get("speech_verbs") and d.get("speech_complement") else NEVER,
        speech_date=re.compile("(?:" + _alt(d["speech_verbs"], pre) + r")(?!\w)\W*(?:[\w'-]+\W+){0,3}$")
        if d.get("speech_verbs") else NEVER,
        suspected_side=re.compile("(?:" + _alt(d["suspected_side"]) + r")\W*$")
        if d.get("suspected_side") else NEVER,
        apposition_open=re.compile(r"\s*(?:" + _alt(d["apposition_open"]) + ")")
        if d.get("apposition_open") else NEVER,
        manner_before=re.compile("(?:" + _alt(d["manner_before"]) + r")\s+(?:[\w'-]+\s+){0,3}$")
        if d.get("manner_before") else NEVER,
        relative_object=re.compile(r"\W*(?:" + _alt(d["relative_object"]) + r")\W*(?:[\w'-]+\W+){0,8}$")
        if d.get("relative_object") else NEVER,
        breaks=breaks_rx,
        breaks_scan=Scanner(breaks_rx, [_word_start_form(p) for p in breaks]),
        means=[(name, _rx(frags, pre)) for name, frags in d.get("means", {}).items()],
        person_nouns=_rx(d.get("person_nouns", []), pre),
        people_from=people_then("origin", r"\s*$"),
        people_owned=people_then("owner", r"(?:\W+\w{1,3})?\W*$"),
        joint_word=_rx(d["joint_words"], pre) if d.get("joint_words") else NEVER,
        circumstance_before=re.compile("(?:" + _alt(d["circumstance_before"], pre) + r")[\w\s'-]{0,14}$")
        if d.get("circumstance_before") else NEVER,
        comment_clause=re.compile("[,\u060c]\\s*(?:" + _alt(d["comment_clauses"], pre) + r")\s*(?:\w{1,3}\s+|l')?$")
        if d.get("comment_clauses") else NEVER,
        # (or a side's vehicles: "un convoi d'une vingtaine de camions de l'armée américaine")
        people_of=re.compile(r"\W*(?:" + _alt(d["markers"]["genitive"]) + r")\s*(?:[\w-]+\s+){0,3}?(?:" +
                             _alt(d["person_nouns"] + d.get("vehicle_nouns", [])) + r")\s+(?:" + _alt(d["markers"]["genitive"]) + r")\s*(?:[\w-]+\s+)?(?:(?:" +
                             _alt(d["group_nouns"]) + r")\s+)?")
        if d.get("group_nouns") and d.get("person_nouns") and d.get("markers", {}).get("genitive") else None,
        # ("une vingtaine de camions", "dozens of trucks": the genitive of a round number may come first)
        non_person=re.compile(r"(?:" + _alt(d.get("markers", {}).get("genitive", []) or ["(?!x)x"]) + r"\s*)?"
                              + _alt(d.get("non_person_nouns", []), pre)),
        singular_person=opt("singular_person"),
        # (the Arabic "و" glued to the next word may end the text: "امرأة و" before "وطفلاها"; the one
        # glued to the person is the conjunction of the person before: "رجل وزوجته و")
        one_and_end=re.compile(r"(?<!\w)(?:(?:" + conj_words + r")(?=\w)|)(?P<one>" + pre + _alt(d["singular_person"], bound=False)
                               + r")\s*(?:(?<!\w)(?:" + conj_words
                               + r")(?:\s+|(?=\w)|$)|(?P<comma>,))\s*(?:[\w'-]+\s+|)$")
        if d.get("singular_person") else NEVER,
        # (the words before may end on a comma: "killing 3 IS members, and a child")
        and_one=re.compile(r"\s*(?:[\w'-]+,?\s+){0,2}?" + conj_word + "(?P<one>" + _alt(d["singular_person"], "", bound=False) + ")")
        if d.get("singular_person") else NEVER,
        other_person=_rx(d.get("other_person", []), pre),
        killed=_rx(d.get("killed", []) + d.get("toll_nouns", []), pre),
        injured=_rx(d.get("injured", []), pre),
        hit=_rx(d["hit"], pre) if d.get("hit") else NEVER,
        casualty_post=_rx(d.get("casualty_post", []) + d.get("toll_nouns", []), pre),
        change_from=_right_before(d.get("change_from"), pre),
        toll_noun=_rx(d["toll_nouns"], pre) if d.get("toll_nouns") else NEVER,
        no_fatalities=_rx(d.get("no_fatalities", []), pre),
        no_injuries=_rx(d.get("no_injuries", []), pre),
        unknown_quantity=_rx(d.get("unknown_quantity", []), pre),
        also=_rx(d.get("also", []), pre),
        unidentified=_rx(d.get("unidentified", []), pre),
        persons_cues=_rx(d.get("persons_cues", []), pre),
        part_after=re.compile(r"\s*" + _alt(d["part_after"], pre)) if d.get("part_after") else NEVER,
        vso=bool(d.get("vso")),
        conj_rx=re.compile(r"^\W*(?:" + _alt(d.get("markers", {}).get("conj", [])) + r")?\W*$"),
        coordinated_name=re.compile(r"\s*(?:" + _alt([c for c in d.get("markers", {}).get("conj", []) if c.isalpha()])
                                    + r")\s+[A-Z][\w'’-]*(?=\s)") if d.get("markers", {}).get("conj") else NEVER,
        anaphoric_subject=re.compile(_alt(d.get("anaphoric_subject", [])) + r"\W*(?:\w+\W+){0,2}$"),
        anaphoric_place=_rx(d.get("anaphoric_place", []), pre),
        purpose_cut=_rx(d.get("purpose_cut", []), pre),
        speech_cut=_rx(d.get("speech_cut", []), pre),
        anaphoric_object=re.compile(r"\W*" + _alt(d["anaphoric_object"], pre)) if d.get("anaphoric_object")
        else NEVER,
        ordinal_before=re.compile(_alt(d.get("ordinal_before", [])) + r"\W*$"),
        habitual=_rx(d.get("habitual", []), pre),
        toll_rise_before=_right_before(d.get("toll_rise_before"), pre),
        toll_rise_to=_right_before(d.get("toll_rise_to"), pre),
        toll_rise=re.compile("(?:" + "|".join(_npat(x) for x in d["toll_rise"]) + ")") if d.get("toll_rise")
        else NEVER,
        toll_before=_right_before(d.get("toll_before"), pre),
        partitive_before=_right_before(d.get("partitive_before")),
        # (up to the trigger's clitics: "تصدت القوات لهجوم")
        repel=re.compile("(?:" + _alt(d["repel"], pre) + r")\W+(?:[\w'-]+\W+){0,4}" + pre + "$") if d.get("repel")
        else NEVER,
        backers_list=re.compile("(?:" + _alt(d["backing"], pre) + r")\s+(?:[\w'-]+,?\s+){0,5}?[\w'-]+$")
        if d.get("backing") else NEVER,
        cumulative=_rx(d["cumulative"], pre) if d.get("cumulative") else NEVER,
        closing_total=_rx(d["closing_total"], pre) if d.get("closing_total") else NEVER,
        # (a means, then a short word or the origin marker: "des tirs de snipers des", "sniper fire from")
        means_end=re.compile("(?:" + _alt([f for v in d.get("means", {}).values() for f in v], pre)
                             + r")\W*(?:(?:\w{1,3}|" + _alt(d.get("markers", {}).get("origin", []) or ["(?!x)x"])
                             + r")\W+)?$"),
        means_any=_rx([f for v in d.get("means", {}).values() for f in v], pre),
        means_all=means_all,
        means_scan=Scanner(means_all, [word(f) for v in d.get("means", {}).values() for f in v]),
        casualty_scan=Scanner(re.compile("|".join(casualty_words) or r"(?!x)x"), casualty_words),
        means_names={f"m{i}": k for i, k in enumerate(d.get("means", {}))},
        names_capitalised=bool(d.get("names_capitalised", True)),
        persons_split=re.compile("|".join(f"(?:{_npat(x)})" for x in d["persons_split"])) if d.get("persons_split") else None,
        persons_skip=re.compile("(?:" + _alt(d.get("persons_skip", []), pre) + ")"),
        name_words=int(d.get("name_words", 3)),
        name_particles=re.compile("(?:" + "|".join(_npat(x) for x in d.get("name_particles", [])) + ")" if d.get("name_particles") else r"(?!x)x"),
        agent_end=re.compile("(?:" + _alt(d.get("markers", {}).get("agent", []), pre) + r")\W*(?:\w{1,3}\W+)?$"),
        # "in Iraq", "in northern Iraq", "au nord de l'Irak": a direction word, then an article,
        # may stand between the marker and the country
        place_marker_end=re.compile("(?:" + _alt([f for r in ("origin", "destination", "location")
                                                  for f in d.get("markers", {}).get(r, [])], pre)
                                    + r")\W*(?:(?:" + _alt(directions, pre) + "|" + _alt(articles) + r")\W*){0,2}$"),
        place_marker_word=re.compile(_alt([f for r in ("origin", "destination", "location")
                                           for f in d.get("markers", {}).get(r, [])], pre)),
        singular_before=re.compile("(?:" + _alt(d["singular_person"]) + r")(?:'s|,|)\s+(?:\S+\s+){0,5}$")   # ("a soldier's body", "a man, 40, was")
        if d.get("singular_person") else None,
        definite_before=re.compile("(?:" + _alt(d.get("definite_before", [])) + r")\s*$"),
        noun_before=_right_before(d.get("noun_before")),
        noun_forms={g: re.compile(_npat(spec["noun_forms"])) for g, (_, spec) in specs.items() if spec.get("noun_forms")},
        noun_clitics=re.compile(_npat(d["noun_clitics"])) if d.get("noun_clitics") else NEVER,
        territory=_rx(d.get("territory_nouns", []), pre),
        range_connectors=re.compile(r"^\s*(?:" + "|".join(re.escape(_npat(x)) if not x.isalpha() else _npat(x)
                                                        for x in d.get("range_connectors", [])) + r")\s*$"),
        range_before=re.compile("(?:" + _alt(d.get("range_before", [])) + r")\s*$"),
        participle=re.compile("(?:" + "|".join(_npat(x) for x in d.get("casualty_participle", [])) + ")$"),
        conj_any=re.compile(r"(?:^|\s)(?:" + "|".join(_npat(c) for c in d.get("markers", {}).get("conj", [])) + r")(?:\s|\w)"),
    )
    lang.cue_literals, lang.cue_gate = cue_gates({name: getattr(lang, name) for name in GATED_CUES})
    return lang


def _langs_for(code: str | None) -> list[Lang]:
    one = compiled(code) if code else None
    if one is not None:
        return [one]
    return [c for c in (compiled(k) for k in langdata.all_langs("claims")) if c is not None]


# --------------------------------------------------------------------------------------------
# working structures
# --------------------------------------------------------------------------------------------

@dataclass
class Trig:
    type: str
    spec: dict
    start: int          # text offsets
    end: int
    nstart: int         # normalised offsets
    nend: int
    anaphor: bool = False
    passive: bool = False
    noun: bool = False
    clash: bool = False     # a protest that came to blows (its sentence tells a clash)


@dataclass
class Group:
    """Triggers of one type in one sentence: one mention of a happening."""
    type: str
    trigs: list[Trig]
    sent: int
    lang: Lang
    wstart: int = 0      # argument window (text offsets)
    wend: int = 0
    claim: Claim | None = None
    fresh: bool = True
    para: int = 0


MAX_SENTENCE = 1500


def _bounded(sents, text: str):
    """Sentences, with any longer than MAX_SENTENCE characters (a page without punctuation)
    cut at spaces, so that argument windows stay local and the stage stays linear."""
    from .model import Segment
    out = []
    for sg in sents:
        a = sg.start
        while sg.end - a > MAX_SENTENCE:
            cut = text.rfind(" ", a + MAX_SENTENCE // 2, a + MAX_SENTENCE)
            cut = cut if cut > a else a + MAX_SENTENCE
            out.append(Segment(a, cut, sg.lang))
            a = cut
        out.append(Segment(a, sg.end, sg.lang) if a != sg.start else sg)
    return out


class _Spans:
    """Spans (start, end), asked in log time (a 1 MB line holds thousands of dates and numbers)."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end = []            # the furthest end among the spans starting at or before each
        far = -1
        for _, e in spans:
            far = max(far, e)
            self.max_end.append(far)

    def covers(self, x: int) -> bool:
        """Some span holds offset x."""
        i = bisect.bisect_right(self.starts, x) - 1
        return i >= 0 and self.max_end[i] > x

    def starts_in(self, a: int, b: int | None) -> bool:
        """Some span starts in [a, b)."""
        i = bisect.bisect_left(self.starts, a)
        return b is not None and i < len(self.starts) and self.starts[i] < b


class _Doc:
    """The report with offset helpers between clean and normalised text."""

    def __init__(self, report: Report):
        self.r = report
        self.text = report.text
        if not report._norm or len(report._norm_index) != len(report._norm):
            report._norm, report._norm_index = normalise_text(report.text)
        self.norm = report._norm
        self.idx = report._norm_index
        # n(t): the normalised offset of text offset t (first normalised char at or after it); a
        # C-level call, asked hundreds of times per report
        self.n = partial(bisect.bisect_left, self.idx)
        self.sents = _bounded(report.sentences or split_sentences(report.text), report.text)
        self.paras = report.paragraphs or []
        self.actors = sorted((m for m in report.mentions if m.kind == "actor" and m.id), key=_START)
        self.places = sorted((m for m in report.mentions if m.kind == "place" and m.lat is not None),
                             key=_START)
        self.persons = sorted((m for m in report.mentions if m.kind == "person"), key=_START)
        kinds = {str(m.id).removeprefix("actor:"): m._entry.get("actor_kind") for m in self.actors
                 if isinstance(m._entry, dict)}
        self.civilian_ids = {i for i, k in kinds.items() if k == "civilians"}
        # "gunmen", "assailants": named by what they did, the attackers even when counted among the dead
        self.attacker_ids = {i for i, k in kinds.items() if k == "unknown"}
        date_spans = [(d.start_offset, d.end_offset) for d in report.dates
                      if d.start_offset is not None and d.end_offset is not None]
        self.date_spans = date_spans
        in_date = _Spans(date_spans)
        self.numbers = [q for q in (report.numbers or []) if q.start is not None
                        and not in_date.covers(q.start) and not in_date.starts_in(q.start, q.end)]
        if not report.numbers and re.search(r"\d", self.text):
            # (the numbers stage did not run, or found none): read as it would, not as bare digits
            # ("a man aged 40 was shot dead": an age, no toll)
            self.numbers = read_numbers(report)
        self.after_means: dict[tuple[str, int, int], bool] = {}    # see _after_means
        self._found_by_lang: dict[str, tuple] = {}       # see _found
        self._starts_by_scanner: dict[tuple[str, str], list[int] | None] = {}     # see scan_starts
        self._nearest_markers: dict[tuple, str | None] = {}       # see nearest_marker
        self._means_cache: dict[str, list[tuple[int, str]]] = {}      # see means_in
        self._index()

    def _found(self, lang: Lang) -> tuple[list, dict[str, list[int]]]:
        """What the anchors of `lang`'s SCANNERS hit in the normalised text, and where the literals
        of each cue begin: read off the pass shared with attribution (anchor_pass.hits)."""
        found = self._found_by_lang.get(lang.code)
        if found is None:
            mine, _attribution, at = anchor_pass.hits(self.r, lang.code)
            found = self._found_by_lang[lang.code] = (mine, at)
        return found

    def may_hold(self, lang: Lang, name: str) -> bool:
        """Whether a gated cue's literals stand anywhere in the report (always, when not gated)."""
        gate = lang.cue_gate.get(name)
        if gate is None:
            return True
        at = self._found(lang)[1]
        return bool(at[name]) or (gate.near_end is not None and bool(at[gate.near_end]))

    def cue(self, lang: Lang, name: str, lo: int, hi: int, cut: bool = False) -> re.Match | None:
        """getattr(lang, name).search(self.norm, lo, hi), or with `cut` on self.norm[lo:hi] (offsets
        from lo); not tried where the window holds no literal of the regex (see GATED_CUES, CueGate),
        nor further before the first literal than a match reaches (`$` ends most of these regexes:
        `re` would try each position of the window)."""
        # (asked ~150 times a report, most often to find no literal: the lookups are written out)
        gate = lang.cue_gate.get(name)
        pos = lo
        if gate is not None:
            at = (self._found_by_lang.get(lang.code) or self._found(lang))[1]
            starts = at[name]
            i = bisect.bisect_left(starts, lo)
            first = starts[i] if i < len(starts) else hi
            if gate.near_end is not None:
                near = at[gate.near_end]
                i = bisect.bisect_left(near, max(lo, hi - gate.reach))
                if i < len(near) and near[i] < first:
                    first = near[i]
            if gate.tail is not None and self._closes_on(gate, lo, hi, cut):
                pass            # (an alternative with no literal may match: anywhere)
            elif first >= hi:
                return None
            else:
                pos = max(lo, first - gate.back)
        rx = getattr(lang, name)
        return rx.search(self.norm[lo:hi], pos - lo) if cut else rx.search(self.norm, pos, hi)

    def _closes_on(self, gate: CueGate, lo: int, hi: int, cut: bool) -> bool:
        """Whether gate.tail matches in the window lo..hi of the normalised text (searched as the
        cue is, `cut` or not) where `$` does: at its end, or before a newline closing it (see
        cue_gates). Only its last characters are searched."""
        if lo < 0:
            return True
        hi = min(hi, len(self.norm))
        pos = max(lo, hi - 1 - gate.tail_width)
        if cut:
            return gate.tail.search(self.norm[lo:hi], pos - lo) is not None
        return gate.tail.search(self.norm, pos, hi) is not None

    def scan_starts(self, lang: Lang, scanner: str) -> list[int] | None:
        """Where a match of `lang`'s Scanner named `scanner` (one of SCANNERS) may begin in the
        normalised text, found once per report and language."""
        key = (lang.code, scanner)
        starts = self._starts_by_scanner.get(key, False)
        if starts is False:
            starts = self._starts_by_scanner[key] = getattr(lang, scanner).starts(
                self.norm, self._found(lang)[0][SCANNERS.index(scanner)])
        return starts

    def breaks_in(self, lang: Lang, n0: int, n1: int):
        """lang.breaks.finditer(self.norm, n0, n1), tried only where a break may begin: the
        alternation of breaks, most opening with \\b, is tried at every position. Most argument
        windows hold no place a break may begin: those make no generator."""
        starts = self.scan_starts(lang, "breaks_scan")
        if starts is None:
            return lang.breaks.finditer(self.norm, n0, n1)
        i = bisect.bisect_left(starts, n0)
        if i == len(starts) or starts[i] >= n1:
            return ()
        return finditer_at(lang.breaks, self.norm, n0, n1, starts)

    def nearest_marker(self, lang: Lang, gap: str, roles, reach: int | None = None) -> str | None:
        """_nearest_marker, each answer kept for the report: the gap before a place is asked again
        for a nested place and by every group whose window holds it (a short gap, for the process:
        it recurs across reports)."""
        if len(gap) <= SHORT_GAP:
            return _nearest_marker_short(lang.code, gap, roles, reach)
        key = (lang.code, gap, roles, reach)
        role = self._nearest_markers.get(key, False)
        if role is False:
            role = self._nearest_markers[key] = _nearest_marker(lang, gap, roles, reach)
        return role

    def _casualty_starts(self, lang: Lang) -> list[int] | None:
        """Where a casualty word of `lang` may begin in the normalised text."""
        return self.scan_starts(lang, "casualty_scan")

    def casualty_words(self, rx: re.Pattern, lang: Lang, n0: int, n1: int):
        """rx.finditer(self.norm, n0, n1) for rx one of lang's casualty words (killed, injured,
        no_*), tried only where one of them may begin."""
        starts = self._casualty_starts(lang)
        return rx.finditer(self.norm, n0, n1) if starts is None else finditer_at(rx, self.norm, n0, n1, starts)

    def casualty_word_in(self, lang: Lang, n0: int, n1: int) -> bool:
        """Whether a casualty word of `lang` may begin in normalised span n0..n1: most sentences
        have none, and need not be searched."""
        starts = self._casualty_starts(lang)
        if starts is None:
            return True
        i = bisect.bisect_left(starts, n0)
        return i < len(starts) and starts[i] < n1

    def _index(self):
        self._a_starts = [m.start for m in self.actors]
        self._p_starts = [m.start for m in self.places]
        self.numbers.sort(key=_START)
        self._q_starts = [q.start for q in self.numbers]
        self._m_all = sorted(self.actors + self.places, key=_START)
        self._m_starts = [m.start for m in self._m_all]
        self._pa_starts = [x.start for x in self.paras]
        # dates by start, each with its place in report.dates, which is the order callers see
        dated = sorted((d.start_offset, i) for i, d in enumerate(self.r.dates) if d.start_offset is not None)
        self._d_starts = [s for s, _ in dated]
        self._d_order = [i for _, i in dated]

    @staticmethod
    def _slice(items, starts, lo: int, hi: int):
        return items[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    def inside_actor(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside an actor mention that begins before it."""
        i = bisect.bisect_left(self._a_starts, start) - 1
        return i >= 0 and self.actors[i].end >= end

    def actors_in(self, lo: int, hi: int) -> list[Mention]:
        """Actor mentions starting in [lo, hi)."""
        return self._slice(self.actors, self._a_starts, lo, hi)

    def places_in(self, lo: int, hi: int) -> list[Mention]:
        return self._slice(self.places, self._p_starts, lo, hi)

    def numbers_in(self, lo: int, hi: int) -> list[Quantity]:
        return self._slice(self.numbers, self._q_starts, lo, hi)

    def dates_in(self, lo: int, hi: int) -> list[DateValue]:
        """Dates starting in [lo, hi), in report order."""
        order = self._d_order[bisect.bisect_left(self._d_starts, lo):bisect.bisect_left(self._d_starts, hi)]
        return [self.r.dates[i] for i in sorted(order)]

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        return self._slice(self._m_all, self._m_starts, lo, hi)

    def means_in(self, lang: Lang, n0: int, n1: int) -> list[tuple[int, str]]:
        """Means words (position, canonical name) in normalised span n0..n1; the text is scanned
        once per language."""
        hits = self._means_cache.get(lang.code)
        if hits is None:
            hits = [(m.start(), lang.means_names[m.lastgroup]) for m in lang.means_scan.finditer(self.norm, starts=self.scan_starts(lang, "means_scan"))]
            self._means_cache[lang.code] = hits
        # ((n, "") sorts before every hit at n)
        return hits[bisect.bisect_left(hits, (n0, "")):bisect.bisect_left(hits, (n1, ""))]

    def means_near(self, lang: Lang, n0: int, n1: int, lo: int, hi: int, after: int = 60) -> set[str]:
        """The means named within 60 characters before and `after` characters after normalised
        span n0..n1, inside lo..hi."""
        return {name for _, name in self.means_in(lang, max(lo, n0 - 60), min(hi, n1 + after))}

    def t(self, n: int) -> int:
        if n >= len(self.idx):
            return len(self.text)
        return self.idx[n]

    def tend(self, n_end: int) -> int:
        """Text offset just after normalised span ending at n_end (exclusive)."""
        if n_end <= 0:
            return 0
        return self.idx[min(n_end, len(self.idx)) - 1] + 1

    def ntext(self, a: int, b: int) -> str:
        """Normalised text of text span [a, b)."""
        return self.norm[self.n(a):self.n(b)]

    def para_of(self, t: int) -> int:
        if not self.paras:
            # without paragraphs: a blank line ends a paragraph
            return self.text.count("\n\n", 0, t)
        i = bisect.bisect_right(self._pa_starts, t) - 1
        return i if i >= 0 and t < self.paras[i].end else -1


# --------------------------------------------------------------------------------------------
# the stage
# --------------------------------------------------------------------------------------------

def claims(report: Report, ctx=None) -> Report:
    if not report.text.strip():
        return report
    doc = _Doc(report)
    groups: list[Group] = []
    for si, seg in enumerate(doc.sents):
        lang_code = seg.lang or report.lang
        for lang in _langs_for(lang_code):
            gs = _sentence_groups(doc, si, seg, lang)
            if gs:
                groups.extend(gs)
                break
    out: list[Claim] = []
    for g in groups:
        _fill(doc, g)
    _accused(groups)
    for g in groups:
        target = _same_happening(doc, g, out)
        if target is not None:
            specific = g.claim.type in SPECIFIC_OF.get(target.type, ()) and not g.trigs[0].spec.get("needs_context")
            _merge(target, g.claim)
            if specific:
                # the telling that says what kind of attack it was quotes the claim; the generic one stays as extra
                target.type = g.claim.type
                target.evidence, target.extra_evidence[-1] = target.extra_evidence[-1], target.evidence
            g.claim = target
            g.fresh = False
        else:
            out.append(g.claim)
    _resolve_anaphora(out)
    _casualties(doc, groups, out)
    for c in out:
        # "assailants", "gunmen" beside a named side are that side's fighters, no second party
        named = [a for a in c.agent if a["id"] not in doc.attacker_ids]
        if named and len(named) < len(c.agent):
            c.agent = named
        # "five IS fighters were killed in clashes with the SDF": with the side of the counted dead a
        # target and no side fighting them named, the side they clashed with is the one that fought them
        fought_with = getattr(c, "_fought_with", set())
        counted = getattr(c, "_counted_sides", set()) - fought_with
        if fought_with and not c.agent and any(a["id"] in counted for a in c.target):
            c.agent = [a for a in c.target if a["id"] in fought_with]
            c.target = [a for a in c.target if a["id"] not in fought_with]
        # a side is the claim's patient or its target, not both: the role its type gives the people it is done to
        both = {a["id"] for a in c.patient} & {a["id"] for a in c.target}
        if both:
            if c.type in PATIENT_TYPES:
                c.target = [a for a in c.target if a["id"] not in both]
            else:
                c.patient = [a for a in c.patient if a["id"] not in both]
    _returned_fire(out)
    _inherit_dates(doc, groups)
    _inherit_places(doc, groups)
    for i, c in enumerate(out, 1):
        c.id = f"c{i}"
        c.acled = acled_mapping(c)
    report.claims = out
    return report


RETURN_FIRE_REACH = 2    # sentences between a bombardment and the other side's answer to it


def _returned_fire(out: list[Claim]) -> None:
    """"Turkish forces shelled Tal Tamr … In response, the SDF shelled Turkish positions": two
    bombardments, each by one side, the second on the first's side (or the first on the
    second's), are an exchange of fire, as "exchanged shelling" is (ACLED's armed clash)."""
    shelling = [c for c in out if c.type == "SHELLING" and c.agent]
    for i, a in enumerate(shelling):
        a_sides = {x["id"] for x in a.agent}
        for b in shelling[i + 1:]:
            if _last_sentence(b) - _last_sentence(a) > RETURN_FIRE_REACH:
                break
            b_sides = {x["id"] for x in b.agent}
            if not a_sides & b_sides and (a_sides & {x["id"] for x in b.target}
                                          or b_sides & {x["id"] for x in a.target}):
                a._mutual = b._mutual = True


def _accused(groups: list[Group]) -> None:
    """"accused Turkey of shelling civilians", "accuse la Turquie d'avoir bombardé", "اتهم تركيا
    بقصف": the happening told after an accusation in its sentence is alleged, and done by the
    accused, not by the accuser."""
    for g in groups:
        if g.type != "STATEMENT" or not any(t.spec.get("accusation") for t in g.trigs):
            continue
        accused = g.claim.patient or g.claim.target
        for h in groups:
            if h is g or h.sent != g.sent or h.trigs[0].start < g.trigs[-1].end or h.type == "STATEMENT":
                continue
            h.claim._modality_hint = "alleged"
            if accused:
                ids_ = {a["id"] for a in accused}
                h.claim.agent = [dict(a) for a in accused]
                h.claim.target = [a for a in h.claim.target if a["id"] not in ids_]
                h.claim.patient = [a for a in h.claim.patient if a["id"] not in ids_]


def _is_passive(doc: _Doc, lang: Lang, nstart: int, floor: int = 0) -> bool:
    """An auxiliary of the passive just before normalised offset nstart ("were killed", "تم نقل"),
    not an upper-case name that reads like one ("IS killed")."""
    lo = max(floor, nstart - 40)
    m = lang.passive_before.search(doc.norm, lo, nstart)
    if not m:
        return False
    word = doc.text[doc.t(m.start()):doc.tend(m.start() + len(m.group().split()[0]) if m.group().split() else m.end())]
    return not (len(word) > 1 and word.isupper())


# ---- triggers --------------------------------------------------------------------------------

def _sentence_groups(doc: _Doc, si: int, seg, lang: Lang) -> list[Group]:
    ns, ne = doc.n(seg.start), doc.n(seg.end)
    # "la guerre a fait plus d'un demi-million de morts", "depuis 2011": a total of violence, no
    # happening (forces deployed "since the start of the month" still were)
    # (asked at the first trigger it matters to: most sentences have none)
    total = None
    norm = doc.norm
    trigs: list[Trig] = []
    starts = doc.scan_starts(lang, "trigger_scan")
    for m in (lang.trigger_rx.finditer(norm, ns, ne) if starts is None else
              finditer_at(lang.trigger_match, norm, ns, ne, starts)):
        alt = m.lastgroup      # the trigger alternative matched
        ctype, spec = lang.trigger_specs[alt]
        if ctype in VIOLENT or ctype == "PROTEST":
            if total is None:
                total = bool(doc.cue(lang, "cumulative", ns, ne))
            if total:
                continue
        a, b = m.span(alt)
        b0 = max(ns, a - 80)
        if doc.cue(lang, "purpose_before", b0, a, cut=True) or doc.cue(lang, "habitual", max(b0, a - 40), a, cut=True):
            continue
        if spec.get("not_after") and re.search(_npat(spec["not_after"]), norm[max(b0, a - 30):a]):
            continue     # "has controlled": a state, not a happening
        if spec.get("not_before") and re.search(_npat(spec["not_before"]), norm[b:min(ne, b + 60)]):
            continue
        tr = Trig(ctype, spec, doc.t(a), doc.tend(b), a, b)
        if doc.inside_actor(tr.start, tr.end):
            continue     # a word inside a side's name ("هيئة تحرير الشام": "liberation") tells no happening
        tr.noun = spec.get("voice") == "noun"
        nf = lang.noun_forms.get(alt)
        if not tr.noun and nf is not None and nf.fullmatch(norm, a, b):
            # "une attaque", "an IS attack", "a US helicopter raid": after a determiner (and a name,
            # and a word of means) it is the noun
            lo = a
            means = lang.means_end.search(norm, max(ns, a - 30), a)
            if means is not None and means.start() > ns:
                lo = means.start()
            named = [x for x in doc.actors_in(doc.t(max(ns, lo - 40)), doc.t(lo)) if not doc.ntext(x.end, doc.t(lo)).strip()]
            if named:
                lo = doc.n(named[-1].start)
            tr.noun = bool(lang.noun_before.search(norm, max(ns, lo - 30), lo))
        if not tr.noun and m.start() < a and lang.noun_clitics.fullmatch(norm, m.start(), a):
            tr.noun = True   # "مقتل مدنيين بقصف تركي": a preposition or the article makes the verb's form a noun
        tr.passive = (_is_passive(doc, lang, a, ns) and not (
            lang.not_passive_form is not None and lang.not_passive_form.fullmatch(norm, a, b))) or \
            bool(doc.cue(lang, "passive_light", max(ns, a - 40), a, cut=True))
        am = doc.cue(lang, "anaphor_rx", max(ns, a - 12), min(ne, b + 2))
        # ("IS claimed the operation": a trigger of the data may tell that its object is one told before)
        tr.anaphor = bool(am and am.start() <= a and am.end() >= b - 1) or \
            (tr.noun and bool(lang.definite_before.search(norm, max(ns, a - 8), a))) or bool(spec.get("anaphor"))
        trigs.append(tr)
    if not trigs:
        return []
    means_here = {name for _, name in doc.means_in(lang, ns, ne)}
    violent_plain = [t for t in trigs if t.type in VIOLENT and not t.spec.get("needs_context")]
    kept: list[Trig] = []
    for tr in trigs:
        spec = tr.spec
        if spec.get("needs_means") and not (set(spec["needs_means"]) & means_here):
            if not spec.get("else_type"):
                continue
            tr.type = spec["else_type"]
        if spec.get("needs_place"):
            if not _has_place_near(doc, tr, seg, lang):
                if spec.get("else_type") and _has_person_object(doc, tr, seg, lang, before=False):
                    tr.type = spec["else_type"]
                else:
                    continue
            elif spec.get("else_type") and _people_taken(doc, tr, seg, lang):
                tr.type = spec["else_type"]     # "captured two IS leaders near Hasakah": people, not a place
        if spec.get("needs_context"):
            if any(v is not tr for v in violent_plain):
                continue
            if not (means_here or _object_after(doc, tr, seg)):
                continue
        kept.append(tr)
    if any(t.type in VIOLENT for t in kept):
        kept += _killings_apart(doc, lang, kept, ns, ne)
    # the means named in a trigger's sentence refine a generic attack
    for tr in kept:
        if tr.type == "ATTACK" and not tr.spec.get("keep_type"):
            local = doc.means_near(lang, tr.nstart, tr.nend, ns, ne)
            others = {t.type for t in kept if t is not tr}
            if local & {"aircraft", "drone"} and "AIRSTRIKE" not in others:
                tr.type = "AIRSTRIKE"
            elif "artillery" in local and "SHELLING" not in others and not (local & {"small arms"}):
                tr.type = "SHELLING"
        elif tr.type == "SHELLING" and not tr.spec.get("keep_type"):
            # "الطيران الإسرائيلي قصف", "warplanes shelled": bombardment by aircraft is an airstrike
            local = doc.means_near(lang, tr.nstart, tr.nend, ns, ne)
            if local & AIR_MEANS and "artillery" not in local \
                    and "AIRSTRIKE" not in {t.type for t in kept if t is not tr}:
                tr.type = "AIRSTRIKE"
    # "a drone strike ... hit a vehicle": a generic verb tells of the specific happening beside it
    specific = [t for t in kept if t.type in VIOLENT and not t.spec.get("generic")]
    for tr in kept:
        if tr.spec.get("generic") and specific and all(t.type != tr.type for t in specific):
            tr.type = min(specific, key=lambda t: abs(t.start - tr.start)).type
    # "arrested five civilians in a raid", "libérés lors d'une opération": the raid is how the
    # people were taken or freed, not a happening of its own; a raid on an armed side's members
    # stays a clash beside the arrest (ACLED codes it a battle)
    held = [t.end for t in kept if t.type in MANNER_HOLDERS]
    if held:
        kinds = _actor_kinds()
        kept = [t for t in kept if not (
            t.type == "ATTACK" and min(held) <= t.start
            and doc.cue(lang, "manner_before", max(ns, t.nstart - 40), t.nstart)
            and not any(kinds.get(str(a.id).removeprefix("actor:")) in ARMED_KINDS
                        for a in doc.actors_in(doc.t(ns), t.start)))]
    # "protesters clashed with security forces": the clash is the protest turning violent, one
    # happening (ACLED's violent demonstration), not a battle beside it
    # (the protesters are the ones clashing: their noun right before the clash; "forces opened fire
    # above the protesters" stays an attack on them)
    protests = [t for t in kept if t.type == "PROTEST"]
    if protests:
        def clash_of(t: Trig) -> Trig | None:
            return next((p for p in protests if 0 <= t.start - p.end <= PROTEST_CLASH_GAP), None) \
                if t.type == "ATTACK" else None
        clashing = [(t, clash_of(t)) for t in kept]
        for _, p in clashing:
            if p is not None:
                p.clash = True
        kept = [t for t, p in clashing if p is None]
    # one group per type (in order of first trigger)
    groups: dict[str, Group] = {}
    for tr in sorted(kept, key=_START):
        g = groups.get(tr.type)
        if g is None:
            groups[tr.type] = Group(tr.type, [tr], si, lang)
        else:
            g.trigs.append(tr)
    gl = sorted((h for g in groups.values() for h in _split_happenings(doc, lang, g, seg)),
                key=lambda g: g.trigs[0].start)
    # argument windows: split the sentence between consecutive groups at a clause break
    bounds = [seg.start]
    for prev, nxt in zip(gl, gl[1:]):
        a = max(t.end for t in prev.trigs if t.start < nxt.trigs[0].start) if any(
            t.start < nxt.trigs[0].start for t in prev.trigs) else prev.trigs[0].end
        b = nxt.trigs[0].start
        cut = None
        if a < b:
            for m in doc.breaks_in(lang, doc.n(a), doc.n(b)):
                cut = doc.t(m.start())
            if cut is None:
                for m in lang.markers.get("conj", NEVER).finditer(norm, doc.n(a), doc.n(b)):
                    cut = doc.t(m.start())
        bounds.append(cut if cut is not None else b)
    bounds.append(seg.end)
    out = []
    for i, g in enumerate(gl):
        g.wstart, g.wend = bounds[i], bounds[i + 1]
        last = max(t.nend for t in g.trigs)
        cut = doc.cue(lang, "purpose_cut", last, doc.n(g.wend))
        if cut:
            g.wend = doc.t(cut.start())
        g.para = doc.para_of(g.trigs[0].start)
        if g.type == "TRANSFER" and not any(t.anaphor or _has_person_object(
                doc, t, g, lang, before=t.passive or bool(t.spec.get("subject_is_patient"))) for t in g.trigs):
            continue
        out.append(g)
    return out


def _killings_apart(doc: _Doc, lang: Lang, kept: list[Trig], ns: int, ne: int) -> list[Trig]:
    """"Gunmen killed a teacher in Mayadin, while a roadside bomb killed two soldiers in Albu Kamal":
    a clause past a clause break with no trigger of its own, whose side kills (a side named in it
    and in no other clause, the word of death active), tells a killing of its own; its toll would
    otherwise go to the happening of the clause beside it. A clause that names no side, or only
    sides named beside it ("…, while IS killed two of them"), goes on telling that happening."""
    if not doc.casualty_word_in(lang, ns, ne):
        return []
    edges = [m.start() for m in doc.breaks_in(lang, ns, ne)]
    if not edges:
        return []
    edges = [ns] + edges + [ne]
    clauses = list(zip(edges, edges[1:]))
    # (the clauses with no trigger and a word of death, before any side is looked for: most have none)
    bare = []
    for i, (lo, hi) in enumerate(clauses):
        if not any(lo <= t.nstart < hi for t in kept):
            m = next(iter(doc.casualty_words(lang.killed, lang, lo, hi)), None)
            if m is not None:
                bare.append((i, lo, hi, m))
    if not bare:
        return []
    sides = [{a.id for a in doc.actors_in(doc.t(lo), doc.t(hi))} for lo, hi in clauses]
    out = []
    for i, lo, hi, m in bare:
        a, b = doc.t(m.start()), doc.tend(m.end())
        # the killer: the subject of the word, a side a few words before it with its object
        # right after ("Gunmen on a motorbike killed a teacher"), or right after it where the verb
        # comes first ("قتل مسلحون مجهولون معلما"); not a side before a comma (", killing a QSD
        # fighter" tells the toll of the happening before it) nor the killed ("killing two soldiers")
        doers = [x for x in doc.actors_in(doc.t(lo), a) if _subject_gap(doc.ntext(x.end, a))]
        if doers and not _object_right_after(doc, lang, b, doc.t(hi)):
            doers = []
        if lang.vso:
            doers += [x for x in doc.actors_in(b, doc.t(hi)) if not doc.ntext(b, x.start).strip()]
        others = set().union(*(s for j, s in enumerate(sides) if j != i))
        if not any(x.id not in others for x in doers):
            continue
        if _is_passive(doc, lang, m.start(), lo) or (
                lang.participle.match(doc.norm, m.start(), m.end()) and not _object_right_after(doc, lang, b, doc.t(hi))):
            continue    # "two soldiers were killed": the toll of the happening beside it
        # ("Turkish drones killed two fighters": the means tell the kind, as for a toll alone)
        ctype = _kind_by_means(doc.means_near(lang, m.start(), m.end(), lo, hi, after=40), "KILL")
        out.append(Trig(ctype, {}, a, b, m.start(), m.end()))
    return out


def _kind_by_means(means: set[str], plain: str) -> str:
    """The type of a killing or wounding told with no trigger of its own, by the means near its
    word: aircraft make it an air strike, artillery (with no small arms) shelling, else `plain`."""
    if means & AIR_MEANS:
        return "AIRSTRIKE"
    if "artillery" in means and not means & {"small arms"}:
        return "SHELLING"
    return plain


def _subject_gap(gap: str) -> bool:
    """Words between a subject and its verb: a few, no comma ("ont", "on a motorbike")."""
    return "," not in gap and "،" not in gap and len(gap.split()) <= 3


def _split_happenings(doc: _Doc, lang: Lang, g: Group, seg) -> list[Group]:
    """"shelled villages near Tal Tamr, while regime forces shelled Deraa", "قصفت … تل تمر، فيما
    قصفت … درعا": two triggers of one type joined at a clause break (or "and"), each side with a
    place of its own far from the other's, are two happenings; a second trigger with no place of
    its own, or one at the same place ("the strike killed two"), goes on telling the first."""
    if len(g.trigs) < 2:
        return [g]
    parts = [Group(g.type, [g.trigs[0]], g.sent, g.lang)]
    lo = seg.start
    for i in range(1, len(g.trigs)):
        t1, t2 = g.trigs[i - 1], g.trigs[i]
        cut = None
        if not t2.anaphor and t1.nend < t2.nstart:
            for m in doc.breaks_in(lang, t1.nend, t2.nstart):
                cut = doc.t(m.start())
            if cut is None:
                for m in lang.markers.get("conj", NEVER).finditer(doc.norm, t1.nend, t2.nstart):
                    cut = doc.t(m.start())
        if cut is not None:
            hi = g.trigs[i + 1].start if i + 1 < len(g.trigs) else seg.end
            left = [_as_place(p) for p in doc.places_in(lo, cut)]
            right = [_as_place(p) for p in doc.places_in(cut, hi)]
            if left and right and all(_place_compat(a, b) is False for a in left for b in right):
                parts.append(Group(g.type, [t2], g.sent, g.lang))
                lo = cut
                continue
        parts[-1].trigs.append(t2)
    return parts


def _has_place_near(doc: _Doc, tr: Trig, seg, lang: Lang) -> bool:
    """What is taken is a place: a place named, or a word for territory, after the trigger (or
    before it in the passive)."""
    lo = seg.start if tr.passive else tr.end
    hi = min(seg.end, tr.end + 100)
    if doc.places_in(lo, hi) or lang.territory.search(doc.ntext(lo if tr.passive else tr.end, min(seg.end, tr.end + 80))):
        return True
    # "al-Bab, which Turkish forces captured from IS": the place the relative clause points back to
    before = [p for p in doc.places_in(seg.start, tr.start) if p.end <= tr.start]
    return bool(before) and lang.relative_object.match(doc.ntext(before[-1].end, tr.start)) is not None


def _has_person_object(doc: _Doc, tr: Trig, seg, lang: Lang, before: bool = True) -> bool:
    """People (a person noun, a number, an actor) next to the trigger: what is moved or held."""
    s0, s1 = (seg.wstart, seg.wend) if isinstance(seg, Group) else (seg.start, seg.end)
    lo = max(s0, tr.start - 80) if before else tr.end
    hi = min(s1, tr.end + 60)
    # (a side beside the trigger first: a lookup, where the person nouns are a search)
    if any(not (a.start < tr.end and a.end > tr.start) for a in doc.actors_in(lo, hi)):
        return True
    return lang.person_nouns.search(doc.ntext(lo, tr.start) + " " + doc.ntext(tr.end, hi)) is not None


def _people_taken(doc: _Doc, tr: Trig, seg, lang: Lang) -> bool:
    """What the trigger takes, before any place, is people (a person noun within four words; in the
    passive, the subject's last words before it: "two Turkish soldiers were captured")."""
    if tr.passive:
        words = doc.ntext(max(seg.start, tr.start - 60), tr.start).split()[-5:]
    else:
        places = [p for p in doc.places_in(tr.end, min(seg.end, tr.end + 100))]
        hi = min([seg.end, tr.end + 40] + [p.start for p in places])
        words = doc.ntext(tr.end, hi).split()[:4]
    if not words:
        return False
    head = " ".join(words)
    return lang.person_nouns.search(head) is not None or \
        (lang.singular_person is not None and lang.singular_person.match(head) is not None)


def _object_after(doc: _Doc, tr: Trig, seg) -> bool:
    return bool(doc.mentions_in(tr.end, min(seg.end, tr.end + 80)))


# ---- arguments -------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _any_marker(code: str, roles: tuple[str, ...]) -> re.Pattern:
    """Where a marker of any of `roles` matches: one search, where each role's regex would be
    tried at every position of a gap that most often holds none. No role's match starts before
    its first match, so each role's matches may be looked for from there."""
    d = langdata.lang("claims", code)
    return _rx([f for role in roles for f in d.get("markers", {}).get(role, [])], d.get("word_prefix", ""))


def _nearest_marker(lang: Lang, gap: str, roles, reach: int | None = None) -> str | None:
    """The role of the marker in `gap` nearest its end, i.e. nearest the place that follows:
    in "from the town of Douma to Idlib" an unknown origin must not lend Idlib its "from".
    With `reach`, a marker more than that many words before the place counts for nothing."""
    first = _any_marker(lang.code, roles).search(gap)
    if first is None:
        return None
    best = None
    for role in roles:
        rx = lang.markers.get(role)
        if rx is None:
            continue
        for m in rx.finditer(gap, first.start()):
            if best is None or m.start() > best[0]:
                best = (m.start(), role, m.end())
    if best is None or (reach is not None and len(gap[best[2]:].split()) > reach):
        return None
    return best[1]


@lru_cache(maxsize=8192)
def _nearest_marker_short(code: str, gap: str, roles, reach: int | None) -> str | None:
    return _nearest_marker(compiled(code), gap, roles, reach)


def _fill(doc: _Doc, g: Group) -> None:
    lang = g.lang
    tr = g.trigs[0]
    c = Claim(id="", type=g.type, evidence=_evidence(doc, g))
    c._anaphoric_subject = False
    c._sentence = g.sent
    c._sents = {g.sent}
    c._sent_span = (doc.sents[g.sent].start, doc.sents[g.sent].end)
    c._trigger = (tr.start, tr.end)
    c._noun = tr.noun
    c._passive = tr.passive
    c._lang = lang
    # (what any trigger of the group says, read in one pass: most groups have one trigger)
    mutual = clash = battle = False
    modality = None
    for t in g.trigs:
        spec = t.spec
        # "exchanged shelling", "تبادل القصف": both sides fire (ACLED's armed clash, not a one-sided shelling)
        mutual = mutual or bool(spec.get("mutual"))
        clash = clash or t.clash
        # a battle told ("clashed", "affrontements", "اشتباكات"): explosives used in it do not make it a bombing
        battle = battle or bool(spec.get("battle"))
        modality = modality or spec.get("modality")
    c._mutual, c._clash, c._battle = mutual, clash, battle
    if modality:
        c._modality_hint = modality
    # the window's actors: the sides, or countries named as places ("vers leurs bases en Irak")
    acts, as_places = [], []
    in_window = doc.actors_in(g.wstart, g.wend)
    for i, a in enumerate(in_window):
        if a.end <= g.wend and not _suspected(doc, lang, a):
            if i + 1 < len(in_window) and _owner_of(doc, a, in_window[i + 1]):
                continue     # "Iraq's Popular Mobilisation Forces": the state owning a force is not a side beside it
            (as_places if _is_place_use(doc, lang, a, g.wstart) else acts).append(a)
    _actors(doc, g, c, acts)
    _places(doc, g, c, as_places)
    c.date = _date(doc, g)
    n0, n1 = doc.n(g.wstart), doc.n(g.wend)
    cue = doc.cue(lang, "persons_cues", n0, n1)     # a list of people says who, not how
    c.means = _means(doc, g, n0, cue.start() if cue else n1)
    if g.type in COUNT_TYPES:
        c.count = _count(doc, g, c)
    c.persons = _persons(doc, g, n1, cue)
    g.claim = c


def _evidence(doc: _Doc, g: Group) -> Evidence:
    a, b = g.wstart, g.wend
    txt = doc.text[a:b]
    lead = len(txt) - len(txt.lstrip(" ,;:\u060c\n\"«»“”"))
    trail = len(txt.rstrip(" ,;:\u060c\n"))
    a2, b2 = a + lead, a + max(trail, lead)
    if b2 <= a2:
        a2, b2 = g.trigs[0].start, g.trigs[0].end
    return Evidence(a2, b2, doc.text[a2:b2])


def _actor_dict(m: Mention) -> dict:
    return {"id": str(m.id).removeprefix("actor:"), "name": m.name or m.text}


def _add(lst: list[dict], d: dict) -> None:
    if d["id"] not in {x["id"] for x in lst}:
        lst.append(d)


def _last_marker(lang: Lang, gap: str, roles, max_words: int = 3) -> str | None:
    """The role of the marker nearest the end of `gap`, when at most `max_words` words follow it
    ("contre les forces de" -> target; a marker far back governs something else)."""
    if len(gap) <= SHORT_GAP:
        return _last_marker_short(lang.code, gap, roles, max_words)
    return _last_marker_in(lang, gap, roles, max_words)


# a gap this short is a few words between names (" and ", " in the ", " were killed by the "):
# few distinct ones recur (about half the gaps of up to 40 characters in the ACLED notes)
SHORT_GAP = 40


@lru_cache(maxsize=8192)
def _last_marker_short(code: str, gap: str, roles, max_words: int) -> str | None:
    return _last_marker_in(compiled(code), gap, roles, max_words)


def _last_marker_in(lang: Lang, gap: str, roles, max_words: int) -> str | None:
    first = _any_marker(lang.code, roles).search(gap)
    if first is None:
        return None
    best = None
    for role in roles:
        rx = lang.markers.get(role)
        if rx is None:
            continue
        for m in rx.finditer(gap, first.start()):
            if best is None or m.end() > best[0] or (m.end() == best[0] and m.start() < best[1]):
                best = (m.end(), m.start(), role)
    if best is None or len(_WORD.findall(gap, best[0])) > max_words or _CLAUSE_MARK.search(gap, best[0]):
        return None
    if _ONLY_A_NUMBER.fullmatch(gap, best[0]):
        return None         # "around 50 IS prisoners": "around" counts, it places nothing
    return best[2]


_ONLY_A_NUMBER = re.compile(r"\W*\d[\d,.]*\W*")
_WORD = re.compile(r"\w+")
_CLAUSE_MARK = re.compile(r"[,;\u060c]")


def _actors(doc: _Doc, g: Group, c: Claim, acts: list[Mention]) -> None:
    # "repelled an IS attack": the attack noun, not the verb of repelling it, says who attacked whom
    trigs = sorted(g.trigs, key=lambda t: bool(t.spec.get("repels"))) if len(g.trigs) > 1 else g.trigs
    for i, tr in enumerate(trigs):
        if i and c.agent and (c.patient or c.target):
            break
        if i and any(t.spec.get("subject_is_target") for t in trigs[:i]):
            break       # "intercepted a missile fired from …": the interception told who fired on whom
        if i and any(t.passive for t in trigs[:i]):
            # a side a passive word of the happening made its victim stays so ("تعرض رتل للتحالف لهجوم
            # بعبوة ناسفة": the coalition was attacked, it is no side of the bomb)
            hit = {x["id"] for role in (c.patient, c.target) for x in role}
            acts = [a for a in acts if _actor_dict(a)["id"] not in hit]
        _actors_of(doc, g, c, tr, acts)
    if g.type in VIOLENT or g.type in PATIENT_TYPES:
        # civilians are those it is done to, never the side doing it (Arabic "قتل خمسة مدنيين"
        # reads as active or passive alike)
        victims = [a for a in c.agent if a["id"] in doc.civilian_ids]
        if victims:
            c.agent = [a for a in c.agent if a["id"] not in doc.civilian_ids]
            for a in victims:
                _add(c.patient if g.type in PATIENT_TYPES else c.target, a)
    for role in ("patient", "target"):
        lst = getattr(c, role)
        setattr(c, role, [x for x in lst if x["id"] not in {a["id"] for a in c.agent}] or
                ([] if c.agent else lst))


def _actors_of(doc: _Doc, g: Group, c: Claim, tr: Trig, acts: list[Mention]) -> None:
    lang = g.lang
    passive = tr.passive or bool(doc.cue(lang, "passive_light", max(0, tr.nstart - 40), tr.nstart, cut=True))
    if tr.spec.get("subject_is_patient"):
        passive = True           # "50 IS prisoners escaped": who escapes is who is freed
    obj_role = "patient" if g.type in PATIENT_TYPES else "target"
    if g.type in ("MEETING", "AGREEMENT"):
        obj_role = "agent"
        passive = False          # "se sont réunis", "were met": the ones meeting all the same
    if g.type == "DEPLOY":
        passive = False          # "2.000 soldats turcs ont été déployés": a side's forces are sent by it
    counterpart = {"MEETING": "patient", "AGREEMENT": "patient"}.get(g.type, "target")
    # a subject before the trigger stops at the last clause break before it
    sub_start = g.wstart
    for m in doc.breaks_in(lang, doc.n(g.wstart), tr.nstart):
        if m.group().startswith(",") and lang.backers_list.search(doc.norm, max(doc.n(sub_start), m.start() - 80),
                                                                  m.start()):
            continue     # "the SDF, backed by French, Italian, and US forces, seized": the list goes on
        sub_start = doc.t(m.end())
    before = [a for a in acts if a.end <= tr.start]
    # "killed Abu Khadija, a senior IS leader, in a strike": a side named inside an apposition
    # tells who a person is, not who acts
    subj = [a for a in before if a.start >= sub_start and not _in_apposition(doc, lang, a, sub_start, tr.start)]
    if tr.spec.get("no_subject") or (tr.noun and lang.circumstance_before.search(doc.norm, max(0, tr.nstart - 30), tr.nstart)):
        # "intercepté un missile tiré depuis …": the noun is another verb's object; "the SDF imposed a
        # curfew following the attack": the happening only dates another one, whose subject is not its side
        subj = []
    if not subj and before and sub_start > g.wstart and not lang.pronoun_rx.search(doc.ntext(sub_start, tr.start)):
        # "forces which attacked": the subject stands before a relative pronoun (not before the
        # "that" of a speech verb: "قال مصدر مقرب من الحشد إن طائرة قصفت" tells who speaks)
        gap = doc.ntext(before[-1].end, sub_start)
        told = doc.cue(lang, "speech_that", doc.n(g.wstart), doc.n(sub_start))
        # (the happening is the clause's own verb, or its noun after a light verb: "التي شنت هجوما";
        # "قتل عنصر متأثراً بجراحه التي أصيب بها في هجوم": the clause tells of the wounds, not the attack)
        own_clause = len(doc.ntext(sub_start, tr.start).split()) <= 2
        if len(gap) < 25 and own_clause and not (told and told.end() == doc.n(sub_start)):
            subj = before[-1:]
    # "the SDF repelled an IS attack", "صدت القوات هجوما لداعش": who repels it is its target
    repel = doc.cue(lang, "repel", max(doc.n(sub_start), tr.nstart - 60), tr.nstart) if tr.noun else None
    # ("intercepted two Israeli missiles": the trigger holds the verb, whose subject is the target)
    repelled = repel is not None or bool(tr.spec.get("subject_is_target"))
    prev_end = sub_start
    for a in subj:
        gap = doc.ntext(prev_end, a.start)
        prev_end = a.end
        role = _last_marker(lang, gap, ("target", "agent", "owner", "parties", "origin", "destination", "location"))
        if role == "parties" or (role == "owner" and lang.means_any.search(gap)):
            role = None         # ("drones belonging to Turkey struck": the side of the means, its subject)
        elif role == "origin" and (lang.people_from.search(gap) or _gunmen_of(lang, gap, c)):
            # "مسلحين من داعش هاجموا", "مسلحون من داعش": the people of a side are that side
            if _gunmen_of(lang, gap, c):
                c.agent.pop()
            role = None
        if role is None or role == "origin" and not re.search(r"\w", gap[gap.rfind(" ", 0, len(gap.rstrip())) + 1:]):
            if passive or repelled or (tr.noun and _after_casualty_word(doc, lang, sub_start, a.start)):
                # ("قتل عنصران من قسد بانفجار عبوة", "killed two SDF members in an attack": the side of
                # those killed, named before the happening that killed them, is what it hit)
                _add(c.patient if obj_role == "patient" else c.target, _actor_dict(a))
            else:
                _add(c.agent, _actor_dict(a))
        elif role == "owner" and not (passive or repelled) and (lang.people_owned.search(gap) or (
                c.agent and c.agent[-1]["id"] in doc.attacker_ids
                and lang.markers["owner"].match(gap, len(gap) - len(gap.lstrip())))):
            # "fighters affiliated with IS attacked", "gunmen loyal to the government killed": the side
            # of the people doing it (unnamed gunmen give way to it later)
            _add(c.agent, _actor_dict(a))
        elif role == "target" or (role == "owner" and g.type in VIOLENT):
            _add(c.target, _actor_dict(a))
    for a in acts:
        if a.start < tr.end and a.end > tr.start:
            _add(c.agent, _actor_dict(a))     # "attaques américaines", "plan américain"
        elif tr.noun and not lang.vso and a.end <= tr.start and _only_means_between(doc, lang, a.end, tr.start) \
                and not tr.spec.get("subject_is_target"):
            # "in an IS attack", "in a US helicopter raid": the name before the noun is its side (verb-first
            # languages name it after the noun: there the name before is the subject of the verb before)
            _add(c.agent, _actor_dict(a))
    after = [a for a in acts if a.start >= tr.end]
    prev_end = tr.end
    prev_role = None
    parties_role = None     # the role given the first of the sides a "between" names
    first = True
    partners: set[str] = set()        # sides that acted with the subject, not the subject itself
    # a verb-first language put the subject first this time ("طائرات مسيرة مجهولة استهدفت شاحنات
    # للميليشيات"): what follows the verb is its object
    verb_first = lang.vso and not tr.noun and not lang.means_any.search(
        doc.norm, max(doc.n(sub_start), tr.nstart - 30), tr.nstart)
    for a in after:
        gap_start = prev_end
        gap = doc.ntext(prev_end, a.start)
        if len(gap) > 80 or lang.comment_clause.search(gap):
            break          # "…, ce que le régime dément": a side commenting what was told plays no part in it
        prev_end = a.end
        if prev_role and lang.conj_rx.match(gap) and not (lang.vso and not gap.strip()):
            role = prev_role        # (verb-first: "اتهمت الحكومة تركيا", subject then object, no "and")
        elif parties_role is not None and prev_role == parties_role and len(gap.split()) <= 4 and (
                not gap.strip() or lang.markers["conj"].search(gap)
                or _last_marker(lang, gap, ("destination", "location", "target"))):
            # "entre les FDS et l'EI", "بين قسد وداعش", "opposent les FDS à l'EI": the other side the
            # "between" names fights alongside the first in the clash, as "between the SDF and IS" reads
            role = parties_role
        elif all(x["id"] in doc.civilian_ids for x in c.agent) and _after_means(doc, lang, a) \
                and not tr.spec.get("means_is_object"):
            # (civilians read as a subject are moved to the victims later: "7 civilians were
            # killed in shelling by regime artillery" names the shelling's side all the same;
            # not the side of a means shot down: "its fighters shot down a Turkish drone")
            role = "agent"
        else:
            m = _last_marker(lang, gap, ("agent", "owner", "partner", "target", "counterpart", "parties", "origin",
                                         "destination", "location"))
            if m is None and lang.people_of is not None and "agent" in lang.markers:
                # "attaqué par des combattants de l'EI": the agent's marker, then the side's people
                lead = lang.markers["agent"].match(gap, len(gap) - len(gap.lstrip()))
                if lead is not None and lang.people_of.fullmatch(gap, lead.end()):
                    m = "agent"
            tail = gap
            if m is not None:
                mm = None
                for mm in lang.markers[m].finditer(gap):
                    pass
                tail = gap[mm.end():] if mm else ""
            if m == "parties":
                role = parties_role = "agent" if not c.agent else ("target" if g.type in VIOLENT else obj_role)
            elif m == "owner" and lang.means_any.search(gap[max(0, mm.start() - 30):mm.start()]):
                role = None           # "planes likely belonging to the US": whose means, told aside
            elif m == "owner":
                # "a checkpoint manned by Iraqi soldiers": the side whose post or vehicle was hit
                role = "target" if g.type in VIOLENT else None
            elif m == "agent":
                # "killed by unknown gunmen" right after the verb is a passive even with no auxiliary
                right_after = gap_start == tr.end and mm is not None and not gap[:mm.start()].strip(" ,")
                # verb-first languages mark the doer of a nominal ("قصف مدفعي لقوات الاحتلال") with it too
                role = "agent" if (passive or tr.noun or right_after or verb_first) else None
            elif m == "target":
                role = "target" if g.type not in ("MEETING", "AGREEMENT") else counterpart
            elif m == "partner":
                role = "agent"        # "in a joint operation with the coalition": it acted too, whatever the voice
                partners.add(str(a.id).removeprefix("actor:"))
            elif m == "counterpart" and (g.type == "DEPLOY" or lang.joint_word.search(doc.norm, tr.nstart, doc.n(a.start))):
                role = "agent"        # "conducted a (joint) patrol with Turkish forces": a partner
                partners.add(str(a.id).removeprefix("actor:"))
            elif m == "counterpart":
                role = counterpart if len(tail) < 30 or _one_word_at_most(tail) else None
                if role and tr.spec.get("battle"):
                    c._fought_with = getattr(c, "_fought_with", set()) | {str(a.id).removeprefix("actor:")}
            elif m == "origin" and prev_role == "agent" and _gunmen_of(lang, gap, c):
                c.agent.pop()         # "هاجم مسلحون من داعش": the gunmen are the side's
                role = "agent"
            elif m == "origin" and verb_first and first and not (passive or tr.noun or c.agent) \
                    and g.type != "KILL" and len(gap.split()) == 2 and gap_start == tr.end and _one_word_at_most(tail):
                role = "agent"        # "قصفت وحدات من الجيش …": the units of a side right after the verb are its subject
            elif m == "origin" and _one_word_at_most(tail):
                role = obj_role       # "60 of IS", "seized the town from IS"
            elif m == "location" and _person_before(lang, gap[:mm.start()]):
                role = obj_role       # "اعتقال قيادي بارز في تنظيم داعش": a leader in IS is IS's
            elif m == "location" and g.type in VIOLENT and not c.target and _country_place(a) is None:
                role = "target"     # "exploded near a Syrian army patrol": a side, not a place
            elif m in ("origin", "destination", "location"):
                role = None
            else:
                genitive = lang.markers.get("genitive")

                def bare(g: str) -> bool:
                    # nothing but a mark, or the genitive ("an IED hit a US patrol": "a" is no genitive)
                    return (len(g.strip()) <= 1 and not g.strip().isalpha()) or (genitive is not None and
                                                   re.fullmatch(r"\W*(?:" + genitive.pattern + r")\W*", g) is not None)
                rest = gap.split(None, 1)
                # "une attaque meurtrière de l'EI", "هجوم إرهابي لتنظيم داعش": one adjective after the
                # noun, then the genitive (in Arabic a clitic on the name itself)
                tight = bare(gap) or (tr.noun and rest and rest[0].isalpha() and (
                    (len(rest) == 2 and bare(" " + rest[1])) or
                    # (not a place word: "بقصف مواقع للقوات التركية" hit the positions the side holds)
                    (len(rest) == 1 and lang.genitive_clitic.match(doc.ntext(a.start, a.end)) is not None
                     and not lang.territory.fullmatch(rest[0])) or
                    # "un convoi militaire américain", "رتل عسكري أمريكي": one adjective, then the side's own
                    (len(rest) == 1 and lang.adjective_actor.search(doc.text[a.start:a.end]) is not None))) or (
                    # "une attaque de jihadistes du groupe EI": the people of a side who carried it out
                    tr.noun and lang.people_of is not None and lang.people_of.fullmatch(gap) is not None)
                # (a side written with the genitive clitic after a noun owns that noun: "هاجموا نقطة
                # للجيش", a post of the army, is what was attacked)
                vso_subject = verb_first and not c.agent and len(gap.split()) <= 1 and not (
                    gap.strip() and lang.genitive_clitic.match(doc.ntext(a.start, a.end)))
                if first and not passive and ((tight and (tr.noun or (verb_first and not c.agent))) or vso_subject):
                    role = "agent"
                elif _after_means(doc, lang, a):
                    # (what is shot down is the side's own aircraft: "abattu un drone russe")
                    role = "target" if tr.spec.get("means_is_object") else "agent" if not c.agent else None
                elif g.type in ("MEETING", "AGREEMENT") and subj and not tight and len(gap.split()) > 2:
                    role = None   # "Bagdad aurait accepté de recevoir des détenus de Daech": what it agreed to do, not a party
                else:
                    role = obj_role
        first = False
        prev_role = role
        if role is None:
            continue
        _add(getattr(c, role), _actor_dict(a))
    # "unidentified gunmen", "assailants" with no named attacker
    if g.type in VIOLENT and not c.agent:
        if doc.cue(lang, "unidentified", doc.n(g.wstart), doc.n(g.wend), cut=True):
            _add(c.agent, {"id": "unidentified", "name": "unidentified"})
    if repelled or passive:
        # "the SDF said its fighters repelled an IS attack", "… its fighters were attacked by IS": the
        # owner of those repelling it, or of those it was done to, is its target
        own = doc.cue(lang, "possessive_subject", doc.n(sub_start), repel.start() if repel is not None else tr.nstart)
        if own is None and passive and doc.may_hold(lang, "possessive_subject"):
            own = lang.possessive_people.search(doc.norm, doc.n(sub_start), tr.nstart)   # "leurs combattants avaient été"
        owner = _possessive_owner(doc, g, own)
        role = "target" if repelled else obj_role
        if owner is not None:
            _add(getattr(c, role), _actor_dict(owner))
            c._own_sides = getattr(c, "_own_sides", set()) | {_actor_dict(owner)["id"]}
        elif own or tr.spec.get("subject_is_target"):
            # "the group said its fighters repelled …", "l'armée a affirmé avoir intercepté un missile":
            # the speaker's, told later (a speaker is no target of what it tells, but the interceptor is)
            c._speaker_side = role
    elif not any(x["id"] not in partners for x in c.agent) and not passive:
        head = doc.ntext(sub_start, tr.start)
        own = doc.cue(lang, "possessive_subject", doc.n(sub_start), tr.nstart)
        owner = _possessive_owner(doc, g, own)
        pronoun = lang.pronoun_rx.search(head) is not None     # ("they", "ils" opening the clause)
        if owner is not None:
            # "According to the SDF, its fighters killed …": the side named before in the sentence
            _add(c.agent, _actor_dict(owner))
        elif own and not pronoun:
            # "the group said its fighters killed …": no side named before the owner's word in the
            # sentence; the speaker's, once attribution knows who speaks
            c._speaker_side = "agent"
        elif pronoun and lang.object_pronoun_end.search(
                doc.ntext(max(doc.sents[g.sent].start, sub_start - 50), sub_start)):
            # "IS attacked them while they were patrolling": "they" are those just attacked, who
            # are not named: the claim keeps no side rather than the attacker's
            c._unnamed_subject = True
        elif pronoun and (speaker := _speaker_before(doc, lang, g, sub_start)) is not None:
            # "les FDS ont affirmé qu'elles avaient capturé …": the pronoun opening the clause told
            # is the one telling it
            _add(c.agent, _actor_dict(speaker))
        elif pronoun or doc.cue(lang, "anaphoric_subject", doc.n(sub_start), doc.n(tr.start), cut=True):
            c._anaphoric_subject = True
            prev_sent = doc.sents[g.sent - 1] if g.sent > 0 else None
            c._prev_actors = [_actor_dict(a) for a in doc.actors_in(prev_sent.start, prev_sent.end)] \
                if prev_sent is not None else []
    if partners:
        # the subject first, then those it acted with
        c.agent = [x for x in c.agent if x["id"] not in partners] + [x for x in c.agent if x["id"] in partners]
        c._partner_ids = partners


def _after_casualty_word(doc: _Doc, lang: Lang, a: int, b: int) -> bool:
    """Whether a word of killing or wounding stands in text span a..b."""
    n0, n1 = doc.n(a), doc.n(b)
    return doc.casualty_word_in(lang, n0, n1) and any(
        next(doc.casualty_words(rx, lang, n0, n1), None) is not None for rx in (lang.killed, lang.injured))


def _possessive_owner(doc: _Doc, g: Group, own: re.Match | None) -> Mention | None:
    """The side a subject opening on "its", "leurs", "قواتها" (`own`, the possessive_subject cue)
    belongs to: the last side named before the owner's word in the sentence, else None."""
    if not own:
        return None
    owner_end = doc.t(own.start())
    before = [a for a in doc.actors_in(doc.sents[g.sent].start, owner_end) if a.end <= owner_end]
    return before[-1] if before else None


def _gunmen_of(lang: Lang, gap: str, c: Claim) -> bool:
    """Unnamed gunmen, then nothing but "from" before a side ("مسلحون من داعش"): the side's own."""
    return bool(c.agent) and c.agent[-1]["id"] == "unidentified" and \
        lang.markers["origin"].fullmatch(gap.strip()) is not None


def _speaker_before(doc: _Doc, lang: Lang, g: Group, clause_start: int) -> Mention | None:
    """The side that says the clause starting at `clause_start` ("les FDS ont affirmé qu'…"):
    the last actor before a speech frame that ends where the clause starts, else None."""
    s0 = doc.sents[g.sent].start
    told = doc.cue(lang, "speech_that", doc.n(s0), doc.n(clause_start))
    if told is None or doc.ntext(doc.t(told.end()), clause_start).strip():
        return None
    before = [a for a in doc.actors_in(s0, doc.t(told.start())) if a.end <= doc.t(told.start())]
    return before[-1] if before else None


def _owner_of(doc: _Doc, a: Mention, nxt: Mention) -> bool:
    """Whether side `a` is written as the owner of the side named right after it ("Iraq's PMF")."""
    gap = doc.text[a.end:nxt.start]
    return gap in ("'s ", "’s ") or (gap == " " and a.text.endswith(("'s", "’s")))


def _suspected(doc: _Doc, lang: Lang, a: Mention) -> bool:
    """A side only believed to be behind it ("gunmen believed to be members of IS", "مسلحون يعتقد
    أنهم من داعش"): no side of the claim, as khabar keeps a report's doubt."""
    if not doc.may_hold(lang, "suspected_side"):
        return False                  # (most reports hold none of these words: no search per name)
    return doc.cue(lang, "suspected_side", max(0, doc.n(a.start) - 60), doc.n(a.start)) is not None


def _in_apposition(doc: _Doc, lang: Lang, a: Mention, lo: int, hi: int) -> bool:
    """A name inside ", a senior IS leader," / ", un haut dirigeant de l'EI,": between a comma
    that opens on an article and the comma that closes before `hi`."""
    opened = doc.text.rfind(",", max(lo, a.start - 50), a.start)
    if opened < 0 or lang.apposition_open.match(doc.norm, doc.n(opened + 1), doc.n(a.start)) is None:
        return False
    closed = doc.text.find(",", a.end, hi)
    if closed < 0 or len(doc.text[a.end:closed].split()) > 3:
        return False
    # what the apposition tells of is a name ("Abu Khadija, …"), not a date ("On 7 May 2021, the …")
    head = doc.text[max(0, opened - 30):opened].split()
    return bool(head) and head[-1][:1].isupper() and \
        not any(d.start_offset < opened <= d.end_offset + 1 for d in doc.r.dates)


def _one_word_at_most(tail: str) -> bool:
    """Whether at most one word of two letters or more stands between a side's marker and the side
    ("from IS", "of the IS"): the marker is the side's own."""
    return len(_WORDS_OF_TWO.findall(tail)) <= 1


def _after_means(doc: _Doc, lang: Lang, a: Mention) -> bool:
    """An actor named right after a means word ("hélicoptères américains") is the one using it.
    Asked for the same actor by each claim around it: answered once per report."""
    key = (lang.code, a.start, a.end)
    found = doc.after_means.get(key)
    if found is None:
        before = doc.ntext(max(0, a.start - 30), a.start)
        own = doc.ntext(a.start, a.end)
        found = doc.after_means[key] = bool(lang.means_end.search(before) or lang.means_any.search(own))
    return found


def _country_place(m: Mention) -> dict | None:
    """The place of a country a mention names as an actor (Irak: the state and the country), else None."""
    e = m._entry if isinstance(m._entry, dict) else {}
    return e["place"] if isinstance(e.get("place"), dict) else None


def _is_place_use(doc: _Doc, lang: Lang, a: Mention, floor: int) -> bool:
    """A country actor named as a place ("vers leurs bases en Irak"); floor: where its clause starts."""
    if _country_place(a) is None or (not lang.vso and _before_happening_noun(doc, lang, a)):
        return False          # ("killed in Israeli strikes", "in US raids": the side of the happening, not where)
    gap = doc.ntext(max(floor, a.start - 25), a.start)
    if lang.agent_end.search(gap):
        return False          # "attribuée à la Turquie": the one who did it
    word = a.text.split()[0].lower() if a.text.split() else ""
    if lang.place_marker_end.search(gap) or lang.place_marker_word.fullmatch(_npat(word)):
        return True
    # "in northern Syria and Iraq": coordinated with a place named just before
    before = [p for p in doc.places_in(max(floor, a.start - 40), a.start) if p.end <= a.start]
    return bool(before and lang.conj_rx.match(doc.ntext(before[-1].end, a.start)))


def _place_of(m: Mention, role_text: str | None = None) -> Place:
    e = m._entry if isinstance(m._entry, dict) else {}
    return Place(id=m.id or "", name=m.name or m.text, lat=m.lat, lon=m.lon, precision=m.precision or "city",
                 admin1=e.get("admin1"), country=e.get("country"), text=m.text)


def _rank(p: Mention | Place) -> float:
    """How coarse a place is (0 = a site). A part of a place ("sud de Tall Hamis", id
    "geonames:…@direction:s") ranks just above the place it is part of."""
    return _rank_of(p.id or "", p.precision)


def _rank_of(pid: str, precision: str | None) -> float:
    if "@" in pid:
        base = pid.split("@", 1)[0].split(":", 1)[0]
        return {"site": 0, "geonames": 1, "admin1": 3, "country": 5}.get(base, 3) + 0.5
    return PRECISION_RANK.get(precision or "city", 1)


def _place_rank(m: Mention) -> float:
    """_rank(_as_place(m)), without making the Place."""
    pe = _country_place(m) if m.kind == "actor" else None
    return _rank(m) if pe is None else _rank_of(pe.get("id") or "", pe.get("precision") or "country")


def _places(doc: _Doc, g: Group, c: Claim, as_places: list[Mention]) -> None:
    lang = g.lang
    tr = g.trigs[0]
    movement = g.type in MOVEMENT
    pls = [p for p in doc.places_in(g.wstart, g.wend) if p.end <= g.wend]
    pls += as_places
    pls.sort(key=_START)
    # "SANA's correspondent in Hama said that …", "ذكر مراسل سانا في حماة أن …": a place of the
    # speech frame before the reported clause is where the speaker is, not where it happened
    # (unless the happening points back to it: "sources à Wasit ont annoncé que … de cette province")
    told = doc.cue(lang, "speech_that", doc.n(g.wstart), tr.nstart) if pls else None
    if told is not None and not lang.anaphoric_place.search(doc.norm, told.end(), doc.n(g.wend)):
        frame_end = doc.t(told.end())
        pls = [p for p in pls if p.start >= frame_end]
    mentions = doc.mentions_in(g.wstart, g.wend)
    roles: dict[str, list[Mention]] = {"origin": [], "destination": [], "location": []}
    passed: list[Mention] = []      # places a movement passed through
    prev_end = None
    prev_role = None
    prev = None
    for p in pls:
        lo = tr.end if p.start >= tr.end else g.wstart
        full_start = max(lo, prev_end or lo)
        short_start = max([full_start] + [m.end for m in mentions if full_start <= m.end <= p.start])
        full = doc.ntext(full_start, p.start)[-90:]
        short = doc.ntext(short_start, p.start)
        own = _first_word(p.text)
        short_own = short + own
        if movement:
            strong = doc.nearest_marker(lang, short_own, ("origin", "destination")) or \
                doc.nearest_marker(lang, full + own, ("origin", "destination"))
        else:
            # what did not move has no origin or destination unless its marker is the nearest:
            # "stabbed a fighter to death in the city of X", "units of the army … in rural Idlib"
            # ("took to the streets of Qamishli": a "to" three words off is no destination)
            strong = doc.nearest_marker(lang, short_own, ("origin", "destination", "location"), reach=3)
            strong = None if strong == "location" else strong

        nested = prev_role in ("origin", "destination") and prev_end is not None and p.start - prev_end < 50
        # a movement verb right before the place outranks a marker further back ("رتلا … مؤلفا من 30
        # شاحنة دخل مدينة الحسكة": it entered the town, it did not come from it)
        moved = (("destination" if lang.entering_verb is not None and lang.entering_verb.search(short) else None) or
                 ("origin" if lang.leaving_verb is not None and lang.leaving_verb.search(short) else None)) \
            if movement else None
        via = movement and "via" in lang.markers and \
            doc.nearest_marker(lang, short_own, ("origin", "destination", "via"), reach=3) == "via"
        if via:
            # "from Iraq through the al-Waleed crossing": where it passed, neither end (nor the origin
            # a transfer's bare location becomes below); its location when no other is named
            passed.append(p)
            prev, prev_end, prev_role = p, p.end, None
            continue
        if moved:
            role = moved           # (before a place nested in the one before: "venant d'Irak, est entré à X")
        elif nested and doc.nearest_marker(lang, short_own, ("origin", "destination")) is None:
            role = prev_role
        elif strong:
            role = strong
        elif movement and lang.weak_origin is not None and lang.weak_origin.match(short_own.strip()) and p.start > tr.end:
            role = "origin"
        elif movement and lang.movement_destination is not None and p.start > tr.end and \
                lang.movement_destination.match(short_own.strip()) and len(short.split()) <= 3:
            role = "destination"
        else:
            role = "location"
        if prev_end is not None and prev_role and doc.text[prev_end:p.start].strip(" ,") == "":
            role = prev_role   # apposition: "Hassaké, Syrie"
        if prev is not None and role in (prev_role, "location") and _wider_apposition(doc, lang, prev, p, own):
            prev_end = p.end   # "Jabal al-Zawiya, dans le sud d'Idleb": the area around a site says no more than it
            continue
        roles[role].append(p)
        prev, prev_end, prev_role = p, p.end, role
    if g.type in GATHERINGS and roles["destination"] and not roles["location"]:
        # "وصل وفد إلى القامشلي والتقى …", "arrived in Qamishli and met": where people came to gather
        roles["location"], roles["destination"] = roles["destination"], []
    if g.type == "TRANSFER" and roles["location"] and not roles["origin"]:
        roles["origin"], roles["location"] = roles["location"], []
    roles["location"] = roles["location"] or passed
    for role, ms in roles.items():
        if ms:
            # the most specific; of equal kinds (a town, a part of a town) the first: "A in B" is A
            best = ms[0] if len(ms) == 1 else min(ms, key=lambda m: (int(_place_rank(m)), m.start))
            setattr(c, role, _as_place(best))
    if c.location is not None and c.location.id.startswith("admin1:"):
        from .link import finer_place        # a whole governorate: the part of a region the report names in it
        c.location = finer_place(doc.r, c.location) or c.location
    if c.location is None and not c.origin and not c.destination:
        if doc.cue(lang, "anaphoric_place", doc.n(g.wstart), doc.n(g.wend)):
            c._anaphoric_place = True


@lru_cache(maxsize=4096)
def _first_word(name: str) -> str:
    """The first word of a place's name as the normalised text writes it, and a space ("" for no
    word): a marker is looked for up to it, as one may stand in the name itself."""
    words = name.split()
    return _npat(words[0].lower()) + " " if words else ""


def _wider_apposition(doc: _Doc, lang: Lang, a: Mention, b: Mention, b_own: str) -> bool:
    """Whether place b, named right after curated site a ("la région du Jabal al-Zawiya, dans le
    sud d'Idleb", "the X region in southern Idlib"), is the wider area a lies in: a's governorate,
    a part or the countryside of it or of its seat, or a's country. Such an apposition locates a;
    it is not a second place (a site of precision region otherwise ranks after the area)."""
    if a.kind != "place" or b.kind != "place" or not (a.id or "").startswith("site:"):
        return False
    ea = a._entry if isinstance(a._entry, dict) else {}
    eb = b._entry if isinstance(b._entry, dict) else {}
    if b.precision == "country":
        inside = bool(ea.get("country")) and ea.get("country") == eb.get("country")
    else:
        inside = bool(eb.get("derived") or b.precision in ("admin1", "region")) and \
            bool(ea.get("admin1")) and ea.get("admin1") == eb.get("admin1")
    if not inside:
        return False
    gap = doc.ntext(a.end, b.start)
    if len(re.findall(r"\w+", gap)) > 4 or lang.conj_any.search(" " + gap.replace(",", " ") + " "):
        return False       # "Jabal al-Zawiya et le sud d'Idleb": two places
    return doc.text[a.end:b.start].strip(" ,") == "" or \
        doc.nearest_marker(lang, gap + b_own, ("location",)) == "location"


def _as_place(m: Mention) -> Place:
    pe = _country_place(m)
    if m.kind == "actor" and pe is not None:
        return Place(id=pe.get("id") or "", name=pe.get("name") or m.text, lat=pe.get("lat"), lon=pe.get("lon"),
                     precision=pe.get("precision") or "country", admin1=pe.get("admin1"), country=pe.get("country"),
                     text=m.text)
    return _place_of(m)


def _date(doc: _Doc, g: Group) -> DateValue | None:
    tr = g.trigs[0]
    seg = doc.sents[g.sent]
    cands = doc.dates_in(seg.start, seg.end)
    if not cands:
        return None
    inwin = [d for d in cands if g.wstart <= d.start_offset < g.wend] or cands
    usable = [d for d in inwin if d.start or d.month_day or d.candidates] or inwin
    # "أعلنت قسد يوم الاثنين مقتل اثنين … يوم السبت": a date right after a speech verb, before the
    # happening's word, is the day it was told; another date of the sentence is the happening's
    told = [d for d in usable if d.end_offset <= tr.start and
            g.lang.speech_date.search(doc.norm, max(0, doc.n(d.start_offset) - 60), doc.n(d.start_offset))]
    usable = [d for d in usable if d not in told] or usable
    return min(usable, key=lambda d: abs(d.start_offset - tr.start))


def _means(doc: _Doc, g: Group, n0: int, n1: int) -> str | None:
    """The means named in normalised span n0..n1 of the window."""
    names = [n for _, n in doc.means_in(g.lang, n0, n1)]
    return " and ".join(dict.fromkeys(names)) or None


def _unit_after(doc: _Doc, lang: Lang, q: Quantity, after: str) -> bool:
    """A unit or thing right after the number ("3 أيام", "5 km"), so that it counts no people; a
    date there ("شخصين يوم الجمعة", "جنديان اليوم") tells when, not what the number counts."""
    return bool(lang.non_person.match(after)) and not doc.dates_in(q.end, q.end + 3)


def _count(doc: _Doc, g: Group, c: Claim) -> Quantity | None:
    lang = g.lang
    tr = g.trigs[0]
    best = None
    for q in doc.numbers_in(g.wstart, g.wend):
        after = doc.ntext(q.end, min(g.wend, q.end + 60))
        if _unit_after(doc, lang, q, after.strip()) or re.match(r"\s*(?:%|\d)", after):
            continue
        # (a dual names its people itself: "اعتقلت شخصين")
        ok = bool(lang.person_nouns.search(after[:40])) or bool(lang.person_nouns.match(doc.ntext(q.start, q.end))) or \
            bool(doc.actors_in(q.end, q.end + 41))
        if not ok:
            continue
        d = abs(q.start - tr.start)
        if best is None or d < best[0]:
            best = (d, q)
    if best is None:
        return None
    q = best[1]
    return Quantity(value=q.value, at_least=q.at_least, approx=q.approx, text=q.text, start=q.start, end=q.end)


_NAME = re.compile(r"(?:[A-Z][\w'’-]+)(?:\s+(?:(?:al|el|bin|ben|ibn|abu|abou|de|du)[-\s])?[A-Z][\w'’-]+)+")


def _persons(doc: _Doc, g: Group, win_n1: int, m: re.Match | None) -> list[str]:
    """Names listed after a cue ("dont", "including", "ضمّت"): person mentions when the earlier
    stages give them; else capitalised names (scripts with capitals), or the last words of each
    listed item (data: persons_split, persons_skip, name_words, name_particles). m: the cue in
    the window, which ends at normalised offset win_n1."""
    lang = g.lang
    if not m:
        return []
    after = doc.t(m.end())
    people = [p.name or p.text for p in doc.persons if after <= p.start < g.wend]
    if people:
        return people
    if lang.names_capitalised:
        return [x.group() for x in _NAME.finditer(doc.text, after, g.wend)][:8]
    if lang.persons_split is None:
        return []
    out = []
    pos = m.end()
    cuts = [(x.start(), x.end()) for x in lang.persons_split.finditer(doc.norm, m.end(), win_n1)] + [(win_n1, win_n1)]
    for a, b in cuts:
        item = doc.norm[pos:a]
        base = pos
        pos = b
        words = [(w.start() + base, w.end() + base) for w in re.finditer(r"\w+", item)]
        if not words or lang.persons_skip.match(item.strip(" \"'")):
            continue
        k = lang.name_words
        taken = words[-k:]
        if any(lang.name_particles.fullmatch(doc.norm[x:y]) for x, y in taken) and len(words) > k:
            taken = words[-(k + 2):]
        s0, s1 = doc.t(taken[0][0]), doc.tend(taken[-1][1])
        out.append(doc.text[s0:s1])
        if len(out) >= 8:
            break
    return out


# ---- same happening --------------------------------------------------------------------------

def _km(a: Place, b: Place) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _place_compat(a: Place | None, b: Place | None) -> bool | None:
    """True: the same spot (or one inside the other); False: different; None: one is missing."""
    if a is None or b is None or a.lat is None or b.lat is None:
        return None
    if a.id and a.id == b.id:
        return True
    wide = max(_rank(a), _rank(b))
    if wide >= PRECISION_RANK["admin1"]:
        coarse, fine = (a, b) if _rank(a) >= _rank(b) else (b, a)
        if coarse.precision == "country":
            return bool(fine.country and coarse.country and fine.country == coarse.country) or \
                (fine.country is None and _km(a, b) < 400)
        if fine.admin1 and coarse.admin1 and fine.admin1 == coarse.admin1:
            return True
        return _km(a, b) < 120
    return _km(a, b) <= NEAR_KM


def _qty_compat(a: Quantity | None, b: Quantity | None) -> bool | None:
    if a is None or b is None:
        return None
    lo_a, lo_b = (a.value if a.value is not None else a.at_least), (b.value if b.value is not None else b.at_least)
    if lo_a is None or lo_b is None:
        return None if (a.text or "").lower() != (b.text or "").lower() else True
    if a.value is not None and b.value is not None:
        return a.value == b.value or (a.approx or b.approx) and abs(a.value - b.value) <= 0.2 * max(a.value, b.value)
    if a.value is not None and b.at_least is not None:
        return a.value >= b.at_least
    if b.value is not None and a.at_least is not None:
        return b.value >= a.at_least
    return True


def _date_compat(a: DateValue | None, b: DateValue | None) -> bool | None:
    if a is None or b is None:
        return None
    if a.start and b.start:
        a0, a1 = a.start, a.end or a.start
        b0, b1 = b.start, b.end or b.start
        return a0 <= b1 and b0 <= a1
    if a.month_day and b.month_day:
        return a.month_day == b.month_day
    return None


SPECIFIC_OF = {"ATTACK": ("AIRSTRIKE", "SHELLING")}    # a generic type and the kinds it may be telling of


def _same_happening(doc: _Doc, g: Group, out: list[Claim]) -> Claim | None:
    c = g.claim
    tr = g.trigs[0]
    for prev in reversed(out[-40:]):      # a retelling comes within a few claims
        # "the planes carried out strikes on X. They targeted Y": with no other subject, an attack
        # told by a verb of no kind of its own ("targeted", needs_context) right after a specific
        # one goes on telling it; "fighting" after "air raids" is fighting
        # ("the assailants targeted a bus": the attackers of no side of their own are the first's)
        elaborates = tr.spec.get("needs_context") and (prev.type == c.type or prev.type in SPECIFIC_OF.get(c.type, ())) \
            and prev._sentence is not None \
            and {a["id"] for a in c.agent} - doc.attacker_ids <= {a["id"] for a in prev.agent} \
            and 0 <= g.sent - _last_sentence(prev) <= 1
        # "the recent American attacks on the border ... . American planes carried out several
        # strikes": attacks named by a bare noun, told just before by the same side, are the
        # specific happening the next sentence tells (the merged claim takes the specific type)
        generalised = prev.type in SPECIFIC_OF and c.type in SPECIFIC_OF[prev.type] and prev._noun \
            and prev._sentence is not None and bool(prev.agent) \
            and {a["id"] for a in prev.agent} <= {a["id"] for a in c.agent} \
            and 0 <= g.sent - _last_sentence(prev) <= 1
        # "the attack came two days after ...", "l'attaque a eu lieu vers minuit": a definite
        # generic noun goes back to the specific attack told just before
        # (a clash is no retelling of the strike beside it: "amid airstrikes on the clash area")
        refers_back = tr.anaphor and (tr.noun or not tr.spec.get("battle")) and prev.type in SPECIFIC_OF.get(c.type, ()) \
            and prev._sentence is not None and 0 <= g.sent - _last_sentence(prev) <= 3 \
            and (not c.agent or {a["id"] for a in c.agent} <= {a["id"] for a in prev.agent})
        elaborates = elaborates or generalised or refers_back
        if prev.type != c.type and not elaborates:
            continue
        # a different date, place or count tells another happening (an anaphor of violence
        # at another place or count still goes back to it): the first that differs settles it
        differs_ok = tr.anaphor and prev.type in VIOLENT
        checks = [_date_compat(prev.date, c.date)]
        if checks[0] is False:
            continue
        specific = []
        for role in ("location", "origin", "destination"):
            a_, b_ = getattr(prev, role), getattr(c, role)
            checks.append(_place_compat(a_, b_))
            if checks[-1] is False and not differs_ok:
                break
            specific.append(checks[-1] is True and max(_rank(a_), _rank(b_)) < PRECISION_RANK["admin1"])
        else:
            # a place of one role may be named in another role by the retelling
            checks.append(_qty_compat(prev.count, c.count))
        if checks[-1] is False and not differs_ok:
            continue
        if c.agent and prev.agent and not ({a["id"] for a in c.agent} & {a["id"] for a in prev.agent}):
            if not tr.anaphor and not elaborates:
                continue
        # the lead sentence tells in brief what the body then tells in full: the same sides doing
        # the same to the same, nothing said differently, and not "also"/"another"
        retold_lead = prev._sentence == 0 and g.sent > 0 and bool(prev.agent) \
            and {a["id"] for a in c.agent} == {a["id"] for a in prev.agent} \
            and (not prev.patient + prev.target or   # (a lead naming no victim says nothing else)
                 {a["id"] for a in c.patient + c.target} <= {a["id"] for a in prev.patient + prev.target}) \
            and not doc.cue(g.lang, "also", doc.n(g.wstart), doc.n(g.wend))
        positive = any(specific) or checks[0] is True or checks[-1] is True or elaborates or retold_lead
        # the next sentence goes on telling it: with the same dating, or undated at a place within the first's
        adjacent = prev._sentence is not None and g.sent - _last_sentence(prev) <= 1 and \
            ((prev.date is None) == (c.date is None) or (c.date is None and any(x is True for x in checks[1:4])))
        if tr.anaphor or positive or adjacent:
            return prev
    return None


def _person_before(lang: Lang, text: str) -> bool:
    """A person noun among the last two words of `text` ("قيادي بارز ", "عنصر ")."""
    words = text.split()[-2:]
    return bool(words) and any(lang.person_nouns.fullmatch(w) for w in words)


def _last_sentence(c: Claim) -> int:
    return getattr(c, "_last_sentence", c._sentence or 0)


def _merge(into: Claim, new: Claim) -> None:
    into.extra_evidence.append(new.evidence)
    into._last_sentence = new._sentence
    # ("… the Kurdish forces shelled back. The exchanged shelling wounded …": a retelling may say it was an exchange)
    into._mutual = getattr(into, "_mutual", False) or getattr(new, "_mutual", False)
    into._sents = getattr(into, "_sents", set()) | getattr(new, "_sents", set())
    if into.date is None and new.date is not None:
        into.date = new.date
    for role in ("location", "origin", "destination"):
        old, nw = getattr(into, role), getattr(new, role)
        if old is None:
            setattr(into, role, nw)
        elif nw is not None and _rank(nw) < _rank(old) and _place_compat(old, nw) is not False:
            setattr(into, role, nw)
    for role in ("agent", "patient", "target"):
        for a in getattr(new, role):
            _add(getattr(into, role), a)
    if into.count is None:
        into.count = new.count
    if new.means:
        parts = (into.means.split(" and ") if into.means else []) + new.means.split(" and ")
        into.means = " and ".join(dict.fromkeys(parts))
    for p in new.persons:
        if p not in into.persons:
            into.persons.append(p)


def _resolve_anaphora(out: list[Claim]) -> None:
    """"ils", "ces hélicoptères" with no actor named: the agent of the claim told just before;
    "la région": its place. A nominal happening with no actor of its own in the sentence of
    another ("regained control after clashes with HTS") shares that one's agent."""
    for i, c in enumerate(out):
        if not c.agent and not getattr(c, "_passive", False) and not getattr(c, "_unnamed_subject", False) \
                and c.type != "PROTEST":     # (the forces firing on a protest do not protest)
            # (not a statement's: "Damas a condamné … après des bombardements" did not shell)
            same = [p for p in out[:i] if p._sentence == c._sentence and p.agent and p.type != "STATEMENT"]
            if same:
                c.agent = [a for a in same[0].agent if a["id"] not in {x["id"] for x in c.target + c.patient}]
        partners = getattr(c, "_partner_ids", set())
        if getattr(c, "_anaphoric_subject", False) and all(a["id"] in partners for a in c.agent):
            prev = [p for p in out[:i] if c._sentence is not None
                    and any(0 <= c._sentence - x <= 1 for x in getattr(p, "_sents", {p._sentence}) if x is not None)]
            with_ = c.agent
            for p in reversed(prev):
                if p.agent:
                    c.agent = [dict(a) for a in p.agent if a["id"] not in partners]
                    break
            else:
                pa = [a for a in getattr(c, "_prev_actors", []) if a["id"] not in {x["id"] for x in c.patient} | partners]
                if pa:
                    c.agent = [pa[-1]]
            c.agent += [a for a in with_ if a["id"] not in {x["id"] for x in c.agent}]
        if getattr(c, "_anaphoric_place", False) and c.location is None and c.origin is None:
            # "in the area" points back to the last place told, a few sentences back at most
            back = [p for p in out[:i] if c._sentence is not None and any(
                0 <= c._sentence - x <= ANAPHORIC_PLACE_REACH for x in getattr(p, "_sents", {p._sentence}) if x is not None)]
            for p in reversed(back):
                if p.location is not None:
                    if c.type == "TRANSFER":
                        c.origin = p.location
                    else:
                        c.location = p.location
                    break


# ---- casualties ------------------------------------------------------------------------------

def _casualties(doc: _Doc, groups: list[Group], out: list[Claim]) -> None:
    by_sent: dict[int, list[Group]] = {}
    for g in groups:
        by_sent.setdefault(g.sent, []).append(g)
    langs_by_sent = {g.sent: g.lang for g in groups}
    for si, seg in enumerate(doc.sents):
        lang = langs_by_sent.get(si) or (_langs_for(seg.lang or doc.r.lang) or [None])[0]
        if lang is None:
            continue
        ns, ne = doc.n(seg.start), doc.n(seg.end)
        words = doc.casualty_word_in(lang, ns, ne)
        if si not in by_sent and (not words or doc.cue(lang, "cumulative", ns, ne)):
            # no casualty word and no trigger: nothing to count; "le conflit a fait un
            # demi-million de morts depuis 2011": a total, not a happening
            continue
        events = []
        for kind, rx in (("killed", lang.killed), ("injured", lang.injured), ("hit", lang.hit)) if words else ():
            for m in doc.casualty_words(rx, lang, ns, ne):
                if lang.partitive_before.search(doc.norm, max(ns, m.start() - 25), m.start()):
                    continue    # "one of the wounded later died": the group the dead are told from
                a, b = doc.t(m.start()), doc.tend(m.end())
                if kind == "hit" and any(a < e[1] and e[0] < b for e in events):
                    continue    # ("victimes mortelles": a word of death)
                events.append((a, b, kind, m))
        # a KILL trigger is its own casualty word
        for g in by_sent.get(si, []):
            if g.type == "KILL":
                for t in g.trigs:
                    if not any(a < t.end and t.start < b for a, b, _, _ in events):
                        events.append((t.start, t.end, "killed", None))
        none_f = next(doc.casualty_words(lang.no_fatalities, lang, ns, ne), None) if words else None
        none_i = next(doc.casualty_words(lang.no_injuries, lang, ns, ne), None) if words else None
        if not events and not none_f and not none_i:
            continue
        # ("two demonstrators injured": a protest noun names the people a number counts)
        sent_trigs = [(t.start, t.end) for g in by_sent.get(si, []) if g.type != "PROTEST" for t in g.trigs]
        events.sort(key=lambda e: e[0])
        if len(events) > 1:
            events = _joint_words(doc, lang, events, seg.end, [x for x in (none_f, none_i) if x is not None])
        counted_to = seg.start       # "ثلاثة قتلى وأصيب آخرون": a number counted once is not read again
        closing = doc.cue(lang, "closing_total", ns, ne) is not None
        for i, (a, b, kind, m) in enumerate(events):
            if none_f and kind == "killed" and none_f.start() <= doc.n(a) < none_f.end() + 3:
                continue
            if none_i and kind == "injured" and none_i.start() <= doc.n(a) < none_i.end() + 3:
                continue
            lo = max([counted_to] + ([events[i - 1][1]] if i > 0 else []) +
                     [te for ts, te in sent_trigs if te <= a and
                      not (events and any(ts <= e[0] < te for e in events))])
            hi = min([seg.end] + ([events[i + 1][0]] if i + 1 < len(events) else []))
            q = _casualty_quantity(doc, lang, a, b, lo, hi)
            if q is None or (kind == "hit" and q.value is None and q.at_least is None):
                continue        # ("with casualties reported": no count of people hit)
            if kind == "killed" and lang.toll_noun.fullmatch(doc.norm, doc.n(a), doc.n(b)) and (
                    q.value is None and q.at_least is None or
                    i + 1 < len(events) and len(doc.ntext(q.end, events[i + 1][0]).split()) <= 2):
                continue        # a bare toll counts by its own figure, not one that counts the wounded ("le bilan s'élève à 30 blessés")
            if q.end is not None and q.value is not None and kind != "hit":
                counted_to = max(counted_to, q.end)     # (the people hit hold the dead counted after them)
            claim = _casualty_claim(doc, groups, si, a, lang, out, kind)
            if claim is None:
                continue
            if (si not in by_sent or closing) and _sum_told(doc, out, si, kind, q, closing):
                continue
            if kind == "killed" and q.value is not None:
                _people_hit(doc, lang, claim, q, seg.start)
            attr = {"killed": "fatalities", "injured": "injured"}.get(kind, "count")
            _casualty_actors(doc, lang, claim, q, a, b, hi)
            old = getattr(claim, attr)
            if old is None or old.value is None:
                if old is None or q.value is not None:
                    setattr(claim, attr, q)
            elif q.value is not None and not _retold(doc, lang, old, q, a, b):
                also = doc.cue(lang, "also", doc.n(lo), doc.n(hi))
                if _toll_figure(doc, lang, q):
                    # the toll so far holds the dead counted before it: it replaces them, never adds
                    if q.value >= old.value:
                        setattr(claim, attr, q)
                elif getattr(claim, "_cas_sent_" + attr, None) == si and _toll_figure(doc, lang, old):
                    pass    # "the toll rose to 9 after two of the wounded died": the toll holds them
                elif also and getattr(claim, "_cas_sent_" + attr, None) != si:
                    setattr(claim, attr, Quantity(value=old.value + q.value, text=f"{old.text}; {q.text}"))
                elif getattr(claim, "_cas_sent_" + attr, None) == si and getattr(claim, "_cas_pos_" + attr, -1) != a:
                    setattr(claim, attr, Quantity(value=old.value + q.value, text=f"{old.text}; {q.text}"))
                elif q.value > old.value:
                    setattr(claim, attr, q)
            setattr(claim, "_cas_sent_" + attr, si)
            setattr(claim, "_cas_pos_" + attr, a)
        for none_m, attr in ((none_f, "fatalities"), (none_i, "injured")):
            if none_m is None:
                continue
            claim = _casualty_claim(doc, groups, si, doc.t(none_m.start()), lang, out, None)
            if claim is not None and getattr(claim, attr) is None:
                a, b = doc.t(none_m.start()), doc.tend(none_m.end())
                setattr(claim, attr, Quantity(value=0, text=doc.text[a:b], start=a, end=b))


def _joint_words(doc: _Doc, lang: Lang, events: list[tuple], hi: int, nones: list[re.Match]) -> list[tuple]:
    """A word of death and one of wounds joined by a conjunction alone ("killed or wounded 10
    soldiers", "tué ou blessé", "10 قتلى وجرحى") count the people hit together, of a split not
    told: one "joint" event over both, whose number is the claim's count, neither its dead nor its
    wounded. Not when a word counts by itself ("قتيلين وجريحين", "قتيل وجريح": one of each), nor
    when a noun of the dead, counted before it, is followed by a verb with an object of its own
    ("left 3 fighters dead and wounded several civilians"), nor inside a word of none (`nones`: "no
    injuries or fatalities")."""
    def counts_itself(w: tuple) -> bool:
        return bool(doc.numbers_in(w[0], w[1])) or (lang.singular_person is not None and
                                                     bool(lang.singular_person.fullmatch(doc.ntext(w[0], w[1]))))

    out: list[tuple] = []
    for e in events:
        prev = out[-1] if out else None
        gap = doc.ntext(prev[1], e[0]) if prev is not None else ""
        # (a conjunction in the gap or glued to the second word: "قتلى وجرحى"; not "the injured died")
        if prev is not None and {prev[2], e[2]} == {"killed", "injured"} and lang.conj_rx.match(gap) \
                and lang.conj_any.search(" " + gap + doc.ntext(e[0], e[1])) \
                and not any(x.start() <= doc.n(w[0]) < x.end() + 3 for x in nones for w in (prev, e)) \
                and not (counts_itself(prev) or counts_itself(e)) \
                and not (lang.casualty_post.fullmatch(doc.ntext(prev[0], prev[1])) and _object_right_after(doc, lang, e[1], hi)):
            out[-1] = (prev[0], e[1], "joint", prev[3])
        else:
            out.append(e)
    return out


def _sum_told(doc: _Doc, out: list[Claim], si: int, kind: str, q: Quantity, closing: bool = False) -> bool:
    """A toll told in a sentence of no happening that is the sum of the dead (or wounded) of the
    happenings told before it ("Gunmen shot dead a fighter … During the search 2 people were killed.
    3 fatalities."): the report's total, retold, added to none of them. A closing total ("In all,
    seven people died", "Au total", "في المجمل") is the report's total whatever its figure: one
    above the sum told holds those dead too, and replaces their counts; one below it adds none."""
    if q.value is None or kind not in ("killed", "injured"):
        return False
    attr = "fatalities" if kind == "killed" else "injured"
    told = [c for c in out if c.type in VIOLENT and c._sentence is not None and c._sentence < si
            and getattr(c, attr) is not None and getattr(c, attr).value is not None]
    total = sum(getattr(c, attr).value for c in told)
    if not told or total == q.value or not closing:
        return bool(told) and total == q.value
    if q.value < total:
        return True
    for c in told:
        setattr(c, attr, None)
    return False


def _people_hit(doc: _Doc, lang: Lang, claim: Claim, q: Quantity, floor: int) -> None:
    """"15 casualties, including 6 dead", "15 victimes, dont 6 morts", "15 إصابة بينهم 6 قتلى": the
    number right before the "including" that opens the dead `q` counts all the people hit, the
    claim's count; the wounded read from that number ("15 إصابة") are not told apart from the dead."""
    if claim.count is not None or q.start is None:
        return
    nums = [x for x in doc.numbers_in(max(floor, q.start - 60), q.start) if x.end <= q.start]
    if not nums:
        return
    n = nums[-1]
    gap = doc.ntext(n.end, q.start)
    cue = lang.persons_cues.search(gap)
    if cue is None or gap[cue.end():].strip(" ,\u060c") or len(gap[:cue.start()].split()) > 2:
        return
    claim.count = Quantity(value=n.value, at_least=n.at_least, approx=n.approx, text=n.text, start=n.start, end=n.end)
    wounded = claim.injured
    if wounded is not None and wounded.start is not None and wounded.end is not None and wounded.start <= n.start < wounded.end:
        claim.injured = None


def _toll_figure(doc: _Doc, lang: Lang, q: Quantity) -> bool:
    """Whether `q` counts by a toll's figure, all the dead of the happening so far ("bringing the
    death toll to 17", "portant le bilan à 17 morts", "ليرتفع عدد القتلى إلى 17")."""
    return q.start is not None and q.end is not None and any(
        lang.toll_before.search(doc.norm, max(0, doc.n(x.start) - 60), doc.n(x.start)) for x in doc.numbers_in(q.start, q.end))


def _retold(doc: _Doc, lang: Lang, old: Quantity, q: Quantity, a: int, b: int) -> bool:
    """A second casualty word that counts the same dead again: its number is the one already
    counted ("shot dead 2 civilians …, killing them": both read the 2), or its object points back
    ("assassinated 1 member …, killing the member", "tuant celui-ci"), or the word holds it as a
    pronoun ("ما أدى إلى مقتله")."""
    if None not in (q.start, q.end, old.start, old.end) and q.start < old.end and old.start < q.end:
        return True
    return bool(lang.anaphoric_object.match(doc.norm, doc.n(b)) or lang.anaphoric_object.match(doc.norm, doc.n(a)))


def _told_span(doc: _Doc, claim: Claim) -> tuple[int, int]:
    """The claim's sentence up to a postposed speaker (", the Turkish ministry said" names Turkey as
    the one speaking, not as a side)."""
    s0, s1 = claim._sent_span
    speaker = claim._lang.speech_cut.search(doc.norm, doc.n(claim._trigger[1]), doc.n(s1))
    return (s0, doc.t(speaker.start())) if speaker else (s0, s1)


def _casualty_actors(doc: _Doc, lang: Lang, claim: Claim, q: Quantity, a: int, b: int, hi: int) -> None:
    """The dead and wounded named with their count ("12 tués parmi les soldats syriens")
    are the ones attacked."""
    lo_, hi_ = min(q.start if q.start is not None else a, a), max(q.end if q.end is not None else b, b)
    role = "patient" if claim.type in PATIENT_TYPES else "target"
    agents = {x["id"] for x in claim.agent}
    trig = getattr(claim, "_trigger", None)
    for m in doc.actors_in(lo_, max(hi_, min(hi, b + 50))):
        if _is_place_use(doc, lang, m, lo_) or _suspected(doc, lang, m):
            continue        # "killed 12 militants in northern Syria and Iraq": a place, not the dead
        aid = str(m.id).removeprefix("actor:")
        inside = lo_ <= m.start and m.end <= hi_
        after = b <= m.start < min(hi, b + 50) and _last_marker(lang, doc.ntext(b, m.start), ("agent",)) is None
        if after and trig is not None and m.end <= trig[0] and _only_means_between(doc, lang, m.end, trig[0]):
            continue        # "wounded in an IS attack", "in an Israeli missile strike": the attack's side, not the victims
        if after and not lang.vso and _before_happening_noun(doc, lang, m):
            # "killed in an Israeli strike": a word of attack right after the name (one that tells no
            # happening of its own here) makes the name its side
            if not claim.agent:
                _add(claim.agent, _actor_dict(m))
                agents.add(aid)
            continue
        # the side of the dead counted after their word ("la mort de cinq soldats turcs", "مقتل خمسة
        # جنود أتراك"): its name follows the count
        # (not the side after "at the hands of", "على يد": who killed them)
        counted_after = q.start is not None and q.end is not None and q.start >= a and q.end > b and m.start >= q.end and \
            _last_marker(lang, doc.ntext(q.end, m.start), ("agent",)) is None and \
            (_people_words(lang, doc.ntext(q.end, m.start)) or (     # "five Turkish soldiers"
                # "قتل عنصرين من قسد": people in the dual, then the side they are from
                lang.people_from.search(doc.ntext(q.start, m.start)) is not None) or (
                not doc.ntext(q.end, m.start).strip() and (
                    _people_words(lang, " ".join(doc.ntext(m.end, m.end + 30).split()[:1])) or
                    # "استشهد جندي تركي": the count ends on the person's word, the side follows it
                    _people_words(lang, " ".join(doc.ntext(q.start, q.end).split()[-1:])))))
        if ((inside and q.start is not None and q.start < a and aid not in doc.attacker_ids) or counted_after) \
                and aid in agents and all(lo_ <= x.start and x.end <= max(hi_, m.end) for x in doc.actors_in(*_told_span(doc, claim))
                        if str(x.id).removeprefix("actor:") == aid):
            # "3 PMF members were killed in the blast": the counted dead, named nowhere else in the
            # sentence, are not the side attacking
            claim.agent = [x for x in claim.agent if x["id"] != aid]
            agents.discard(aid)
        if after and aid in agents and len(agents) > 1 and m.start - b <= 30 and \
                _object_right_after(doc, lang, b, hi) and not _is_passive(doc, lang, doc.n(a)):
            # "US forces killed a senior IS official in a raid": the object of the active casualty
            # word is the victim, though it stands before the raid's noun like a subject
            claim.agent = [x for x in claim.agent if x["id"] != aid]
            agents.discard(aid)
        if (inside or after) and aid not in agents:
            _add(getattr(claim, role), _actor_dict(m))
            claim._counted_sides = getattr(claim, "_counted_sides", set()) | {aid}
    if not getattr(claim, "_counted_sides", None):
        # "the PMF said one of its fighters was killed": the dead are the people of the side named
        # before the possessive (the one telling, often), not of the side that killed them
        # (of the side telling it, when a speech frame stands before: "the SDF said IS attacked …,
        # killing two of its fighters"; else of the last side named before that is not the doer)
        own = lang.possessive_people.search(doc.norm, doc.n(lo_), doc.n(min(hi, hi_ + 30)))
        owner = None
        if own is not None:
            s0, at = claim._sent_span[0], doc.t(own.start())
            told = doc.cue(lang, "speech_that", doc.n(s0), own.start())
            before = [m for m in doc.actors_in(s0, doc.t(told.start()) if told else at)
                      if m.end <= (doc.t(told.start()) if told else at)]
            owner = before[-1] if told and before else next(
                (m for m in reversed(before) if str(m.id).removeprefix("actor:") not in agents), None)
        if owner is not None:
            aid = str(owner.id).removeprefix("actor:")
            _add(getattr(claim, role), _actor_dict(owner))
            claim._counted_sides = {aid}
            claim._own_sides = getattr(claim, "_own_sides", set()) | {aid}


def _past_side_words(doc: _Doc, lang: Lang, pos: int, limit: int) -> int:
    """Where the noun a side's name qualifies would begin, from the end of the name at `pos`: past
    blanks, a name coordinated with it ("Russian and Syrian air strikes") and words of means
    ("a US helicopter raid", "Israeli missile strikes")."""
    if not lang.vso:     # (verb-first languages name the side after the noun)
        cm = lang.coordinated_name.match(doc.text, pos, limit)
        if cm is not None:
            pos = cm.end()
    for _ in range(2):
        while pos < limit and doc.text[pos] in " -":
            pos += 1
        mm = lang.means_any.match(doc.norm, doc.n(pos))
        if mm is None or doc.tend(mm.end()) > limit or (doc.tend(mm.end()) < len(doc.text) and
                                                          doc.text[doc.tend(mm.end())].isalnum()):
            break
        pos = doc.tend(mm.end())
    while pos < limit and doc.text[pos] in " -":
        pos += 1
    return pos


def _only_means_between(doc: _Doc, lang: Lang, a: int, b: int) -> bool:
    """Whether nothing but what `_past_side_words` passes lies between a side's name ending at `a`
    and the happening's noun at `b`."""
    return _past_side_words(doc, lang, a, b) >= b


def _before_happening_noun(doc: _Doc, lang: Lang, m: Mention) -> bool:
    """Whether a trigger word of `lang` follows the mention right after it ("Israeli strike", "US
    helicopter raid")."""
    if m.end < len(doc.text) and doc.text[m.end] != " ":
        return False            # not followed by a space: the name goes on
    at = _past_side_words(doc, lang, m.end, min(len(doc.text), m.end + 40))
    return lang.trigger_rx.match(doc.norm, doc.n(at)) is not None if at < len(doc.text) else False


def _people_words(lang: Lang, gap: str) -> bool:
    """Whether `gap` is one or two words naming people, with a genitive ("soldats", "fighters of
    the", "جنود"): what lies between a count and the side its people belong to."""
    words = gap.split()
    genitive = lang.markers.get("genitive")
    return 0 < len(words) <= 3 and any(lang.person_nouns.fullmatch(w) for w in words) and all(
        lang.person_nouns.fullmatch(w) or (genitive is not None and genitive.fullmatch(w)) or len(w) <= 3
        for w in words)


def _casualty_quantity(doc: _Doc, lang: Lang, a: int, b: int, lo: int, hi: int) -> Quantity | None:
    """The number of people a casualty word (at a..b, inside lo..hi) counts, summed when several
    groups are coordinated ("30 X and 41 Y were killed")."""
    for q in doc.numbers_in(a, b):
        if q.value is not None:
            # "يوقع قتيلين", "سقط قتيلان": a casualty word in the dual counts two by itself
            return Quantity(value=q.value, text=q.text, start=q.start, end=q.end)
    word_n = doc.norm[doc.n(a):doc.n(b)]
    post = bool(lang.casualty_post.fullmatch(word_n))
    passive = _is_passive(doc, lang, doc.n(a), doc.n(lo))
    nums_before = [q for q in doc.numbers_in(max(lo, a - 120), a) if q.end <= a and a - q.end <= 90]
    nums_after = [q for q in doc.numbers_in(b, min(hi, b + 61)) if q.start - b <= 60]

    def chain(qs: list[Quantity], reverse: bool) -> list[Quantity]:
        if not qs:
            return []
        qs = sorted(qs, key=lambda q: q.start, reverse=reverse)
        first = qs[0]
        picked = [first]
        for q in qs[1:]:
            x, y = (q.end, picked[-1].start) if reverse else (picked[-1].end, q.start)
            between = doc.ntext(x, y)
            # (not past an "including": "killed 11, including 4 children" counts part of the 11)
            if lang.conj_any.search(" " + between + " ") and len(between) < 45 and \
                    not lang.trigger_rx.search(between) and not lang.persons_cues.search(between):
                picked.append(q)
            else:
                break
        return picked

    def person_ok(q: Quantity) -> bool:
        raw_next = doc.text[q.end:q.end + 1]
        nxt = doc.ntext(q.end, q.end + 40).strip()
        # ("Ahmad al-Ali, 34, was killed": a bare number set off by commas after a name is an age)
        return not (raw_next == "-" or raw_next.isalpha() or _unit_after(doc, lang, q, nxt) or
                    (raw_next in ",\u060c" and doc.text[max(0, q.start - 2):q.start] in (", ", "\u060c ")) or
                    lang.household_nouns.match(nxt) or
                    lang.ordinal_before.search(doc.ntext(max(0, q.start - 12), q.start)) or
                    # ("the toll rose from 12 to 17": 12 is the old toll)
                    lang.change_from.search(doc.ntext(max(0, q.start - 60), q.start)))

    nums_before = _ranges(doc, lang, [q for q in nums_before if person_ok(q)])
    # "At least 15 civilians, including five children, were killed": the numbers from an
    # "including" on count part of the one before it
    # (but "15 casualties, including 6 dead", "15 إصابة بينهم 6 قتلى": a noun of the dead right after
    # the last number counts the part from the "including" on; the total is the count of people hit)
    for i in range(1, len(nums_before)):
        if lang.persons_cues.search(doc.norm, doc.n(nums_before[i - 1].end), doc.n(nums_before[i].start)):
            dead_noun = post or lang.participle.match(word_n)
            nums_before = nums_before[i:] if dead_noun and not doc.ntext(nums_before[-1].end, a).strip() else nums_before[:i]
            break
    if nums_before:
        # "12 morts, dont cinq enfants, et une trentaine de blessés": the numbers from an "including"
        # before them up to the clause mark closing it count part of the toll told before
        cue = lang.persons_cues.search(doc.norm, doc.n(max(lo, a - 120)), doc.n(nums_before[0].start))
        if cue is not None:
            close = _CLAUSE_MARK.search(doc.norm, cue.end(), doc.n(a))
            nums_before = [q for q in nums_before if doc.n(q.start) > close.start()] if close else nums_before[-1:]
    # ("15 إصابة بينهم 6 قتلى": a number right after an "including" that follows the word counts a part
    # of the number before the word)
    nums_after = [q for q in nums_after if person_ok(q) and not lang.persons_cues.fullmatch(doc.ntext(b, q.start).strip(" ,\u060c"))]
    # "Four civilians, two of them women", "wounded four, two of them seriously": a number with "of
    # them" after it counts part of the one before it
    nums_before, nums_after = ([q for i, q in enumerate(qs) if i == 0 or not lang.part_after.match(doc.norm, doc.n(q.end))]
                               for qs in (nums_before, nums_after))
    # "the death toll from the strikes rose to 23": the toll's own figure, past the happening's word
    toll = nums_after[:1] if post and nums_after and lang.toll_rise.fullmatch(doc.ntext(b, nums_after[0].start)) else []
    if post and not toll and lang.toll_rise_before.search(doc.norm, max(0, doc.n(a) - 30), doc.n(a)):
        # "ارتفع عدد قتلى … إلى 12": the rise is told before the toll's word, its figure after "إلى"
        toll = [q for q in doc.numbers_in(b, hi) if person_ok(q) and
                lang.toll_rise_to.search(doc.norm, max(0, doc.n(q.start) - 10), doc.n(q.start))][:1]
    # "killed a shepherd and kidnapped two": a number past another happening's trigger is its count
    # (but "ten in the first strike and six in the second" tells a trigger noun: see _elided_counts)
    elided_after = nums_after
    nums_after = _ranges(doc, lang, [q for q in nums_after if not _past_other_trigger(lang, doc.ntext(b, q.start))])
    participle = bool(lang.participle.match(word_n))
    if not (post or passive) and participle and nums_before:
        gap = doc.ntext(nums_before[-1].end, a)
        if len(gap.split()) <= 4 and not re.search(r"[,;:.\u060c]", gap):
            passive = True     # "with 1 soldier killed": a participle after its noun
    pick: list[Quantity] = []
    if post or passive:
        # the nearest number before and those coordinated with it
        near = [q for q in nums_before]
        pick = list(reversed(chain(near, reverse=True))) if near else []
        if not pick and post and nums_after and len(doc.ntext(b, nums_after[0].start).strip(" :")) == 0:
            pick = nums_after[:1]      # "deaths: 12"
        genitive = lang.markers.get("genitive")
        if not pick and post and nums_after and genitive is not None and \
                genitive.fullmatch(doc.ntext(b, nums_after[0].start).strip()):
            pick = chain(nums_after, reverse=False)      # "la mort de cinq soldats", "the death of five"
        if not pick:
            pick = toll
        elif pick[-1].end <= a:
            pick += _elided_counts(doc, lang, elided_after, b)
    else:
        pick = chain(nums_after, reverse=False) if nums_after else []
        if pick:
            pick += _elided_counts(doc, lang, [q for q in elided_after if q.start >= pick[-1].end], pick[-1].end)
        # (no one counted before the word when one person is named right after it; asked only then)
        if not pick and nums_before and not (lang.singular_person and
                                             lang.singular_person.search(doc.ntext(b, min(hi, b + 60))[:45])):
            gap = doc.ntext(nums_before[-1].end, a)
            # (an "including …" between the count and its word: "Five members of a family,
            # including three children, died")
            if len(gap) < (90 if lang.persons_cues.search(gap) else 50):
                pick = list(reversed(chain(nums_before, reverse=True)))
    if pick:
        vals = [q.value if q.value is not None else q.at_least for q in pick]
        vals = [v for v in vals if v is not None]
        first, last = pick[0], pick[-1]
        s, e = min(first.start, a), max(last.end, b)
        # persons coordinated with the counted ones: "a woman and her two children", "two children
        # and a woman", "رجل وزوجته وطفلاهما" count one more each
        ones, n0, n1 = _coordinated_ones(doc, lang, doc.n(first.start), doc.n(last.end),
                                         doc.n(lo if (post or passive) else b),
                                         doc.n(a if (post or passive) and a > last.end else min(hi, b + 80)))
        if ones:
            s, e = min(s, doc.t(n0)), max(e, doc.tend(n1))
        if ones and vals:
            return Quantity(value=sum(vals) + ones, text=doc.text[s:e], start=s, end=e)
        if len(pick) == 1:
            q = pick[0]
            # "at least 26 dead": 26 deaths are told for sure
            val = q.value if q.value is not None else q.at_least
            return Quantity(value=val, at_least=q.at_least, approx=q.approx, text=doc.text[s:e], start=s, end=e)
        return Quantity(value=sum(vals) if vals else None, text=doc.text[s:e], start=s, end=e)
    # "un mort", "سقوط قتيل": the casualty noun in the singular, with no count, is one casualty
    if lang.singular_person is not None:
        n_a, n_b = doc.n(a), doc.n(b)
        floor = max(doc.n(lo), n_a - 8)
        space = doc.norm.rfind(" ", floor, n_a - 1)
        for at in (n_a, space + 1 if space >= 0 else floor):
            if lang.singular_person.fullmatch(doc.norm, at, n_b):
                return Quantity(value=1, text=doc.text[doc.t(at):b], start=doc.t(at), end=b)
    # "killing a QSD fighter", "a YPG member was found killed": one person
    region_after = doc.ntext(b, min(hi, b + 60))
    region_before = doc.ntext(max(lo, a - 70), a)
    if lang.singular_person is not None:
        after_at, before_at = doc.n(b), doc.n(max(lo, a - 70))     # where the regions start in doc.norm
        one, at = (lang.singular_person.search(region_after[:45]), after_at) if not (post or passive) else (None, 0)
        if one is None and (post or passive):
            one, at = lang.singular_before.search(region_before), before_at
        if one is None and post:
            one, at = lang.singular_person.search(region_after[:45]), after_at
        if one is None and not (post or passive):
            one, at = lang.singular_before.search(region_before), before_at
        if one is not None:
            # the span from the person words to the casualty word ("killing a QSD fighter")
            s, e = _trimmed(doc.text, min(a, doc.t(at + one.start())), max(b, doc.tend(at + one.end())))
            # more people coordinated with the one: "a woman and her child", "un homme, sa femme et son fils"
            n0, n1 = at + one.start(), at + one.end()
            person = lang.singular_person.match(doc.norm, n0, n1)    # (singular_before holds the words after it)
            # (the persons told before the casualty word end at it: "a man was killed and his son wounded")
            ceiling = doc.n(a) if n0 < doc.n(a) else min(doc.n(hi), n1 + 40)
            ones, n0, n1 = _coordinated_ones(doc, lang, n0, person.end() if person else n1, doc.n(lo), ceiling)
            # (the person words may hold both: "a woman and her child" is one match of them)
            if not ones and _one_of(lang, lang.and_one.search(doc.norm, at + one.start() + 1, at + one.end())):
                ones = 1
            if ones:
                s, e = min(s, doc.t(n0)), max(e, doc.tend(n1))
            return Quantity(value=1 + ones, text=doc.text[s:e], start=s, end=e)
    # "des gardiens ont été blessés", "an unknown number of fighters were killed"
    s = max(lo, a - 80) if (post or passive) else a
    e = b if (post or passive) else min(hi, b + 80)
    s, e = _trimmed(doc.text, s, e, ",.;")
    return Quantity(value=None, text=doc.text[s:e], start=s, end=e)


def _elided_counts(doc: _Doc, lang: Lang, nums_after: list[Quantity], b: int) -> list[Quantity]:
    """"Three soldiers were killed in Kidal and two in Gao", "et deux à Gao": numbers after the
    casualty word, each right after a conjunction and told with a place of its own (one word may
    come between: "and two more in"), count more of its dead, the word left out; not when a word
    of their own follows ("and two in Gao were wounded")."""
    conj, loc = lang.markers.get("conj"), lang.markers.get("location")
    out: list[Quantity] = []
    if conj is None or loc is None:
        return out
    for q in nums_after:
        gap = doc.ntext(out[-1].end if out else b, q.start).rstrip()
        last = None
        for last in conj.finditer(gap):
            pass
        after = doc.ntext(q.end, q.end + 30).lstrip()
        word = _ONE_WORD.match(after)
        if last is None or last.end() != len(gap) or not (loc.match(after) or word and loc.match(after, word.end())):
            break
        n1 = doc.n(q.end)
        if doc.casualty_word_in(lang, n1, n1 + 60) or lang.trigger_rx.search(doc.norm, n1, n1 + 60):
            break
        out.append(q)
    return out


def _one_of(lang: Lang, m: re.Match | None) -> bool:
    """Whether `m`, a match of one_and_end or and_one, names a person of its own: not "another"
    (one more of the counted kind) and across no trigger word."""
    return m is not None and not lang.other_person.fullmatch(m.group("one").strip()) and \
        not lang.trigger_rx.search(m.group())


def _coordinated_ones(doc: _Doc, lang: Lang, n0: int, n1: int, floor: int, ceiling: int) -> tuple[int, int, int]:
    """How many single persons are coordinated with the people counted at normalised n0..n1, before
    them from `floor` on and after them up to `ceiling` ("a man, his wife and their two children":
    2), and the normalised span with them. A comma joins persons only in a list that a conjunction
    closes ("a man, his wife and", not "In the strike, a man …")."""
    ones, commas, closed, n0_, n1_ = 0, 0, False, n0, n1
    while True:
        m = lang.one_and_end.search(doc.norm, max(floor, n0 - 60), n0)
        if not _one_of(lang, m):
            break
        if m.group("comma") is not None:
            commas += 1
        else:
            closed = True
        ones, n0 = ones + 1, m.start("one")
    while True:
        m = lang.and_one.match(doc.norm, n1, ceiling)
        if not _one_of(lang, m):
            break
        ones, n1, closed = ones + 1, m.end(), True
    if commas and not closed:
        return 0, n0_, n1_
    return ones, n0, n1


def _past_other_trigger(lang: Lang, gap: str) -> bool:
    """Whether a trigger word lies in `gap`, the text between a casualty word and a number after it;
    in a verb-first language not the noun right after the verb, its subject ("قتلت الغارات الروسية
    13 شخصا": the strikes killed 13)."""
    return _past_other_trigger_in(lang.code, gap)


# (cached for the process: these gaps are a few characters, " ", " et ", " at least ", and recur;
# the trigger regex is searched at each of their positions)
@lru_cache(maxsize=4096)
def _past_other_trigger_in(code: str, gap: str) -> bool:
    lang = compiled(code)
    m = lang.trigger_rx.search(gap)
    if m is not None and lang.vso and not gap[:m.start()].strip():
        m = lang.trigger_rx.search(gap, m.end())
    return m is not None


def _trimmed(text: str, s: int, e: int, marks: str = "") -> tuple[int, int]:
    """Span s..e without leading and trailing spaces (and `marks`): trimmed as offsets, not only
    as text, so that a quantity's text stays report.text[start:end]."""
    while s < e and (text[s].isspace() or text[s] in marks):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in marks):
        e -= 1
    return s, e


def _ranges(doc: _Doc, lang: Lang, qs: list[Quantity]) -> list[Quantity]:
    """"2 to 5", "between 2 and 5": one quantity at the lower figure (at_least)."""
    qs = sorted(qs, key=_START)
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        q = qs[i]
        if i + 1 < len(qs):
            r = qs[i + 1]
            between = doc.ntext(q.end, r.start)
            if lang.range_connectors.match(between) or (
                    lang.range_before.search(doc.ntext(max(0, q.start - 15), q.start)) and lang.conj_rx.match(between)):
                lo_v = min(v for v in (q.value, q.at_least, r.value, r.at_least) if v is not None) \
                    if any(v is not None for v in (q.value, q.at_least, r.value, r.at_least)) else None
                out.append(Quantity(value=None, at_least=lo_v, text=doc.text[q.start:r.end], start=q.start, end=r.end))
                i += 2
                continue
        out.append(q)
        i += 1
    return out


def _casualty_claim(doc: _Doc, groups: list[Group], si: int, pos: int, lang: Lang, out: list[Claim],
                    kind: str | None) -> Claim | None:
    here = [g for g in groups if g.sent == si and (g.type in VIOLENT or getattr(g.claim, "_clash", False))]
    if here:
        best = min(here, key=lambda g: min(abs(t.start - pos) for t in g.trigs))
        return best.claim
    # a toll told a few sentences on belongs to the happening told before it; one that names a
    # place or a time of its own, past a paragraph break, tells of something else
    prev = [g for g in groups if g.type in VIOLENT and si - 3 <= g.sent < si]
    seg = doc.sents[si]
    country_as_place = any(_country_place(m) is not None and _after_place_marker(doc, lang, m.start, seg.start)
                           for m in doc.actors_in(seg.start, seg.end))
    if doc.places_in(seg.start, seg.end) or doc.dates_in(seg.start, seg.end) or country_as_place:
        para = doc.para_of(pos)
        prev = [g for g in prev if g.para == para]
    if prev:
        fights = [g for g in prev if g.type != "SEIZE"]
        return (fights or prev)[-1].claim
    if kind not in ("killed", "injured", "joint"):
        return None
    # deaths told with no happening around them: a killing; wounds, or people hit: an attack
    a = pos
    rx = lang.killed if kind == "killed" else lang.injured
    m = rx.search(doc.norm, doc.n(pos))
    b = doc.tend(m.end()) if m else pos + 1
    # "Turkish drones killed four fighters", "artillery fire wounded two": the means tell the kind
    ctype = _kind_by_means(doc.means_near(lang, doc.n(a), doc.n(b), doc.n(seg.start), doc.n(seg.end), after=40),
                           "KILL" if kind == "killed" else "ATTACK")
    tr = Trig(ctype, {}, a, b, doc.n(a), doc.n(b))
    # "two civilians died", "a soldier killed": the one named before the word is the victim; but
    # "IS killed 2 YPG members", "a tué un soldat": with its object right after, the word is active
    tr.passive = _is_passive(doc, lang, tr.nstart) or (
        bool(lang.participle.match(doc.norm[tr.nstart:tr.nend])) and not _object_right_after(doc, lang, b, seg.end))
    g = Group(ctype, [tr], si, lang, seg.start, seg.end)
    g.para = doc.para_of(a)
    _fill(doc, g)
    groups.append(g)
    out.append(g.claim)
    out.sort(key=lambda c: c._trigger[0])
    return g.claim


def _after_place_marker(doc: _Doc, lang: Lang, pos: int, floor: int) -> bool:
    """A place marker right before text offset pos, or one word before it ("in Iraq", "in northern Iraq")."""
    gap = doc.ntext(max(floor, pos - 30), pos)
    return bool(lang.place_marker_end.search(gap) or lang.place_marker_end.search(re.sub(r"\S+\s*$", "", gap)))


def _object_right_after(doc: _Doc, lang: Lang, b: int, hi: int) -> bool:
    """A count of people or one person named right after text offset b ("killed 2 YPG members",
    "killed at least five", "killed a QSD fighter")."""
    nums = doc.numbers_in(b, min(hi, b + 25))
    if nums:
        gap = doc.ntext(b, nums[0].start).strip()
        genitive = lang.markers.get("genitive")
        if not gap or (genitive is not None and genitive.fullmatch(gap)):
            return True      # ("the killing of four soldiers": the genitive opens the noun's object)
    one = lang.singular_person.match(doc.ntext(b, min(hi, b + 60)).lstrip()) if lang.singular_person else None
    return one is not None


# ---- dates from context ----------------------------------------------------------------------

def _inherit_dates(doc: _Doc, groups: list[Group]) -> None:
    """A claim with no date of its own takes the date of a happening its sentence refers back to
    ("au moment où ... l'attaque"), or of the dated claim told just before it in its paragraph
    when its own sentence names no date at all."""
    seen: list[Group] = []
    for g in sorted(groups, key=lambda g: (g.sent, g.trigs[0].start)):
        c = g.claim
        if c.date is None:
            sent_has_date = bool(doc.dates_in(doc.sents[g.sent].start, doc.sents[g.sent].end))
            anchor = [h for h in groups if h.sent == g.sent and h is not g and not h.fresh and h.claim.date is not None
                      and any(t.anaphor for t in h.trigs)]
            if anchor and not sent_has_date:
                c.date = anchor[0].claim.date
            elif not sent_has_date:
                prev = [h for h in seen if h.sent == g.sent - 1 and h.claim.date is not None and h.claim is not c
                        and h.claim.date.start]
                if prev and _near_or_unknown(prev[-1].claim, c):
                    c.date = prev[-1].claim.date
        seen.append(g)


def _near_or_unknown(a: Claim, b: Claim, km: float = 50.0) -> bool:
    pa = a.location or a.origin or a.destination
    pb = b.location or b.origin or b.destination
    if pa is None or pb is None or pa.lat is None or pb.lat is None:
        return True
    return _place_compat(pa, pb) is not False or _km(pa, pb) <= km


def _inherit_places(doc: _Doc, groups: list[Group]) -> None:
    """A claim whose sentence names no place at all happened where the claim told in the sentence
    just before it (same paragraph) did."""
    for g in sorted(groups, key=lambda g: (g.sent, g.trigs[0].start)):
        c = g.claim
        if c.location or c.origin or c.destination:
            continue
        seg = doc.sents[g.sent]
        if doc.places_in(seg.start, seg.end):
            continue
        prev = [h for h in groups if h.sent == g.sent - 1 and h.para == g.para and h.claim is not c]
        for h in reversed(prev):
            place = h.claim.location or h.claim.origin
            if place is not None:
                c.location = place
                break


# --------------------------------------------------------------------------------------------
# ACLED
# --------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _actor_kinds() -> dict[str, str]:
    return {a["id"]: a.get("kind") for a in langdata.shared("actors").get("actors", [])}


def acled_mapping(claim: Claim) -> dict | None:
    """ACLED event_type / sub_event_type of a claim (data/acled_map.json): the type's default,
    refined by its means, its agent (a state taking territory regains it) and the kind of side it
    was done to (killing or holding an armed side's members is a battle, not violence against
    civilians)."""
    table = langdata.shared("acled_map")
    base = table["types"].get(claim.type)
    if base is None:
        return None
    out = dict(base)
    means = set((claim.means or "").split(" and "))
    agents = {a.get("id") for a in claim.agent}
    kinds = _actor_kinds()
    victim_kinds = {kinds.get(a.get("id")) for a in claim.target + claim.patient}
    for rule in table.get("refinements", []):
        if rule["type"] != claim.type:
            continue
        if "victim_kind_any" in rule and not (victim_kinds & set(rule["victim_kind_any"])):
            continue
        if rule.get("mutual") and not getattr(claim, "_mutual", False):
            continue
        if rule.get("clash") and not getattr(claim, "_clash", False):
            continue
        if rule.get("battle") and not getattr(claim, "_battle", False):
            continue
        if "means_any" in rule and not (means & set(rule["means_any"])):
            continue
        if "agent_any" in rule and not (agents & set(rule["agent_any"])):
            continue
        if "agent_none_of" in rule and (not agents or agents & set(rule["agent_none_of"])):
            continue
        out = {"event_type": rule["event_type"], "sub_event_type": rule["sub_event_type"]}
        break
    return out
