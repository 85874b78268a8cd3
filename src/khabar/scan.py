"""Fast scanning of a large regex alternation over a text.

Python's `re` tries a big alternation at every position of the text: for our data files
(hundreds of trigger, source and cue patterns) that is most of a stage's cost. Almost every
pattern contains a literal that any match must contain ("source", "ministry", "قصف"): those
anchors are found in one Aho-Corasick pass (pyahocorasick, in C), and the regex is tried only
at the word starts shortly before an anchor. Patterns with no usable anchor are tried at the
word starts whose first letter can begin them; patterns that do not open with `(?<!\\w)` (a
quote mark, a colon) where their first character stands. The matches are those of `finditer`,
save one starting more than MAX_BACK characters before its anchor (a word of 80 letters).
"""
from __future__ import annotations

import bisect
import re
from itertools import repeat
from re import _compiler, _parser
from re import _constants as C

MIN_ANCHOR = 3      # shorter literals ("de", "a ") occur everywhere: no use as a filter
# (but a two-letter one, "فر", is still fewer places than the starts of every word opening with one of its
# clitics' letters, where a Scanner would try a pattern with none)
SHORT_ANCHOR = 2
MAX_BACK = 80       # most chars from a match's start to its anchor (`\w+ ` before one is unbounded)
_WORD_START = re.compile(r"(?<!\w)\w")
_AFTER_NON_WORD = re.compile(r"(?<!\w)[\s\S]")     # a word start or a mark start
WORD_START = r"(?<!\w)"
_START = re.Match.start
_WORD_RUN = re.compile(r"\w+")


def word_start_offsets(text: str) -> list[int]:
    """Where a word begins in `text` (what `(?<!\\w)\\w` finds): the starts of its runs of word
    characters, which `re` finds faster than it tests that lookbehind at every position."""
    return list(map(_START, _WORD_RUN.finditer(text)))


def most_spaces(items) -> int:
    """The most spaces (" ") a match of parsed regex items can hold; C.MAXREPEAT when unbounded
    or not known ("(?:\\w+ ){0,3}" holds three)."""
    most = 0
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue            # (they consume nothing)
        if op is C.LITERAL:
            n = av == 32
        elif op is C.NOT_LITERAL:
            n = av != 32
        elif op is C.ANY:
            n = 1
        elif op is C.IN:
            n = not all(o is C.LITERAL and v != 32 or o is C.CATEGORY and v in _WORDISH
                        or o is C.RANGE and not v[0] <= 32 <= v[1] for o, v in av)
        elif op is C.SUBPATTERN:
            n = most_spaces(av[-1])
        elif op is C.ATOMIC_GROUP:
            n = most_spaces(av)
        elif op is C.BRANCH:
            n = max(map(most_spaces, av[1]))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            inner = most_spaces(av[2])
            n = 0 if not inner else C.MAXREPEAT if av[1] >= C.MAXREPEAT else inner * av[1]
        else:
            n = C.MAXREPEAT     # a group reference ...
        most = min(C.MAXREPEAT, most + n)
    return most


def first_chars(items) -> tuple[set[str] | None, bool]:
    """(characters a match can start with, None when any; whether the match may be empty) of
    parsed regex items, read from Python's own regex parser."""
    return _edge_chars(items, from_end=False)


def last_chars(items) -> tuple[set[str] | None, bool]:
    """first_chars read backwards: (characters a match can end with, None when any; whether the
    match may be empty) of parsed regex items."""
    return _edge_chars(items, from_end=True)


def _edge_chars(items, from_end: bool) -> tuple[set[str] | None, bool]:
    chars: set[str] = set()
    for op, av in (reversed(items) if from_end else items):
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue
        if op is C.LITERAL:
            return chars | {chr(av)}, False
        if op is C.IN:
            found = set()
            for o, v in av:
                if o is C.LITERAL:
                    found.add(chr(v))
                elif o is C.RANGE and v[1] - v[0] < 200:
                    found.update(chr(c) for c in range(v[0], v[1] + 1))
                else:
                    return None, False
            return chars | found, False
        if op is C.SUBPATTERN:
            sub, empty = _edge_chars(av[-1], from_end)
        elif op is C.BRANCH:
            sub, empty = set(), False
            for branch in av[1]:
                b, e = _edge_chars(branch, from_end)
                if b is None:
                    return None, False
                sub |= b
                empty = empty or e
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            sub, empty = _edge_chars(av[2], from_end)
            empty = empty or av[0] == 0
        else:
            return None, False
        if sub is None:
            return None, False
        chars |= sub
        if not empty:
            return chars, False
    return chars, True


