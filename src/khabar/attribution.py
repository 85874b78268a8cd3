"""Stage — attribution: on whose word each claim rests.

For every claim, `claim.sources` is the chain of attribution, innermost (primary) source
first: "ont indiqué pour la télévision al-Mayadeen des sources locales" gives
[sources locales (local), al-Mayadeen (media)]. An empty chain means the outlet asserts the
claim itself. The report's own outlet is not part of the chain (corroboration appends it).

How a chain is found, sentence by sentence (all patterns come from the per-language data
file `attribution.json`, read through `langdata`; a sentence is read with the data of its
paragraph's or report's language, or of every language when that is unknown, so no code path
depends on which language it is):

1. Candidates: outlets (mentions of kind "source", typed through the gazetteer's outlet
   data), source nouns of the data file ("une source bien informée" anonymous, "مصادر أهلية"
   local, "residents" …), actors and persons named right next to a reporting cue, and
   anaphors ("ces dernières", "la source", "المصادر", "the agency").
2. Cues: prepositional frames ("selon", "بحسب", "according to") take the source after them;
   reporting verbs ("a rapporté", "أفادت", "said") take it after them (inversion: "ont indiqué
   des sources", Arabic verb-subject order) or, when nothing follows, before them. Windows
   stop at complementisers ("que", "أن", "that"), colons and quotes.
3. Roles inside a frame: a candidate after a citing cue ("citant", "نقلاً عن", "citing") is
   inner; an outlet after a relay cue ("pour la télévision", "dans une interview avec",
   "told") is the relay. Chain = cited + the first plain non-outlet + plain outlets + relays.
4. Anaphors resolve to the most recent chain (or, for "l'agence", to the latest one holding an
   outlet, from that outlet outwards); a relay named beside an anaphor ("dans un entretien
   accordé à Rudaw, cette source ajoute") is appended to the chain it resolves to, so claims
   told earlier on that source's word gain the relay too. "qui rapporte cette information"
   makes the sentence's outlet the relay of the previous chain.
5. Carry: a sentence with no cue keeps the source of the sentence before it when both lie in
   the same paragraph, for at most `Config.attribution_carry` sentences, or for as long as a
   quote opened in an attributed sentence stays open; a quote closed by an attribution
   ("« … », ont indiqué les sources") gives its sentences that source. A discourse break
   ("par ailleurs", "سياسياً"), a paragraph break or a reporting cue whose speaker is unknown
   ends the carry. Subject-less continuation verbs ("وأشارت", "a-t-il ajouté") take the
   carried source of their paragraph only.
6. A claim takes the chain of its sentence, else of its extra evidence sentences, else [].

Cost: sources, stops and relays are looked for only in windows around cues, each pattern group
is tried only at the word starts shortly before an anchor of its entries (a literal every match
holds), and there only the alternation of the entries holding an anchor near, and every
lookup is a bisect over sorted spans, so the stage is linear in the length of the report.
"""
from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter, itemgetter

from . import anchor_pass, langdata
from .gazetteer import given_names
from .model import Claim, Report, Segment, Source
from .normalise import norm_char, normalise_text
from .normalise import sentences as split_sentences
from .scan import WORD_START, Scanner, char_positions, merged

OUTLET_KINDS = {"media", "state-media", "outlet"}
AFTER_GAP = 60       # chars from a cue to the first source after it
BEFORE_GAP = 80      # chars from a source before a cue to the cue
CHAIN_GAP = 25       # chars between two sources of one frame ("al-Mayadeen Tv des sources locales")
ADJACENT_GAP = 12    # actors and persons count as speakers only this close to a cue
RELAY_GAP = 45       # chars from a relay/citing cue to the source it introduces
APPOSITION_GAP = 40  # "l'agence syrienne Sana": an explicit outlet this close after "l'agence"
WINDOW = 220         # chars around a cue where its sources, stops and relays are looked for
_TASHKEEL = re.compile("[\u064b-\u0652\u0670\u0640]")
_START = attrgetter("start")
_START_END = attrgetter("start", "end")
_FIRST = itemgetter(0)
GROUPS = ("prep", "verb", "continuation", "citing", "relay", "stops", "sources", "anaphora", "relay_previous",
          "breaks")


def _norm_pattern(p: str) -> str:
    """Normalise the literal letters of a data pattern like the text; ASCII (regex syntax) stays."""
    return "".join(ch if ord(ch) < 128 else norm_char(ch) for ch in p)


@dataclass(eq=False)      # told apart by identity ("en in data['anaphora']"), not by comparing patterns
class _Entry:
    rx: re.Pattern
    kind: str | None = None        # source kind, or anaphor target
    gap: int | None = None
    adjacent: bool = False         # a speaker only right next to a cue
    anaphor: bool = False          # an entry of the group "anaphora"
    passes_on: bool = False        # a relay cue whose outlet passes the report on ("relayed by", "cité par"),
                                   # the outermost teller; else the outlet was told ("told X", "à la chaîne X")
    vso: bool = False              # verb cue of a verb-subject language: the speaker follows


class _Group(list):
    """Entries of one kind, scanned in one pass by their alternation (named group g<i> = entry i)."""
    _scanner: Scanner | None = None

    def __init__(self, *entries):
        super().__init__(*entries)
        self._opening: dict[int, re.Pattern | None] = {}      # see opening

    @staticmethod
    def _alternation(entries: list[tuple[int, _Entry]]) -> re.Pattern:
        pats = [(i, en.rx.pattern) for i, en in entries]
        # each alternative names its entry by an empty group closing it (the last group a match
        # closes: its lastgroup), not one wrapping it: an alternative then opens on its own first
        # letter, and `re` passes over one whose letter is not the text's without entering it
        if all(p.startswith(WORD_START) for _i, p in pats):
            # the word-start test once before the alternation, not once per alternative tried
            cut = len(WORD_START)
            return re.compile(WORD_START + "(?:" + "|".join(f"{p[cut:]}(?P<g{i}>)" for i, p in pats) + ")")
        return re.compile("|".join(f"{p}(?P<g{i}>)" for i, p in pats))

    def scanner(self) -> Scanner | None:
        if self._scanner is None and self:
            self._scanner = Scanner(self._alternation(list(enumerate(self))), [en.rx.pattern for en in self])
        return self._scanner

    def opening(self, holders: int) -> re.Pattern | None:
        """The alternation of the entries of the bits `holders` (bit i: entry i; None when it has
        none): at a start where only those may open (a Scanner's `openings`), the first of them
        matching is the first entry matching, found without trying the others."""
        got = self._opening.get(holders, False)
        if got is False:
            got = self._alternation([(i, en) for i, en in enumerate(self) if holders >> i & 1]) if holders else None
            if len(self._opening) < 4096:       # (the anchors standing together in a text are few sets)
                self._opening[holders] = got
        return got