def ends_at_end(items) -> bool:
    """Whether every match of parsed regex items ends at `$` (the end of the searched span, or
    just before a newline closing it): the items close on AT_END, lookarounds aside."""
    for op, av in reversed(items):
        if op in (C.ASSERT, C.ASSERT_NOT):
            continue
        if op is C.AT:
            return av is C.AT_END
        if op is C.SUBPATTERN:
            return ends_at_end(av[-1])
        if op is C.BRANCH:
            return all(ends_at_end(b) for b in av[1])
        return False
    return False


def closing_parts(alternatives: list, state, flags: int = 0) -> tuple[re.Pattern, int] | None:
    r"""What every match of one of `alternatives` (lists of parsed regex items) ends with: the items
    of each after its last one of unbounded width ("(?<!\w)(?:ل|لل)$" of "^[\s\S]*(?<!\w)(?:ل|لل)$"),
    as one compiled alternation, with the most characters it matches; None when one may match
    empty or refers to a group."""
    parts = []
    for items in alternatives:
        part = []
        for item in reversed(items):
            if _parser.SubPattern(state, [item]).getwidth()[1] >= C.MAXREPEAT:
                break
            part.insert(0, item)
        part = _parser.SubPattern(state, part)
        if not part.getwidth()[0] or _refers_to_group(part):
            return None
        parts.append(part)
    if not parts:
        return None
    closing = _parser.SubPattern(state, [(C.BRANCH, (None, parts))]) if len(parts) > 1 else parts[0]
    return _compiler.compile(closing, flags), closing.getwidth()[1]


def _refers_to_group(items) -> bool:
    """Whether parsed regex items hold a back reference (compiled alone, it would refer to nothing)."""
    for op, av in items:
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return True
        if op is C.SUBPATTERN and _refers_to_group(av[-1]):
            return True
        if op is C.BRANCH and any(_refers_to_group(b) for b in av[1]):
            return True
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and _refers_to_group(av[2]):
            return True
        if op in (C.ASSERT, C.ASSERT_NOT) and _refers_to_group(av[1]):
            return True
        if op is C.ATOMIC_GROUP and _refers_to_group(av):
            return True
    return False


_WORDISH = (C.CATEGORY_WORD, C.CATEGORY_DIGIT, C.CATEGORY_UNI_WORD, C.CATEGORY_UNI_DIGIT)


def opens_on_mark(items) -> tuple[bool, bool]:
    """(whether a match of parsed regex items may begin with a non-word character, whether the
    match may be empty): "[- ]?landing" may, "(?:the )?\\w+ ministry" may not."""
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue
        if op is C.LITERAL:
            c = chr(av)
            return not (c.isalnum() or c == "_"), False
        if op is C.IN:
            for o, v in av:
                if o is C.LITERAL and (chr(v).isalnum() or chr(v) == "_"):
                    continue
                if o is C.CATEGORY and v in _WORDISH:
                    continue
                if o is C.RANGE and all(chr(c).isalnum() for c in range(v[0], min(v[1], v[0] + 400) + 1)):
                    continue
                return True, False
            return False, False
        if op is C.SUBPATTERN:
            mark, empty = opens_on_mark(av[-1])
        elif op is C.BRANCH:
            mark, empty = False, False
            for branch in av[1]:
                m, e = opens_on_mark(branch)
                mark, empty = mark or m, empty or e
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            mark, empty = opens_on_mark(av[2])
            empty = empty or av[0] == 0
        else:
            return True, False       # any character, a negated literal, a group reference ...
        if mark:
            return True, False
        if not empty:
            return False, False
    return False, True


def anchors(items, state=None, shortest: int = MIN_ANCHOR) -> dict[str, int] | None:
    """Literal strings one of which every match of the parsed items contains (the most
    selective such set found), each with the most characters a match can have before it; or
    None. Literals down to `shortest` letters ("فر") are taken where there is no longer one."""
    found = anchors_back(items, state, shortest)
    return None if found is None else {a: back[0] for a, back in found.items()}