def _optional_as_branch(p: str) -> str:
    """`(?:x)?` written `(?:x|)`: the same matches tried in the same order, without the regex
    engine's general repeat (slower). Lazy `)??` and possessive `)?+` stay."""
    out: list[str] = []
    groups: list[bool] = []          # per open group: non-capturing
    i, n = 0, len(p)
    while i < n:
        ch = p[i]
        if ch == "\\":
            out.append(p[i:i + 2])
            i += 2
            continue
        if ch == "[":                # a class: copied whole ("[)]" closes nothing)
            j = i + 1
            if j < n and p[j] == "^":
                j += 1
            if j < n and p[j] == "]":
                j += 1
            while j < n and p[j] != "]":
                j += 2 if p[j] == "\\" else 1
            out.append(p[i:j + 1])
            i = j + 1
            continue
        if ch == "(":
            groups.append(p.startswith("(?:", i))
        elif ch == ")" and groups:
            if groups.pop() and p[i + 1:i + 2] == "?" and p[i + 2:i + 3] not in ("?", "+"):
                out.append("|)")
                i += 2
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _compile(p: str, prefix: str, open_end: bool = False) -> re.Pattern:
    return re.compile(r"(?<!\w)" + prefix + "(?:" + _optional_as_branch(_norm_pattern(p)) + ")" +
                      ("" if open_end else r"(?!\w)"))


def _entries(items: list, prefix: str, vso: bool = False) -> list[_Entry]:
    out = []
    for it in items:
        it = it if isinstance(it, dict) else {"pattern": it}
        out.append(_Entry(_compile(it["pattern"], prefix, bool(it.get("open_end"))), kind=it.get("kind"),
                          gap=it.get("gap"), adjacent=bool(it.get("adjacent")), vso=vso,
                          passes_on=bool(it.get("passes_on"))))
    return out


@lru_cache(maxsize=None)
def _data(code: str | None = None) -> dict:
    """Attribution data of one language (all languages merged when `code` has none), compiled once."""
    out: dict = {k: _Group() for k in GROUPS}
    files = langdata.all_langs("attribution")
    chosen = {code: files[code]} if code in files else files
    for _code, d in sorted(chosen.items()):
        if not d:
            continue
        prefix = d.get("word_prefix", "")
        for key in ("prep", "verb", "continuation", "citing", "relay", "sources", "relay_previous", "breaks"):
            out[key] += _entries(d.get(key, []), prefix, bool(d.get("vso")))
        out["stops"] += _entries(d.get("stops", []), "")      # complementisers: whole words, no clitics
        if d.get("stop_marks"):
            out["stops"].append(_Entry(re.compile("[" + re.escape(_norm_pattern(d["stop_marks"])) + "]")))
        for a in d.get("anaphora", []):
            # "party": the kinds of actor a noun like "the group" takes back (the nearest one before it)
            refers = "party:" + ",".join(a["party"]) if a.get("party") else a.get("refers", "chain")
            out["anaphora"].append(_Entry(_compile(a["pattern"], prefix),
                                          kind=refers if isinstance(refers, str) else ",".join(refers), anaphor=True))
    try:
        shared = langdata.shared("attribution")
    except (FileNotFoundError, OSError):
        shared = {}
    out["_actor_kinds"] = shared.get("actor_kinds", {})
    out["_default_actor_kind"] = shared.get("default_actor_kind", "official")
    out["_kind_map"] = shared.get("kind_map", {})
    out["_code"] = code         # (whose anchors anchor_pass.hits finds)
    return out


@dataclass(slots=True)     # some forty per report
class _Cand:
    start: int        # offsets into report.text
    end: int
    kind: str         # source kind; "anaphor" for anaphors; outlet kinds for outlets
    name: str
    id: str | None = None
    outlet: bool = False
    actor: bool = False   # actor/person: speaker only when adjacent to a cue
    refers: str | None = None
    role: str = "plain"   # plain, cited, relay


class _Spans:
    """Pattern matches over the normalised text, mapped back to report.text offsets."""

    def __init__(self, report: Report):
        self.rep = report
        if not report._norm or not report._norm_index:
            report._norm, report._norm_index = normalise_text(report.text)
        self.norm = report._norm
        self.idx = report._norm_index
        self.n = len(report.text)
        self._starts: dict[int, dict[str, list[int] | None]] = {}

    def to_text(self, s: int, e: int) -> tuple[int, int]:
        start = self.idx[s] if s < len(self.idx) else self.n
        end = self.idx[e - 1] + 1 if 0 < e <= len(self.idx) else start
        return start, end

    def windows(self, spans: list[tuple[int, int, object]], margin: int) -> list[tuple[int, int]]:
        """Normalised-text windows of `margin` chars around text spans, merged."""
        # spans whose margins meet in the text are merged there first, so only the runs are mapped
        # (cues are dense: a report is mostly one run); runs the mapping makes meet merge after it
        runs: list[list[int]] = []
        for s, e, _ in sorted(spans, key=_FIRST):
            if runs and s - margin <= runs[-1][1]:
                if e + margin > runs[-1][1]:
                    runs[-1][1] = e + margin
            else:
                runs.append([s - margin, e + margin])
        out: list[tuple[int, int]] = []
        for lo, hi in runs:
            a = bisect.bisect_left(self.idx, max(0, lo))
            b = bisect.bisect_right(self.idx, hi)
            if out and a <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], b))
            else:
                out.append((a, b))
        return out

    def find(self, data: dict, key: str, every: bool = False,
             windows: list[tuple[int, int]] | None = None) -> list[tuple[int, int, _Entry]]:
        """Matches of the group `key` of `data` in one pass (inside `windows` of the normalised text
        when given); with `every`, all entries matching where one does (so the longest can be chosen)."""
        group = data[key]
        scanner = group.scanner()
        if scanner is None:
            return []
        out = []
        ranges = windows if windows is not None else [(0, len(self.norm))]
        if id(data) not in self._starts:     # one anchor pass serves every group (and claims)
            self._starts[id(data)] = by_group = {}
            for k, hits in zip(GROUPS, anchor_pass.hits(self.rep, data["_code"])[1]):
                found = None if data[k].scanner() is None else data[k].scanner().openings(self.norm, hits)
                by_group[k] = (None, None) if found is None else (sorted(found), found)
        starts, openings = self._starts[id(data)][key]
        norm, to_text, idx = self.norm, self.to_text, self.idx
        opening = group.opening
        # every normalised character has its text offset (as normalise_text builds the index):
        # a match (p, e) maps to (idx[p], idx[e - 1] + 1), what to_text gives, without the call
        direct = len(idx) == len(norm)
        for a, b in ranges:
            for m, holders in _matches(group, norm, a, b, starts, openings):
                p = m.start()
                if not every:
                    e = m.end()
                    if e > p:
                        out.append((idx[p], idx[e - 1] + 1, group[int(m.lastgroup[1:])]) if direct else
                                   (*to_text(p, e), group[int(m.lastgroup[1:])]))
                    continue
                # entries are matched on the whole text (a window only says where to look); the
                # alternation there gives the first entry that matches, so only later ones are tried
                first = m if b == len(norm) else opening(holders).match(norm, p)
                if first is None:
                    continue
                k = int(first.lastgroup[1:])
                hits = [(first.end(), group[k])]
                while (rest := opening(holders >> k + 1 << k + 1)) is not None and (mm := rest.match(norm, p)):
                    k = int(mm.lastgroup[1:])
                    hits.append((mm.end(), group[k]))
                for end, en in hits:
                    if end > p:
                        out.append((idx[p], idx[end - 1] + 1, en) if direct else (*to_text(p, end), en))
        return out