def anchors_back(items, state=None, shortest: int = MIN_ANCHOR) -> dict[str, tuple[int, int, int]] | None:
    """anchors(items), each with (the most characters, the most spaces, the fewest characters) a
    match can have before it: "(?:a|ont) (?:\\w+ ){0,3}dit" has no bound in characters before "dit",
    four spaces, two characters."""
    found, _weak = _anchors(items, state, shortest)
    return found


# how far a match reaches before a point: (most characters, most spaces, fewest characters), each
# C.MAXREPEAT at most
_Back = tuple[int, int, int]


def _plus(x: _Back, y: _Back) -> _Back:
    return min(C.MAXREPEAT, x[0] + y[0]), min(C.MAXREPEAT, x[1] + y[1]), min(C.MAXREPEAT, x[2] + y[2])


def _letters_back(letters) -> _Back:
    return len(letters), sum(c == " " for c in letters), len(letters)


def _anchors(items, state, shortest: int) -> tuple[dict[str, _Back] | None, bool]:
    """anchors(items), and whether it is weak: found only where no other anchor is, it holds letters
    carried over an item that matches a few literal strings ("ل|لل" parses as "ل" then an optional
    "ل": every match ends with "ل", and "(?:ل|لل)(?:قتال|زج)" holds "لقتال" or "لزج"), or one
    shorter than MIN_ANCHOR."""
    options: list[dict[str, _Back]] = []
    weak_options: list[dict[str, _Back]] = []      # (a carried "ل" or two letters are commoner than whole words)
    run: list[str] = []
    before = run_at = (0, 0, 0)
    own = 0             # where the run's own letters begin, after those carried into it

    def flush():
        nonlocal own
        if len(run) > own:
            options.append({"".join(run[own:]): _plus(run_at, _letters_back(run[:own]))})
        if own:
            weak_options.append({"".join(run): run_at})
        run.clear()
        own = 0

    for item in items:
        op, av = item
        fewest, most = _parser.SubPattern(state, [item]).getwidth()
        width = most, most_spaces([item]), fewest
        if op is C.LITERAL:
            if not run:
                run_at = before
            run.append(chr(av))
            before = _plus(before, width)
            continue
        if run and op in (C.BRANCH, C.IN):
            # the parser takes the letters shared by alternatives out in front ("has|have|had" is
            # "ha" then s|ve|d): the run with each alternative's own first letters is an anchor
            tails = _leading_literals(op, av)
            if tails is not None:
                if len(run) > own:
                    options.append({"".join(run[own:]) + t: _plus(run_at, _letters_back(run[:own])) for t in tails})
                if own:
                    weak_options.append({"".join(run) + t: run_at for t in tails})
        strings = _literal_strings(op, av) if run else None
        ending = _common_suffix(["".join(run) + x for x in strings]) if strings else ""
        flush()
        found, weak = None, False
        if op is C.SUBPATTERN:
            if not av[1] & re.IGNORECASE:
                found, weak = _anchors(av[-1], state, shortest)
        elif op is C.BRANCH:
            sets = [_anchors(b, state, shortest) for b in av[1]]
            if all(x is not None for x, _c in sets):
                found = {}
                for x, c in sets:
                    weak = weak or c
                    for a, off in x.items():
                        known = found.get(a, off)
                        found[a] = max(known[0], off[0]), max(known[1], off[1]), min(known[2], off[2])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            found, weak = _anchors(av[2], state, shortest)
        if found:
            (weak_options if weak else options).append({a: _plus(before, off) for a, off in found.items()})
        before = _plus(before, width)
        if ending:
            run.extend(ending)
            ending_back = _letters_back(ending)
            run_at, own = tuple(b - e for b, e in zip(before, ending_back)), len(ending)
    flush()
    for chosen, weak, least in ((options, False, MIN_ANCHOR), (weak_options, True, MIN_ANCHOR),
                                (options + weak_options, True, shortest)):
        chosen = [o for o in chosen if min(map(len, o)) >= least]
        if chosen:
            # the most selective: one a match starts a bounded distance before (after "\w+ " every
            # word start up to MAX_BACK before it is tried), then long shortest literal, few alternatives
            return max(chosen, key=lambda o: (max(back[0] for back in o.values()) < MAX_BACK, min(map(len, o)),
                                              -len(o))), weak
    return None, False


def _leading_literals(op, av) -> list[str] | None:
    """The literal letters each alternative of a BRANCH (or each character of a class) opens with;
    None when one is not a plain literal."""
    if op is C.IN:
        return [chr(v) for o, v in av] if all(o is C.LITERAL for o, _v in av) else None
    tails = []
    for branch in av[1]:
        letters = []
        for o, v in branch:
            if o is not C.LITERAL:
                break
            letters.append(chr(v))
        tails.append("".join(letters))
    return tails


def _literal_strings(op, av) -> list[str] | None:
    """The strings an item of a parsed regex matches, when it matches only a few plain ones: an
    alternation of literals ("ل|لل" parses as "ل" then this "|ل"), an optional literal ("(?:ال)?");
    None otherwise."""
    if op is C.BRANCH:
        branches = av[1]
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
        branches = [[], av[2]]
    else:
        return None
    if not all(o is C.LITERAL for b in branches for o, _v in b):
        return None
    return ["".join(chr(v) for _o, v in b) for b in branches]


def _common_suffix(strings: list[str]) -> str:
    """The longest string each of `strings` ends with."""
    shortest = min(strings, key=len)
    n = 0
    while n < len(shortest) and all(s[-1 - n] == shortest[-1 - n] for s in strings):
        n += 1
    return shortest[len(shortest) - n:]


_OPEN = {C.AT_BEGINNING, C.AT_BEGINNING_LINE, C.AT_BEGINNING_STRING}
_PLAIN = {C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY, C.CATEGORY}


def window_free(items, behind: bool = False) -> bool:
    """Whether parsed regex items matching at p with an end position hi also match there in the
    whole text (nothing tests where the text stops: no negative lookahead, no \\b, no $), so that
    a text may be checked once for matches of its windows. `behind`: inside a negative lookbehind,
    where only plain characters keep that true."""
    for op, av in items:
        if op in _PLAIN:
            continue
        if behind:
            return False
        if op is C.AT:
            if av not in _OPEN:
                return False
        elif op is C.SUBPATTERN:
            if not window_free(av[-1]):
                return False
        elif op is C.BRANCH:
            if not all(window_free(b) for b in av[1]):
                return False
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            if not window_free(av[2]):
                return False
        elif op is C.ASSERT:
            if not window_free(av[1]):
                return False
        elif op is C.ASSERT_NOT:
            if av[0] >= 0 or not window_free(av[1], behind=True):
                return False
        else:
            return False
    return True


_WORD_END = r"(?!\w)"


def _window_free_head(alt: str, parsed) -> str | None:
    r"""`alt`, or `alt` without its closing `(?!\w)` (a word "to" whose end a window may cut), when
    that is window-free: where `alt` matches in a window, it matches in the whole text."""
    if window_free(parsed.data):
        return alt
    if alt.endswith(_WORD_END):
        head = alt[:-len(_WORD_END)]
        try:
            if window_free(_parser.parse(head).data):
                return head
        except re.error:
            pass
    return None