def _matches(group: _Group, text: str, lo: int, hi: int, starts: list[int] | None,
             openings: dict[int, int] | None):
    """(match, the entries that may open at its start) for each match of `group`'s alternation that
    `finditer(text, lo, hi)` yields, given its Scanner's `openings` of the text (None: anywhere) and
    their `starts` (ascending): at each start only the alternation of the entries that may open
    there is tried (an entry's anchor stands near few starts: most entries are not tried at all)."""
    if starts is None:
        every = (1 << len(group)) - 1
        for m in group.scanner().rx.finditer(text, lo, hi):
            yield m, every
        return
    last = -1
    opening = group.opening
    for p in starts[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]:
        if p < last:
            continue
        holders = openings[p]
        rx = opening(holders)
        if rx is None:
            continue
        m = rx.match(text, p, hi)
        if m and m.end() > p:
            last = m.end()
            yield m, holders


class _Occupied:
    """Non-overlapping spans kept sorted, for overlap tests in log time."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)
        return i > 0 and self.ends[i - 1] > s

    def add(self, s: int, e: int) -> None:
        i = bisect.bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e)


def _longest(matches: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Non-overlapping matches, longest first, then leftmost."""
    chosen: list[tuple[int, int, object]] = []
    occ = _Occupied()
    for m in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0])):
        if not occ.overlaps(m[0], m[1]):
            chosen.append(m)
            occ.add(m[0], m[1])
    return sorted(chosen, key=_FIRST)


@lru_cache(maxsize=4096)     # names recur within a report and across reports
def _clean_name(s: str) -> str:
    return _TASHKEEL.sub("", " ".join(s.split())).strip(" ,.;:")


# per gazetteer, the outlet each name looked up is (outlet names recur within and across reports)
_OUTLETS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _outlet_table(ctx) -> tuple[object, dict] | tuple[None, None]:
    """The context's gazetteer and the outlets of the names already looked up in it; (None, None)
    when there is none."""
    if ctx is None:
        return None, None
    try:
        gaz = ctx.get_gazetteer()
    except Exception:     # gazetteer not available: fall back to the mention alone
        return None, None
    if not hasattr(gaz, "outlet"):
        return None, None
    try:
        known = _OUTLETS.setdefault(gaz, {})
    except TypeError:     # a gazetteer that cannot be weakly referenced: looked up for each report
        known = {}
    return gaz, known


def _outlet_finder(ctx) -> Callable[[str], dict | None]:
    """For one report, the function giving the outlet a name is (None: none known): the gazetteer
    and its table are fetched on the first name asked, not once per name."""
    table = None

    def outlet_info(name: str) -> dict | None:
        nonlocal table
        if table is None:
            table = _outlet_table(ctx)
        gaz, known = table
        if gaz is None:
            return None
        if name in known:
            return known[name]
        try:
            found = gaz.outlet(name)
        except Exception:
            return None
        if found and not isinstance(found, dict):
            found = {k: getattr(found, k, None) for k in ("id", "name", "kind", "country")}
        if len(known) < 4096:
            known[name] = found or None
        return found or None
    return outlet_info


def _candidates(report: Report, spans: _Spans, ctx, data: dict, windows: list[tuple[int, int]] | None,
                preps: list, verbs: list, cued: list[tuple[int, int]]) -> list[_Cand]:
    """The sources named in the report: outlets, source nouns, speaking sides and persons, and
    names no stage knows cited by the prepositions `preps` or speaking before the verbs `verbs`
    (the cues already found), in text order. Sides and persons only inside `cued`, the sentences
    holding a cue (closed ranges, ascending): a frame reads the candidates of those alone."""
    cands: list[_Cand] = []
    taken = _Occupied()
    places: list[tuple[int, int]] = []
    actor_ends: list[tuple[int, int]] = []
    outlets, speakers = [], []           # mentions of outlets; of actors and persons
    outlet_info = _outlet_finder(ctx)
    for m in report.mentions:
        kind = m.kind
        if kind == "place":
            places.append((m.start, m.end))
        elif kind == "source":
            outlets.append(m)
        elif kind == "actor":
            speakers.append(m)
            actor_ends.append((m.end, m.start))
        elif kind == "person":
            speakers.append(m)
    places.sort()
    actor_ends.sort()
    actor_end_at = [b for b, _a in actor_ends]
    for m in outlets:
        # an outlet is a proper name: "the monitor" in lower case is an anaphor, not Al-Monitor
        if m.text.islower():
            continue
        entry = m._entry if isinstance(m._entry, dict) else {}
        info = outlet_info(m.name or m.text) or outlet_info(m.text) or {}
        kind = info.get("kind") or entry.get("kind") or "media"
        kind = data["_kind_map"].get(kind, kind)
        name = info.get("name") or m.name or m.text
        oid = m.id or info.get("id")
        if isinstance(oid, str) and oid.startswith("outlet:"):
            oid = oid.split(":", 1)[1]
        cands.append(_Cand(m.start, m.end, kind, _clean_name(name), oid, outlet=True))
        if not taken.overlaps(m.start, m.end):
            taken.add(m.start, m.end)
    outlet_starts = sorted(c.start for c in cands)
    known = [(m.start, m.end) for m in report.mentions] + [
        (d.start_offset, d.end_offset) for d in report.dates if d.start_offset is not None]
    prep_ends = {pe + (report.text[pe:pe + 1] == " ") for _ps, pe, _en in preps}

    # where the blank run right before each outlet's name begins: a span ending in that run
    # comes right before the name
    blank_from = []
    for o in outlet_starts:
        while o > 0 and report.text[o - 1].isspace():
            o -= 1
        blank_from.append(o)

    def describes_outlet(e: int) -> bool:
        # "l'agence turque Anadolu", "l'agence officielle syrienne SANA": words right before an
        # outlet's name describe it; they are no second source
        i = bisect.bisect_left(outlet_starts, e)
        return i < len(outlet_starts) and blank_from[i] <= e
    nouns = _longest(spans.find(data, "sources", every=True, windows=windows) +
                     spans.find(data, "anaphora", every=True, windows=windows))
    for s, e, en in nouns:
        if taken.overlaps(s, e):
            continue
        text = report.text[s:e]
        if en.kind.startswith("party:"):
            taken.add(s, e)
            # "the group's fighters" is its fighters, not the group speaking
            party = None if report.text[e:e + 2] in ("'s", "’s") else _party_before(report, s, en.kind[6:].split(","))
            if party is not None:
                bare = (party.id or "").split(":", 1)[-1]
                cands.append(_Cand(s, e, data["_actor_kinds"].get(bare, data["_default_actor_kind"]),
                                   _clean_name(party.name or party.text), party.id, actor=True))
            continue
        if en.anaphor:
            named = _named_after(report, s, e, en.kind, outlet_info, outlet_starts)
            cands.append(named or _Cand(s, e, "anaphor", _clean_name(text), refers=en.kind))
        else:
            if en.adjacent and any(a < e and (a < s or b > e)      # (of the actors ending after s)
                                   for b, a in actor_ends[bisect.bisect_right(actor_end_at, s):]):
                continue      # "the Syrian army said": the named party speaks, not its bare noun
            s2, e2 = _extend_place(report, s, e, places)
            if describes_outlet(e2):
                taken.add(s, e2)
                continue
            # "an SDF spokesman": a party named right before a source noun qualifies it
            j = bisect.bisect_left(actor_ends, (s - 1, -1))
            pre = [a for a in actor_ends[j:j + 2] if 0 <= s - a[0] <= 1 and a[1] < s]
            s2 = pre[0][1] if pre and not taken.overlaps(pre[0][1], s) else s
            person = None if en.adjacent else _person_named_before(report.text, s2, known, prep_ends)
            if person is not None and not taken.overlaps(person, s2):
                # "Ahmed Hassan, a local official": the person, of the kind its apposition tells
                name = _NAME_BEFORE.search(report.text, person, s2).group(1)
                cands.append(_Cand(person, e2, en.kind, _clean_name(name)))
                taken.add(person, e2)
                continue
            cands.append(_Cand(s2, e2, en.kind, _clean_name(report.text[s2:e2]), actor=en.adjacent))
            taken.add(s2, e2)
            continue
        taken.add(s, e)
    actor_kinds, default_kind = data["_actor_kinds"], data["_default_actor_kind"]
    cued_from = [lo for lo, _hi in cued]
    for m in speakers:
        i = bisect.bisect_right(cued_from, m.start) - 1
        if i < 0 or m.start > cued[i][1]:
            continue        # in a sentence with no cue: no frame reads it
        if taken.overlaps(m.start, m.end) or describes_outlet(m.end):
            continue
        kind = actor_kinds.get((m.id or "").split(":", 1)[-1], default_kind) if m.kind == "actor" else "official"
        cands.append(_Cand(m.start, m.end, kind, _clean_name(m.name or m.text), m.id or None, actor=True))
    cands += _unknown_names_cited(report, preps, known, set(places), taken)
    cands += _unknown_names_speaking(report, verbs, known, set(places), taken)
    return sorted(cands, key=_START_END)