class Scanner:
    """One pass of a compiled alternation `rx` over a text; `alternatives` are its alternatives
    as regex strings. `finditer(text, lo, hi)` yields what `rx.finditer` yields. Alternatives
    that open with `(?<!\\w)` are tried only at word starts, the others only where their first
    character stands; either only near an anchor of theirs when they have one. The word starts
    tried for alternatives with no anchor are those where one of them matches (less a closing
    `(?!\\w)`, which a window's end may make true), when that holds for any window of the text
    (`window_free`)."""

    def __init__(self, rx: re.Pattern, alternatives: list[str]):
        self.rx = rx
        self.alternatives = alternatives
        self._automaton = None
        self._back: dict[str, int] = {}
        # per anchor a match may open MAX_BACK characters before ("(?:\\w+ ){0,3}indique"), the most
        # spaces from a match's start to it (None: no bound either): the match opens after the space
        # one further back, and the starts tried are a few words, not the dozen of MAX_BACK characters
        self._back_spaces: dict[str, int | None] = {}
        self._least: dict[str, int] = {}     # per anchor, the fewest characters a match has before it
        # per anchor, the alternatives holding it (bit i: alternative i); the alternatives with none:
        # a start found near an anchor may open only those of its anchors' and those with none
        self._holders: dict[str, int] = {}
        self._unanchored = 0
        first: set[str] = set()           # first letters of word-start alternatives with no anchor
        unanchored: list[str] = []        # those alternatives (or a window-free head of each), if all have one
        marks: set[str] = set()           # first characters of the other alternatives
        self._all_words = False           # an alternative with no anchor may begin at any word
        self._marks_near_anchors = False  # an anchored alternative may begin on a non-word character
        self._every_position = bool(rx.flags & re.IGNORECASE) or not alternatives
        for i, alt in enumerate(alternatives):
            if self._every_position:
                break
            try:
                parsed = _parser.parse(alt)
            except re.error:
                self._every_position = True
                break
            at_word = alt.startswith(WORD_START)
            found = anchors_back(parsed.data, parsed.state, SHORT_ANCHOR) if at_word else None
            if found is not None:
                for a, (before, spaces, least) in found.items():
                    self._holders[a] = self._holders.get(a, 0) | 1 << i
                    self._back[a] = max(self._back.get(a, 0), min(MAX_BACK, before))
                    self._least[a] = min(self._least.get(a, least), least, MAX_BACK)
                    known = self._back_spaces.get(a, 0)
                    self._back_spaces[a] = None if known is None or spaces >= MAX_BACK else max(known, spaces)
                # an anchor leads back to word starts; a match that may open on a mark ("[- ]?landing",
                # after the word-start test) is also tried where a mark follows a non-word character
                mark, empty = opens_on_mark(parsed.data)
                self._marks_near_anchors = self._marks_near_anchors or mark or empty
                continue
            self._unanchored |= 1 << i
            chars, empty = first_chars(parsed.data)
            if empty or (chars is None and not at_word):
                self._every_position = True
            elif chars is None or not all(c.isalnum() for c in chars):
                if at_word:
                    self._all_words = True
                else:
                    marks |= chars
            else:
                (first if at_word else marks).update(chars)
                if at_word and unanchored is not None:
                    head = _window_free_head(alt, parsed)
                    unanchored = unanchored + [head] if head is not None else None
        self._back_spaces = {a: n for a, n in self._back_spaces.items() if self._back[a] >= MAX_BACK}
        if self._back and not self._every_position:
            import ahocorasick
            auto = ahocorasick.Automaton()
            for a, back in self._back.items():
                # (this scanner's user of the anchor)
                auto.add_word(a, ((0, len(a) - 1, back, self._least[a], self._back_spaces.get(a), self._holders[a]),))
            auto.make_automaton()
            self._automaton = auto
        cls = lambda chars: "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"  # noqa: E731
        # the class first and the word-start test after it: `re` then skips to candidate characters
        # in C instead of testing the lookbehind at every position
        self._first_rx = re.compile(cls(first) + r"(?<!\w.)") if first else None
        # most words open with a letter of those few alternatives ("ال", "و"): those alternatives
        # themselves, as a lookahead from the letter found ("(?<=(?=…).)", one character wide), keep
        # the big alternation from failing at all of them, tested by `re` in C
        if first and unanchored:
            check = "|".join(f"(?:{a})" for a in unanchored)
            try:
                self._first_rx = re.compile(cls(first) + r"(?<!\w.)(?<=(?=" + check + r").)", rx.flags)
            except re.error:         # a group name used by two of them
                pass
        self._marks = "".join(sorted(marks))

    def starts(self, text: str, hits: AnchorHits | None = None) -> list[int] | None:
        """Positions of `text` where a match may begin, ascending (None: anywhere). `hits`: what
        this scanner's automaton finds in `text`, when found already (by a `ScanSet`)."""
        found = self.openings(text, hits)
        return None if found is None else sorted(found)

    def openings(self, text: str, hits: AnchorHits | None = None) -> dict[int, int] | None:
        """`starts(text, hits)`, unordered, each with the alternatives that may open there (bit i:
        alternative i): those holding an anchor it stands shortly before, and those with no anchor."""
        if self._every_position:
            return None
        if self._all_words:         # (every word start is tried: any alternative there)
            every = (1 << len(self.alternatives)) - 1
            found = dict.fromkeys(word_start_offsets(text), every)
            if self._marks:
                found.update(dict.fromkeys(char_positions(text, self._marks), every))
            return found
        unanchored = self._unanchored
        found = {}
        if self._automaton is not None:
            if hits is None:
                hits = _anchor_hits(self._automaton, text, [self], {})[0][0]
            before, on_anchor = hits
            # (?<!\w) holds at word starts, and at marks after a non-word character
            opens = _AFTER_NON_WORD if self._marks_near_anchors else _WORD_START
            # the starts in those stretches alone, searched there: they cover about a third of
            # the text, cheaper than listing every word start of the text and slicing that
            for lo, hi, holders in merged(before):
                found.update(zip(map(_START, opens.finditer(text, lo, hi + 1)), repeat(holders | unanchored)))
            # a match opening on its anchor is one test there, not a search
            for a, holders in on_anchor:
                if opens.match(text, a):
                    found[a] = found.get(a, unanchored) | holders
        if self._first_rx is not None or self._marks:
            # where only the alternatives with no anchor may open (the others keep what they found)
            bare = dict.fromkeys(map(_START, self._first_rx.finditer(text)) if self._first_rx else (), unanchored)
            bare.update(dict.fromkeys(char_positions(text, self._marks), unanchored))
            bare.update(found)
            found = bare
        return found

    def finditer(self, text: str, lo: int = 0, hi: int | None = None, starts: list[int] | None = None):
        """Leftmost non-overlapping matches in text[lo:hi]; `starts` (from `starts(text)`) may be
        passed in when the same text is scanned many times."""
        hi = len(text) if hi is None else hi
        if starts is None:
            starts = self.starts(text)
        if starts is None:
            yield from self.rx.finditer(text, lo, hi)
            return
        yield from finditer_at(self.rx, text, lo, hi, starts)