# a capitalised name right after a citing preposition, its article, its kind noun and a hyphenated
# word that qualifies it apart: "according to Horan Free League", "selon le site Enab Baladi",
# "according to pro-government Sham FM" ("Sound and Picture", "Deir Ezzor 24")
_CITED_NAME = re.compile(r"\s+(?:(?:the|le|la|les|l'|l’)\s*)?(?:[a-z]+-[A-Za-z]+\s+)?((?:(?:al|el|an|ar|as|ash|ad)-)?[A-Z][\w'’.-]*"
                         r"(?:(?: and| et)? (?:(?:al|el|an|ar|as|ash|ad)-)?[A-Z0-9][\w'’.-]*)*)")


def _unknown_names_cited(report: Report, preps: list, known: list[tuple[int, int]],
                         places: set[tuple[int, int]], taken: "_Occupied") -> list[_Cand]:
    """"according to Horan Free League": a name the gazetteer does not know, right after a citing
    preposition, is the claim's source all the same: an outlet of unknown kind (media), kept as
    written. Not a name the other stages read (a place, a side, a person, a date), unless a place only
    opens it ("Tikrit Post"). A person's name ("according to Ahmed Hassan", a given name first) is a
    person source, an official as any person named as a speaker is."""
    text = report.text
    out = []
    for _s, e, _en in preps:
        m = _CITED_NAME.match(text, e)
        if m is not None:
            _unknown_name(out, m.start(1), m.group(1).rstrip("."), known, places, taken)
    return out


# a name of two to six capitalised words after a comma, right before a reporting verb: ", the Horan
# Free League reported"
_NAME_SPEAKING = re.compile(r"[,;]\s*(?:the\s+)?((?:(?:al|el|an|ar|as|ash|ad)-)?[A-Z][\w'’.-]*"
                            r"(?: (?:(?:of|for|and|al|el) )?(?:(?:al|el|an|ar|as|ash|ad)-)?[A-Z0-9][\w'’.-]*){1,5})\s+$")


def _unknown_names_speaking(report: Report, verbs: list, known: list[tuple[int, int]],
                            places: set[tuple[int, int]], taken: "_Occupied") -> list[_Cand]:
    """"…, the Horan Free League reported": a name the gazetteer does not know, told after the
    happening and right before the verb reporting it, is its source, as after "according to"."""
    text = report.text
    out = []
    for vs, _e, _en in verbs:
        m = _NAME_SPEAKING.search(text, max(0, vs - 80), vs)
        if m is not None:
            _unknown_name(out, m.start(1), m.group(1), known, places, taken)
    return out


def _unknown_name(out: list[_Cand], ns: int, name: str, known: list[tuple[int, int]],
                  places: set[tuple[int, int]], taken: "_Occupied") -> None:
    """The candidate an unknown name starting at `ns` makes, added to `out`: an official body (its
    last word heads one), an outlet (media), a person (a given name first, an official), or none."""
    ne = ns + len(name)
    if len(name) < 3 or taken.overlaps(ns, ne):
        return
    inside = [(a, b) for a, b in known if a < ne and ns < b]
    # "according to Tikrit Post", "Deir Ezzor 24": a place opening the name of an outlet
    if inside and not (all(k in places for k in inside) and min(a for a, _b in inside) == ns
                       and max(b for _a, b in inside) < ne):
        return
    first = name.split()[0].split("-")[-1].casefold()
    if name.split()[-1].casefold() in _organisation_heads():
        # "according to a statement from the Kurdistan Region Security Council": a body, not an outlet
        out.append(_Cand(ns, ne, "official", _clean_name(name), None))
    elif inside:
        out.append(_Cand(ns, ne, "media", _clean_name(name), None, outlet=True))
    elif first in given_names("given_names"):
        out.append(_Cand(ns, ne, "official", _clean_name(name), None))
    elif first not in given_names("name_prefixes"):
        out.append(_Cand(ns, ne, "media", _clean_name(name), None, outlet=True))
    else:
        return
    taken.add(ns, ne)


# a capitalised name of a few words closed by a comma, right before a source noun: "Ahmed Hassan, "
_NAME_BEFORE = re.compile(r"((?:(?:al|el|an|ar|as|ash|ad|abu)-)?[A-Z][\w'’.-]*"
                          r"(?: (?:(?:al|el|an|ar|as|ash|ad|abu|bin|ibn)[- ])?[A-Z][\w'’.-]*){0,4}),\s*$")


def _person_named_before(text: str, pos: int, known: list[tuple[int, int]],
                         prep_ends: set[int]) -> int | None:
    """"Ahmed Hassan, a local official", "according to Khalil Mahmoud, a resident": the start of the
    person's name that a source noun at `pos` stands in apposition to (the noun tells the kind of
    source, the name who it is), else None. The name opens on a given name or a name opener
    ("Abu"), or follows a citing preposition; never a name the other stages read (place, side, date)."""
    lo = max(0, pos - 60)
    if not text[lo:pos].rstrip().endswith(","):
        return None         # no comma closing the name: _NAME_BEFORE cannot match (a search tried at every position)
    m = _NAME_BEFORE.search(text, lo, pos)
    if m is None:
        return None
    ns, ne = m.start(1), m.end(1)
    words = list(re.finditer(r"\S+", m.group(1)))
    for w in words:
        first = w.group().split("-")[-1].casefold()
        if first in given_names("given_names") or first in given_names("name_prefixes"):
            ns = m.start(1) + w.start()
            break
    else:
        if ns not in prep_ends and ns - 1 not in prep_ends:
            return None
    if any(a < ne and ns < b for a, b in known):
        return None
    return ns


@lru_cache(maxsize=1)
def _organisation_heads() -> frozenset[str]:
    """The last words of the names of official bodies ("council", "مجلس" …) in every language's
    attribution data: a body named after "according to" is an official source, not an outlet."""
    return frozenset(w.casefold() for d in langdata.all_langs("attribution").values()
                     for w in d.get("organisation_heads", []))