def char_positions(text: str, chars: str) -> list[int]:
    """Where any of the few characters `chars` stands in `text` (unordered): a `str.find` per
    occurrence skips in C to the next one, where a regex class tests every position."""
    out: list[int] = []
    find = text.find
    for c in chars:
        i = find(c)
        while i >= 0:
            out.append(i)
            i = find(c, i + 1)
    return out


def finditer_at(rx: re.Pattern, text: str, lo: int, hi: int, starts: list[int]):
    """What `rx.finditer(text, lo, hi)` yields, when `starts` (ascending) holds every position
    where a non-empty match of `rx` may begin and it has no empty one: `rx` tried only there.
    (The starts of a Scanner whose alternatives cover those of `rx`.)"""
    last = -1
    for p in starts[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]:
        if p < last:
            continue
        m = rx.match(text, p, hi)
        if m and m.end() > p:
            last = m.end()
            yield m


class ScanSet:
    """Several scanners over one text: the anchors of all of them found in a single Aho-Corasick
    pass instead of a pass each (`hits(text)`, what each one's `openings` takes).
    `literals` (name -> strings) are looked for in the same pass: `hits(text)` also tells where
    those of each name begin."""

    def __init__(self, scanners: list[Scanner | None], literals: dict[str, list[str]] | None = None):
        self.scanners = scanners
        self.literal_names = list(literals or {})
        # per anchor, its users: (scanner index, the anchor's length - 1, its look-back, the fewest
        # characters before it, its look-back in spaces, the scanner's alternatives holding it) or
        # (literal name, the literal's length - 1, None, 0, None, 0)
        users: dict[str, list[tuple]] = {}
        for i, sc in enumerate(scanners):
            if sc is not None and sc._automaton is not None:
                for a, back in sc._back.items():
                    users.setdefault(a, []).append((i, len(a) - 1, back, sc._least[a], sc._back_spaces.get(a),
                                                    sc._holders[a]))
        for name, lits in (literals or {}).items():
            for lit in lits:
                users.setdefault(lit, []).append((name, len(lit) - 1, None, 0, None, 0))
        self._automaton = None
        if users:
            import ahocorasick
            self._automaton = ahocorasick.Automaton()
            for a, u in users.items():
                self._automaton.add_word(a, tuple(u))
            self._automaton.make_automaton()

    def hits(self, text: str) -> tuple[list[AnchorHits | None], dict[str, list[int]]]:
        """What each scanner's automaton finds in `text` (None for one with no automaton: the
        `hits` its `starts` takes), and where the literals of each name begin, ascending."""
        if self._automaton is None:
            return [None] * len(self.scanners), {name: [] for name in self.literal_names}
        return _anchor_hits(self._automaton, text, self.scanners, self.literal_names)


# what a scanner's anchors hit in a text: the stretches (start - look-back, start - fewest
# characters before it) before the anchors with a look-back (or from the space after which a match
# opens, where nearer), and the starts of those without one; each with the alternatives holding
# its anchor (Scanner._holders)
AnchorHits = tuple[list[tuple[int, int, int]], list[tuple[int, int]]]


def merged(ranges: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Closed ranges [lo, hi], each with a bit set, merged where they overlap (their bits joined),
    ascending and apart: the positions of each run of overlapping ones are then one slice, not one
    set update per range."""
    if not ranges:
        return []
    ranges.sort()
    out = []
    lo, hi, bits = ranges[0]
    for a, b, m in ranges:
        if a > hi:
            out.append((lo, hi, bits))
            lo, hi, bits = a, b, m
        else:
            bits |= m
            if b > hi:
                hi = b
    out.append((lo, hi, bits))
    return out


def _anchor_hits(automaton, text: str, scanners: list, literal_names) -> tuple[list[AnchorHits | None], dict[str, list[int]]]:
    """The anchors of `automaton` (valued as a ScanSet's) found in `text`: per scanner with an
    automaton, its AnchorHits (None for the others); per literal name, where its literals begin,
    ascending."""
    hits: list[AnchorHits | None] = [([], []) if sc is not None and sc._automaton is not None else None
                                      for sc in scanners]
    at: dict[str, list[int]] = {name: [] for name in literal_names}
    rfind = text.rfind
    for end, users in automaton.iter(text):
        for key, size, back, least, spaces, holders in users:
            a = end - size
            if back is None:
                at[key].append(a)
            elif back:
                lo = max(0, a - back)
                if spaces is not None:      # (after the space `spaces + 1` back, when there is one)
                    p = a
                    for _ in range(spaces + 1):
                        p = rfind(" ", lo, p)
                        if p < 0:
                            break
                    else:
                        lo = p + 1
                if lo <= a - least:
                    hits[key][0].append((lo, a - least, holders))
            else:
                hits[key][1].append((a, holders))
    for v in at.values():
        v.sort()
    return hits, at


def after_non_word(rx: re.Pattern) -> re.Pattern | None:
    r"""For a regex `(?<!\w)R` that opens on a word (never empty), `\W(?:R)`: a regex opening on
    a class is searched for by `re` skipping in C to the next character of the class, instead of
    trying the lookbehind at every position (a fifth faster over a text). None when `rx` is not
    of that form or R may match empty."""
    if not rx.pattern.startswith(WORD_START):
        return None
    body = rx.pattern[len(WORD_START):]
    try:
        parsed = _parser.parse(body, rx.flags)
    except re.error:
        return None
    if parsed.getwidth()[0] == 0:
        return None
    return re.compile(r"\W(?:" + body + ")", rx.flags)


def word_matches(rx: re.Pattern, fast: re.Pattern | None, text: str, lo: int = 0, hi: int | None = None):
    r"""(start, match) for each match of `rx.finditer(text, lo, hi)`, `rx` a (?<!\w)R never matching
    empty, with `fast` = after_non_word(rx): its matches open one character earlier, on the
    non-word character before the word, and `re` skips in C to those characters instead of trying
    the lookbehind at each position. A match at the text's very start, with no character before
    it, is rx's own. A match may end on a non-word character ("avril.", "(أبريل)"), where the next
    one may open: each search starts on the last character of the match before. `fast` None:
    rx's matches."""
    hi = len(text) if hi is None else hi
    if fast is None:
        for m in rx.finditer(text, lo, hi):
            yield m.start(), m
        return
    if lo == 0:
        m = rx.match(text, 0, hi)           # (no character before it for fast to open on)
        if m is not None:
            yield 0, m
            lo = m.end()
    search = fast.search
    m = search(text, max(0, lo - 1), hi)
    while m is not None:
        yield m.start() + 1, m
        m = search(text, m.end() - 1, hi)


def trie_regex(words) -> str:
    """A regex alternation of `words` (already normalised) built as a character trie, so
    that each text position tries only the branches that start with its character. Spaces
    inside a phrase match any run of whitespace. An optional part is written (?:x|), not
    (?:x)?: the same matches tried in the same order, without the regex engine's general
    repeat (slower)."""
    branches = trie_branches(words)
    if not branches:
        return "(?!)"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def trie_branches(words) -> list[str]:
    """The alternatives of trie_regex(words) at its top level, one per first character, in its
    order. A pattern may append what follows the words to each: `re` tries an alternative that
    opens on a character only where that character stands, but enters one that opens on a group
    (a whole trie, an optional part) at every position."""
    trie: dict = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branches(node: dict) -> list[str]:
        return [(r"\s+" if ch == " " else re.escape(ch)) + emit(node[ch]) for ch in sorted(k for k in node if k)]

    def emit(node: dict) -> str:
        alts = branches(node)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + "|)" if "" in node else body

    return branches(trie)