def _party_before(report: Report, pos: int, kinds: list[str]):
    """The actor "the group" at `pos` takes back: of the last sentence before it that names an actor
    of one of `kinds`, the first such actor, as the subject is named first ("the 27th Division, part
    of JWS, arrested an SDF cell. According to the group, ..." -> JWS, not the SDF)."""
    found = [m for m in report.mentions if m.kind == "actor" and m.end <= pos
             and isinstance(m._entry, dict) and m._entry.get("actor_kind") in kinds]
    if not found:
        return None
    last = max(found, key=lambda m: m.start)
    sent = next((seg for seg in report.sentences if seg.start <= last.start < seg.end), None)
    if sent is None:
        return last
    return min((m for m in found if m.start >= sent.start), key=lambda m: m.start)


_PROPER = re.compile(r"(?:[\s,]+[^\W\d_A-Z][\w'’-]*)*?[\s,]+\(?([A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*)*)")


def _named_after(report: Report, s: int, e: int, refers: str | None, outlet_info: Callable[[str], dict | None],
                 outlet_starts: list[int]) -> _Cand | None:
    """"l'agence syrienne Sana": a kind-anaphor followed by a proper name is that outlet, named."""
    if not refers or refers == "chain":
        return None
    i = bisect.bisect_left(outlet_starts, e)
    if i < len(outlet_starts) and outlet_starts[i] - e <= APPOSITION_GAP:
        return None        # the outlet is already a mention: the anaphor is dropped beside it
    m = _PROPER.match(report.text, e, min(len(report.text), e + APPOSITION_GAP))
    if not m or len(report.text[e:m.start(1)].split()) > 4 or (
            m.end() < len(report.text) and report.text[m.end()].isalnum()):
        return None        # too far from the noun, or cut off by the window: not its name
    name = m.group(1).rstrip(".")
    ns, ne = m.start(1), m.start(1) + len(name)
    info = outlet_info(name) or {}
    if not info and any(x.kind in ("place", "actor", "person") and x.start < ne and ns < x.end
                        for x in report.mentions):
        return None        # "l'agence accuse les Etats-Unis": a party, not the agency's name
    kinds = refers.split(",")
    kind = info.get("kind") or kinds[0]      # (the first kind an anaphor lists is its plain reading)
    return _Cand(s, ne, _data()["_kind_map"].get(kind, kind), _clean_name(info.get("name") or name),
                 info.get("id"), outlet=True)


def _extend_place(report: Report, s: int, e: int, places: list[tuple[int, int]]) -> tuple[int, int]:
    """"sources locales à Deir ez-Zor": a place named right after a source noun qualifies it."""
    i = bisect.bisect_right(places, (e, len(report.text) + 1))
    for ps, pe in places[i:i + 3]:
        if e < ps <= e + 4:
            gap = report.text[e:ps].strip()
            if gap and len(gap) <= 3 and gap.isalpha():      # one short preposition between
                return s, pe
    return s, e


def _paragraph_ids(report: Report) -> list[int]:
    """Paragraph number of every sentence: report.paragraphs when set, else line breaks."""
    out, para = [], 0
    prev_end = None
    paras = report.paragraphs           # in text order, apart (as the language stage cuts them)
    para_starts = [p.start for p in paras]
    for seg in report.sentences:
        if paras:
            pid = bisect.bisect_right(para_starts, seg.start) - 1
            out.append(pid if pid >= 0 and seg.start < paras[pid].end else len(paras) + len(out))
            continue
        if prev_end is not None and "\n" in report.text[prev_end:seg.start]:
            para += 1
        out.append(para)
        prev_end = seg.end
    return out


_OPEN = {"«": "»", "“": "”"}
_CLOSE = {"»", "”"}


_COMMA = re.compile("[,،;؛]")
_QUOTE_MARKS = '«“»”"'
_QUOTE = re.compile(f"[{_QUOTE_MARKS}]")


def _quote_depths(text: str, sents: list[Segment]) -> list[tuple[int, int]]:
    """(depth at start, depth at end) of quotation per sentence; straight quotes toggle."""
    out, depth, straight = [], 0, False
    # one look over the report, not one per sentence; a str.find per quote mark, not a regex class
    # tried at every position
    at = sorted(char_positions(text, _QUOTE_MARKS))
    for seg in sents:
        d0 = depth + (1 if straight else 0)
        for p in at[bisect.bisect_left(at, seg.start):bisect.bisect_left(at, seg.end)]:
            ch = text[p]
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth = max(0, depth - 1)
            else:
                straight = not straight
        out.append((d0, depth + (1 if straight else 0)))
    return out


class _Frame:
    """The attribution found in one sentence. The defaults are class attributes (a frame sets only
    what its sentence changes), never changed in place."""
    chain: list[Source] | None = None
    unknown_speaker = False
    continuation = False
    brk = False
    relay_previous: tuple[Source, ...] | list[Source] = ()
    speakers: tuple[tuple[int, int], ...] | list[tuple[int, int]] = ()    # text spans of the sources named here


def _src(c: _Cand) -> Source:
    return Source(name=c.name, kind=c.kind, id=c.id)


def _same(a: Source, b: Source) -> bool:
    if a.id and b.id:
        return a.id == b.id
    return a.name.lower() == b.name.lower() and a.kind == b.kind


class _ByStart(list):
    """Spans (tuples opening with their start) or candidates sorted by start, with their starts apart
    for bisecting."""

    def __init__(self, items, start=itemgetter(0)):
        super().__init__(sorted(items, key=start))
        self.starts = list(map(start, self))


def _inside(lst: _ByStart, lo: int, hi: int) -> list:
    """The items that start in lo..hi: a slice, not a scan."""
    starts = lst.starts
    return lst[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


def _inside_starts(lst: _ByStart, lo: int, hi: int) -> tuple[list, list[int]]:
    """`_inside(lst, lo, hi)` and the starts of those items."""
    starts = lst.starts
    i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    return lst[i:j], starts[i:j]


def _frame(report: Report, seg: Segment, cands: _ByStart, marks: dict, history: list[list[Source]]) -> _Frame:
    f = _Frame()
    s0, s1 = seg.start, seg.end
    breaks = marks["breaks"].starts
    i = bisect.bisect_left(breaks, s0)
    f.brk = i < len(breaks) and breaks[i] < s1
    cues = _outermost(_inside(marks["cues"], s0, s1))
    if not cues:
        return f
    stops, stop_starts = _inside_starts(marks["stops"], s0, s1)
    scands, cand_starts = _inside_starts(cands, s0, s1)
    text = report.text
    attached: dict[int, _Cand] = {}

    def blocked(a: int, b: int) -> bool:
        # a quote mark wrapping a name ("لـ”عنب بلدي”") does not open reported speech
        for i in range(bisect.bisect_left(stop_starts, a), len(stops)):
            s, e, _ = stops[i]
            if s >= b:
                break
            if not (e - s == 1 and (s <= a + 1 or s >= b - 2)):
                return True
        return False

    relay_cues = _inside(marks["relay"], s0, s1)
    citing_cues = _inside(marks["citing"], s0, s1) if marks["citing"] else []     # (most reports cite none)

    def cites(a: int, b: int) -> bool:
        """A citing cue between a and b that reaches b ("…, which cited X")."""
        return any(a <= s and e <= b and b - e <= (en.gap or RELAY_GAP) for s, e, en in citing_cues)

    def relay_cue(c: _Cand):
        return next((en for _s, e, en in relay_cues
                     if e <= c.start and c.start - e <= (en.gap or RELAY_GAP) and not blocked(e, c.start)), None)

    for cs, ce, ctype, vso in cues:
        # who speaks: after a preposition ("selon X"); after a verb in verb-subject order (Arabic) or
        # when the verb is inverted behind the quote it attributes (", ont indiqué X"); else before it
        lead = text[max(s0, cs - 3):cs].strip()
        inverted = (not lead) or vso or ctype == "prep" or lead[-1] in ",»”\"،"
        after = _after(scands, cand_starts, cs, ce, text, blocked, cites)
        relayed = [c for c in after if c.outlet and relay_cue(c) is not None]
        prior = None           # the speakers before the cue, read once when needed
        if not inverted:       # "Residents told AFP that …": only a relay follows the verb
            after = []
        elif after and ctype == "verb" and not vso and all(c.actor for c in after):
            prior = _before(scands, cand_starts, cs, text, blocked)
            if any(not c.actor for c in prior):
                after = []     # "SANA, the state news agency, said Israeli jets …": the comma closes an apposition
        elif after and ctype == "verb" and not vso and all(c in relayed for c in after):
            # "…, a local official, speaking on condition of anonymity, told AFP": the comma closes the
            # speaker's apposition; the outlet told is no speaker
            prior = _before(scands, cand_starts, cs, text, blocked)
            if prior:
                after = []
        before = []
        if not after and ctype != "prep":
            before = prior if prior is not None else _before(scands, cand_starts, cs, text, blocked)
            if before:
                before += relayed
        for c in after + before:
            attached[id(c)] = c
        if not after and not before and ctype == "verb":
            f.unknown_speaker = True
        if ctype == "cont" and not after and not before:
            f.continuation = True
    if attached:
        f.unknown_speaker = False
        f.continuation = False
    group = sorted(attached.values(), key=_START)
    f.speakers = [(c.start, c.end) for c in group]
    # roles: cited after a citing cue, relay after a relay cue (whose entry is kept)
    anaphors: list[_Cand] = []
    explicit: list[_Cand] = []
    relay_entry: dict[int, _Entry] = {}
    for c in group:
        c.role = "plain"
        for s, e, en in citing_cues:
            if e <= c.start and c.start - e <= (en.gap or RELAY_GAP) and not blocked(e, c.start):
                c.role = "cited"
        if c.outlet and (relay := relay_cue(c)) is not None:
            c.role = "relay"
            relay_entry[id(c)] = relay
        (anaphors if c.kind == "anaphor" else explicit).append(c)
    base: list[Source] | None = None
    if anaphors:
        # "l'agence syrienne Sana": the explicit name beside a kind-anaphor is the source itself
        anaphors = [a for a in anaphors if a.refers == "chain" or not any(
            0 <= x.start - a.end <= APPOSITION_GAP and x.outlet for x in explicit)]
        for a in anaphors:
            base = _resolve(a.refers or "chain", history)
            if base is not None:
                break
        kinds_of = [a for a in anaphors if a.refers and a.refers != "chain"]
        if base is None and kinds_of and not explicit:
            # "the monitor said" with no monitor named before: an unnamed source of the first kind it
            # may point to, not the outlet's own word
            base = [Source(name=kinds_of[0].name, kind=kinds_of[0].refers.split(",")[0], id=None)]
    cited: list[Source] = []
    prim: list[_Cand] = []
    plain_out: list[Source] = []
    # "local sources told al-Mayadeen …, Press TV reported": the outlet told comes before the one
    # reporting; one that passed the report on ("relayed by Press TV") after it
    told_to: list[Source] = []
    passed_on: list[Source] = []
    for c in explicit:
        if c.role == "cited":
            cited.append(_src(c))
        elif c.role == "relay":
            (passed_on if relay_entry[id(c)].passes_on else told_to).append(_src(c))
        elif c.outlet:
            plain_out.append(_src(c))
        else:
            prim.append(c)
    new: list[Source] = cited + ([_src(prim[0])] if prim else []) + told_to + plain_out + passed_on
    if base is not None:
        outlets_new = [_src(c) for c in explicit if c.outlet and c.role != "cited"]
        if new and not (cited or prim) and outlets_new:
            # a relay named beside the anaphor: the resolved chain gains it
            if base and base[-1].kind in OUTLET_KINDS and not any(_same(base[-1], s) for s in outlets_new):
                base = list(base)
            for s in outlets_new:
                if not any(_same(s, b) for b in base):
                    base.append(s)
            f.chain = base
        elif new and (cited or prim):
            f.chain = _dedupe(new)
        else:
            f.chain = base
    elif new:
        f.chain = _dedupe(new)
    if f.chain is not None and plain_out and history and _inside(marks["relay_previous"], s0, s1):
        f.relay_previous = plain_out
    return f


def _trim(report: Report, cands: list[_Cand], cue_starts: list[int]) -> None:
    """A source noun never swallows the cue after it ("les rapports … montrent"); `cue_starts`:
    where the cues begin, ascending."""
    for c in cands:
        if c.outlet or c.kind == "anaphor":
            continue
        i = bisect.bisect_right(cue_starts, c.start)
        if i < len(cue_starts) and cue_starts[i] < c.end:
            c.end = cue_starts[i]
            while c.end > c.start and report.text[c.end - 1].isspace():
                c.end -= 1
            c.name = _clean_name(report.text[c.start:c.end])


def _quote_between(text: str, a: int, b: int) -> bool:
    return _QUOTE.search(text, a, b) is not None


def _outermost(cues: list[tuple]) -> list[tuple]:
    """The cues (sorted by start) not inside a longer one: a cue inside a longer cue is the same cue.
    One pass: a cue is inside a longer one when one starting before it ends at or after its end,
    or one starting with it ends after it."""
    if len(cues) < 2:
        return cues
    out = []
    far = -1                     # the furthest end of the cues starting before the current start
    i = 0
    while i < len(cues):
        j = i
        while j < len(cues) and cues[j][0] == cues[i][0]:
            j += 1
        same_start = max(c[1] for c in cues[i:j])
        out.extend(c for c in cues[i:j] if not (far >= c[1] or same_start > c[1]))
        far = max(far, same_start)
        i = j
    return out


def _after(scands: list[_Cand], starts: list[int], cs: int, ce: int, text: str, blocked,
           cites=lambda a, b: False) -> list[_Cand]:
    after: list[_Cand] = []
    last_end = ce
    for i in range(bisect.bisect_left(starts, cs), len(scands)):
        c = scands[i]
        if c.end <= ce:     # may overlap the cue's tail ("aux dires des habitants")
            continue
        near_cue = c.start - ce <= (ADJACENT_GAP if c.actor else AFTER_GAP)
        if c.actor and not near_cue:
            continue        # "l'agence de presse iranienne Tasnim": a party's adjective in between
        if after:
            near_prev = c.start - last_end <= CHAIN_GAP
            # past a comma only an outlet still belongs to the frame ("l'agence iranienne, Fars News")
            # (and a source its teller cites: "According to SANA, which cited local sources")
            cited = cites(last_end, c.start)
        else:
            near_prev = cited = False
        if not (near_cue or near_prev or cited) or blocked(last_end, c.start) or (
                after and _COMMA.search(text, last_end, c.start) and not c.outlet and not cited):
            break
        if after and not cited and _relative_word().search(text, last_end, c.start):
            break       # "selon l'ONG qui dispose d'un réseau de sources": what it has, not whom it cites
        after.append(c)
        last_end = c.end
    return after


@lru_cache(maxsize=1)
def _relative_clause() -> re.Pattern:
    """A relative clause opened after a comma and still open where the text stops."""
    words = _words_of_every_language("relative")
    if not words:
        return re.compile(r"(?!x)x")
    return re.compile(r"[,،]\s*(?:" + words + r")(?!\w)[^,،.;:!?]*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _relative_word() -> re.Pattern:
    """A relative pronoun of any language, as a word."""
    words = _words_of_every_language("relative")
    return re.compile(r"(?<!\w)(?:" + words + r")(?!\w)", re.IGNORECASE) if words else re.compile(r"(?!x)x")


def _words_of_every_language(key: str) -> str:
    """The words listed under `key` in every language's attribution data, as one alternation
    (longest first, escaped); '' when none."""
    words = sorted({w for d in langdata.all_langs("attribution").values() for w in d.get(key, [])},
                   key=len, reverse=True)
    return "|".join(map(re.escape, words))


def _before(scands: list[_Cand], starts: list[int], cs: int, text: str, blocked) -> list[_Cand]:
    before: list[_Cand] = []
    first_start = cs
    relative_clause = _relative_clause()
    for i in range(bisect.bisect_right(starts, cs) - 1, -1, -1):
        c = scands[i]
        if c.end > cs:
            continue
        if not before and relative_clause.search(text, max(0, c.start - 150), c.start):
            continue        # "The Observatory, which relies on a network of sources, said": not the sources
        gap = first_start - c.end
        if not before and c.actor and ADJACENT_GAP < gap <= BEFORE_GAP:
            continue        # "Amaq, the IS propaganda agency, claimed": a party inside the apposition
        limit = (ADJACENT_GAP if c.actor else BEFORE_GAP) if not before else CHAIN_GAP
        if gap > limit or blocked(c.end, first_start) or _quote_between(text, c.end, first_start):
            break
        if before and c.actor:
            continue        # a party named between a speaker and its relay is not a third source
        if before and _COMMA.search(text, c.end, first_start) and (
                not (c.outlet or before[0].outlet) or not (c.outlet or _opens_clause(text, c.start))):
            break           # "… killed five civilians in Idlib, the Observatory said": no inner source
        if before and c.outlet and not before[0].outlet and before[0].kind in OUTLET_KINDS \
                and not text[c.end:before[0].start].strip(" ,"):
            before[0] = c     # "SANA, the state news agency, said": the noun is the outlet's apposition
            first_start = c.start
            continue
        before.insert(0, c)
        first_start = c.start
    return before


_CLAUSE_LEAD = re.compile(r"[^,،;؛:.!?\n«»“”\"()]*$")


def _opens_clause(text: str, pos: int) -> bool:
    """Whether a name at `pos` opens its clause: at most one short word ("and", "et") since the
    last comma, stop or quote. A name that ends a clause is what that clause is about."""
    lead = _CLAUSE_LEAD.search(text, max(0, pos - 60), pos).group().split()
    return not lead or (len(lead) == 1 and len(lead[0]) <= 3)


def _dedupe(chain: list[Source]) -> list[Source]:
    if len(chain) < 2:
        return list(chain)
    out: list[Source] = []
    for s in chain:
        if not any(_same(s, o) for o in out):
            out.append(s)
    return out


def _resolve(refers: str, history: list[list[Source]]) -> list[Source] | None:
    if not history:
        return None
    if refers == "chain":
        return history[-1]
    kinds = set(refers.split(","))
    for chain in reversed(history):
        for i, s in enumerate(chain):
            if s.kind in kinds:
                return chain if i == 0 else chain[i:]
    return None


def sentence_chains(report: Report, ctx=None) -> list[list[Source] | None]:
    """The source chain in force in each sentence of the report (None: the outlet's own word)."""
    if not report.sentences:
        report.sentences = split_sentences(report.text)
    sents = report.sentences
    spans = _Spans(report)
    # each sentence is read with the frames of its own language (all languages when unknown)
    by_lang: dict[str | None, tuple[dict, list[_Cand]]] = {}
    for seg in sents:
        code = seg.lang or report.lang
        if code not in by_lang:
            data = _data(code)
            # sources, stops and relays matter only around reporting cues: scan those windows alone
            marks = {k: spans.find(data, k) for k in ("prep", "verb", "continuation", "breaks")}
            win = spans.windows(marks["prep"] + marks["verb"] + marks["continuation"], WINDOW)
            for k in ("citing", "relay", "stops", "relay_previous"):
                marks[k] = spans.find(data, k, windows=win)
            cue_starts = sorted(s for k in ("prep", "verb", "continuation") for s, _e, _ in marks[k])
            cands = _candidates(report, spans, ctx, data, win, marks["prep"], marks["verb"],
                                _holding(sents, cue_starts))
            _trim(report, cands, cue_starts)
            # the cues of every kind in one list, in the order the frame reads them
            marks["cues"] = sorted([(s, e, "prep", en.vso) for s, e, en in marks["prep"]] +
                                   [(s, e, "verb", en.vso) for s, e, en in marks["verb"]] +
                                   [(s, e, "cont", en.vso) for s, e, en in marks["continuation"]])
            marks = {k: _ByStart(marks[k]) for k in ("cues", "breaks", "stops", "relay", "citing", "relay_previous")}
            by_lang[code] = (marks, _ByStart(cands, _START))
    paras = _paragraph_ids(report)
    quotes = _quote_depths(report.text, sents)
    carry_max = getattr(getattr(ctx, "config", None), "attribution_carry", 2)
    chains: list[list[Source] | None] = [None] * len(sents)
    report._speakers = []
    own = [False] * len(sents)
    history: list[list[Source]] = []
    carry: list[Source] | None = None
    carry_left = 0
    carry_para = None
    quote_open_at: int | None = None
    for i, seg in enumerate(sents):
        marks, cands = by_lang[seg.lang or report.lang]
        f = _frame(report, seg, cands, marks, history)
        report._speakers.extend(f.speakers)
        d0, d1 = quotes[i]
        if d0 == 0 and d1 > 0:
            quote_open_at = i
        if f.chain is not None:
            chains[i] = f.chain
            own[i] = True
            if f.relay_previous and history and history[-1] is not f.chain:
                prev = history[-1]
                for s in f.relay_previous:
                    if not any(_same(s, p) for p in prev):
                        prev.append(s)
            # a quote closed here by its attribution: the quoted sentences share the source
            if d0 > 0 and d1 == 0 and quote_open_at is not None:
                for j in range(quote_open_at, i):
                    if not own[j] and paras[j] == paras[i]:
                        chains[j] = f.chain
            if not history or history[-1] is not f.chain:
                history.append(f.chain)
            carry, carry_left, carry_para = f.chain, carry_max, paras[i]
        elif f.brk or f.unknown_speaker or paras[i] != carry_para:
            carry = None
        elif f.continuation and carry is not None:
            chains[i] = carry
        elif carry is not None and (d0 > 0 or carry_left > 0):
            chains[i] = carry
            if d0 == 0:
                carry_left -= 1
        else:
            carry = None
        if d1 == 0:
            quote_open_at = None
    return chains


def _holding(sents: list[Segment], starts: list[int]) -> list[tuple[int, int]]:
    """The sentences within which one of `starts` (ascending) lies, as closed ranges [start, end - 1]
    (merged where they overlap), ascending."""
    spans = []
    for seg in sents:
        i = bisect.bisect_left(starts, seg.start)
        if i < len(starts) and starts[i] < seg.end:
            spans.append((seg.start, seg.end - 1, 0))
    return [(lo, hi) for lo, hi, _bits in merged(spans)]


def _sentence_of(report: Report, pos: int, starts: list[int]) -> int | None:
    i = bisect.bisect_right(starts, pos) - 1
    if i < 0:
        return None
    seg = report.sentences[i]
    return i if pos < max(seg.end, seg.start + 1) else None


def attribution(report: Report, ctx=None) -> Report:
    if report.claims:
        chains = sentence_chains(report, ctx)
        starts = [s.start for s in report.sentences]
        for c in report.claims:
            c.sources = _claim_chain(report, c, chains, starts)
        _drop_speakers_from_roles(report)
        _speaker_as_side(report)
    report._anchors = None      # (the hits claims and this stage read: none reads them after)
    return report


def _speaker_as_side(report: Report) -> None:
    """"The group said its fighters killed …", "le groupe a affirmé avoir tué …", "وقال التنظيم إنه
    قتل": a subject that is the speaker's own (its people, or the speaker itself) names no side in
    the sentence; the side is the claim's innermost source, when that source is an actor (the
    group named before, "the SDF"). Its role is the agent, or the target when the claim's side
    repels the attack told (claims' `_speaker_side`)."""
    sides = _side_ids()
    for c in report.claims:
        role = getattr(c, "_speaker_side", None)
        if role is None and not c.agent and not getattr(c, "_passive", False):
            trig_start = (getattr(c, "_trigger", None) or (c.evidence.start, c.evidence.end))[0]
            s0 = (getattr(c, "_sent_span", None) or (c.evidence.start, c.evidence.end))[0]
            if _self_report_end().search(report.text, max(s0, trig_start - 20), trig_start):
                role = "agent"
        if role is None or (role == "agent" and c.agent) or not c.sources:
            continue
        side = (c.sources[0].id or "").removeprefix("actor:")
        if side not in sides or side in {a["id"] for r in ("agent", "target", "patient") for a in getattr(c, r)}:
            continue
        getattr(c, role).append({"id": side, "name": sides[side]})


@lru_cache(maxsize=1)
def _side_ids() -> dict[str, str]:
    """Canonical actor id -> name, of every actor a source may be."""
    return {a["id"]: a.get("name", a["id"]) for a in langdata.shared("actors").get("actors", [])}


def _drop_speakers_from_roles(report: Report) -> None:
    """A party named only as the one telling ("Selon les FDS, l'armée turque a bombardé …",
    "…, the Syrian government said") is a source, not a side in what it tells: it leaves the
    claim's targets and people, and its agents when another agent remains ("the SDF said it
    killed …" keeps the SDF). A place named only inside the speaker's words is no place of the claim."""
    spoken = sorted(getattr(report, "_speakers", []))
    if not spoken:
        return
    starts = [s for s, _ in spoken]

    def in_speaker(m) -> bool:
        i = bisect.bisect_right(starts, m.start) - 1
        return i >= 0 and m.end <= spoken[i][1]

    actors, places = [], []
    for m in report.mentions:
        if m.id:
            if m.kind == "actor":
                actors.append(m)
            elif m.kind == "place":
                places.append(m)
    actors.sort(key=_START)
    actor_starts = [m.start for m in actors]
    places.sort(key=_START)
    place_starts = [m.start for m in places]
    # whether each mention lies inside a speaker, found once, not once per claim of its sentence:
    # a place or side none of whose mentions in a sentence does is dropped from no claim of it
    place_told = list(map(in_speaker, places))
    actor_told = list(map(in_speaker, actors))
    reach = list(accumulate((e for _s, e in spoken), max))    # the furthest end of the speakers so far
    for c in report.claims:
        s0, s1 = getattr(c, "_sent_span", None) or (c.evidence.start, c.evidence.end)
        i = bisect.bisect_left(starts, s1)
        if i == 0 or reach[i - 1] < s0:
            continue        # no speaker in the claim's sentence: no mention of it inside one
        # "…, said the Russian reconciliation centre in Syria": a place inside the name of a speaker
        # told after the happening is not where it was (a speaker's place told before may be
        # pointed back to by the happening: "sources in X said … from this province")
        p0, p1 = bisect.bisect_left(place_starts, s0), bisect.bisect_left(place_starts, s1)
        if any(place_told[p0:p1]):
            trig_end = (getattr(c, "_trigger", None) or (c.evidence.start, c.evidence.end))[1]
            told_places: dict[str, list[bool]] = {}
            for m, told in zip(places[p0:p1], place_told[p0:p1]):
                told_places.setdefault(m.id, []).append(m.start > trig_end and told)
            for role in ("origin", "destination", "location"):
                p = getattr(c, role)
                if p is not None and told_places.get(p.id) and all(told_places[p.id]):
                    setattr(c, role, None)
        a0, a1 = bisect.bisect_left(actor_starts, s0), bisect.bisect_left(actor_starts, s1)
        if not any(actor_told[a0:a1]):
            continue
        here: dict[str, list[bool]] = {}
        for m, told in zip(actors[a0:a1], actor_told[a0:a1]):
            here.setdefault(str(m.id).removeprefix("actor:"), []).append(told)
        only_told = {i for i, flags in here.items() if all(flags)}
        if not only_told:
            continue
        # ("the PMF said one of its fighters was killed": the speaker's own dead stay its victims)
        own = getattr(c, "_own_sides", set())
        for role in ("target", "patient"):
            setattr(c, role, [a for a in getattr(c, role) if a["id"] not in only_told or a["id"] in own])
        # "les forces kurdes ont annoncé avoir capturé …", "أعلنت قسد أنها اعتقلت": a speaker telling
        # its own deed stays its agent beside any partner
        trig_start = (getattr(c, "_trigger", None) or (c.evidence.start, c.evidence.end))[0]
        if _self_report_end().search(report.text, max(s0, trig_start - 20), trig_start):
            only_told -= {a["id"] for a in c.agent}
        kept = [a for a in c.agent if a["id"] not in only_told]
        if kept:
            c.agent = kept


@lru_cache(maxsize=1)
def _self_report_end() -> re.Pattern:
    """The words that end a speech frame whose speaker did the deed told next ("avoir", "having",
    "أنها"), in every language's attribution data."""
    words = _words_of_every_language("self_report")
    return re.compile(r"(?<!\w)(?:" + words + r")\s*$") if words else re.compile(r"(?!x)x")


def _claim_chain(report: Report, c: Claim, chains: list, starts: list[int]) -> list[Source]:
    if c._sentence is not None and 0 <= c._sentence < len(chains) and \
            report.sentences[c._sentence].start <= c.evidence.start < max(report.sentences[c._sentence].end,
                                                                           report.sentences[c._sentence].start + 1):
        first = c._sentence
    else:
        first = _sentence_of(report, c.evidence.start, starts)
    if first is None or chains[first] is None:
        # else the first sentence of its extra evidence with a chain (looked for only then)
        for e in c.extra_evidence:
            first = _sentence_of(report, e.start, starts)
            if first is not None and chains[first] is not None:
                break
        else:
            return []
    return [Source(s.name, s.kind, s.id) for s in chains[first]]
