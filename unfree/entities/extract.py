"""One pass over a text: every place, party and sector it names, and what each is to the work.

The text is folded (lower case, one apostrophe, one hyphen, quotation marks as spaces; same
length, so offsets carry over) and read once by the language's Aho-Corasick automaton (plus a
tiny one for short acronyms over the text as written). Each hit's word edges are checked,
then:
- places (countries, cities, demonyms, nationals) keep the longest of overlapping hits; a
  demonym counts only where it qualifies people ("North Korean workers", "travailleurs
  nord-coréens"), a national noun ("Uzbeks", "северокорейцы") always; a country or city gets
  the role its cue words give it — "origin" after "from"/"uit"/"из" or before Korean "출신",
  "destination" after "in"/"naar"/"в" — when its clause is about work (workers, work or
  sector words in it); an ambiguous name ("Jordan", "Chad", "Того") counts only with such a
  cue;
- organisations are grown from a trigger — a legal form (LLC, GmbH, ООО, 주식회사), a head
  word (ministry, embassy, *partij) or a fixed name (ILO, ФСБ) — over the capitalised words
  and connectors around it, and kept only when they carry a name (a capital that is not the
  sentence's first letter, an acronym, a place);
- sector words count as they are, sector hints only in a sentence about work.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from unfree.entities.lexicon import (
    PLACE_KINDS,
    EntityLexicon,
    Term,
    fold,
    load_entity_lexicon,
)
from unfree.model import Mention

_WORD_TAIL = re.compile(r"\w*")
_TOKEN = re.compile(r"\w+")
# A sentence ends at terminal punctuation before a space and a word that is not lower-case
# ("B.V. in Nederland" goes on), or at a line break.
_SENT_END = re.compile(r"[.!?…。]+[\"'”’»)\]]*(?=\s)(?!\s+[a-zß-ÿа-яё])|\n")
_LEAD = re.compile(r"[\W\d_]*")
# A word of a name: "B.V.", "O'Neill", "Noord-Korea", "&"; between two words, spaces, a
# possessive apostrophe ("Workers' Party") or a hyphen.
_NAME_TOKEN = re.compile(r"\b\w['’](?=\w)|\w+(?:[.&-]\w+|['’]\w\w+)*\.?|&")
_NAME_GAP = re.compile(r"[ \t]*(?:['’][ \t]*)?|[ \t]*-[ \t]*")
_QUOTED = re.compile(r"[ \t]*[«\"“„]([^«»\"“”„\n]{1,80})[»\"”“]")
_NEXT_TO = re.compile(r"[ \t]*,?[ \t]*(?:\([ \t]*)?")
_NEXT_WORD = re.compile(r"[ \t]*(\w+)")
_ABBREVIATION = re.compile(r"\w{1,4}\.|(?:\w{1,3}\.){2,}")
_HARD_STOP = re.compile(r"[.;:!?()\[\]\n]")
_RANK = {k: i for i, k in enumerate(PLACE_KINDS)}
_MAX_NAME_WORDS = 6
_BEFORE_CHARS = 48  # how far back a place's cue words are looked for
_AFTER_CHARS = 32


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    term: Term
    national: bool = False  # Korean "러시아인": the name of a country's people


def _isword(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _capitalised(word: str) -> bool:
    """A word of a name: a capital first, two letters or more ("I" is not a name), and not a
    long word in capitals (headings: "EMPLOYMENT TRIBUNAL - RESERVED JUDGMENT")."""
    return word[:1].isupper() and len(word) >= 2 and not (len(word) > 5 and word.isupper())


def _acronym(word: str) -> bool:
    """"DPRK", "КНДР", "B.V.": two to five letters, all capitals."""
    return word.isupper() and len(word) >= 2 and 2 <= sum(c.isalpha() for c in word) <= 5


def _check(text: str, low: str, start: int, stop: int, term: Term,
           lex: EntityLexicon) -> _Hit | None:
    """The hit with its word edges checked (and widened for `*` terms), or None."""
    key_start, key_stop = start, stop
    if term.left_free:
        while start > 0 and _isword(low[start - 1]):
            start -= 1
    elif start > 0 and _isword(low[start - 1]) and _isword(low[start]):
        return None
    national = False
    if term.tail is not None:
        m = term.tail.match(low, stop)
        if m is None:
            return None
        stop = m.end()
    elif term.right_free:
        tail = _WORD_TAIL.match(low, stop).end()  # type: ignore[union-attr]
        if lex.particles is not None and tail > stop:
            # Korean "농장에서" is "농장" + "에서": the particles are not part of the quote.
            while stop < tail and not lex.particles.fullmatch(low, stop, tail):
                stop += 1
        else:
            stop = tail
    elif stop < len(low) and _isword(low[stop]) and _isword(low[stop - 1]):
        if not term.particles or lex.particles is None:
            return None
        tail = _WORD_TAIL.match(low, stop).end()  # type: ignore[union-attr]
        suffix = low[stop:tail]
        if not lex.particles.fullmatch(suffix):
            return None
        national = bool(lex.national_suffixes) and suffix.startswith(lex.national_suffixes)
    if term.cased is not None and fold(text[key_start:key_stop], lower=False) != term.cased:
        return None
    if term.capital and not text[start].isupper():
        return None
    return _Hit(start, stop, term, national)


class _Sentences:
    """Sentence bounds around an offset, computed once per text and only when asked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends: list[int] | None = None

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        if self._ends is None:
            self._ends = [m.end() for m in _SENT_END.finditer(self.text)]
        ends = self._ends
        i = bisect_right(ends, start)
        j = bisect_left(ends, end)
        return (ends[i - 1] if i else 0), (ends[j] if j < len(ends) else len(self.text))

    def first_letter(self, lo: int) -> int:
        return _LEAD.match(self.text, lo).end()  # type: ignore[union-attr]


def _within(starts: list[int], lo: int, hi: int) -> bool:
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def _close(gap: str, words: int = 2) -> bool:
    """Whether two words are close: at most `words` words and no punctuation between."""
    return (len(gap) <= 40 and "," not in gap and not _HARD_STOP.search(gap)
            and len(_TOKEN.findall(gap)) <= words)


class _Reader:
    """What one text's hits mean: roles of places, spans of organisations."""

    def __init__(self, text: str, low: str, lex: EntityLexicon) -> None:
        self.text, self.low, self.lex = text, low, lex
        self.sents = _Sentences(text)
        self.context: list[int] = []  # starts of words that make a sentence about work
        self.work: list[int] = []  # the same but other people: workers, work, employ, sector
        self.employ: list[int] = []
        self.people: list[tuple[int, int]] = []
        self.people_starts: list[int] = []
        self.people_ends: list[int] = []
        self.place_spans: list[tuple[int, int]] = []

    def finish_cues(self) -> None:
        self.context.sort()
        self.work.sort()
        self.employ.sort()
        self.people.sort()
        self.people_starts = [s for s, _ in self.people]
        self.people_ends = sorted(e for _, e in self.people)

    # -- places ------------------------------------------------------------------------

    def about_work(self, lo: int, hi: int) -> bool:
        return _within(self.context, lo, hi)

    def people_right_after(self, end: int, words: int) -> bool:
        i = bisect_left(self.people_starts, end)
        return i < len(self.people_starts) and _close(self.low[end:self.people_starts[i]], words)

    def people_right_before(self, start: int, words: int) -> bool:
        i = bisect_right(self.people_ends, start) - 1
        return i >= 0 and _close(self.low[self.people_ends[i]:start], words)

    def demonym_linked(self, hit: _Hit) -> bool:
        if self.lex.demonym_side == "after":
            return self.people_right_before(hit.start, 2)
        return self.people_right_after(hit.end, 2)

    def place_role(self, hit: _Hit) -> tuple[bool, str | None]:
        """(keep, role) of a country or city name."""
        if hit.national:
            return True, "origin"
        lex, low = self.lex, self.low
        lo, hi = self.sents.bounds(hit.start, hit.end)
        from_ = max(lo, hit.start - _BEFORE_CHARS)
        if from_ > lo:  # start the look-back at a word's start
            space = low.find(" ", from_, hit.start)
            from_ = space if space != -1 else hit.start
        before = low[from_:hit.start]
        after = low[hit.end:min(hi, hit.end + _AFTER_CHARS)]
        role: str | None = None
        if lex.origin_before is not None and lex.origin_before.search(before):
            role = "origin"
        elif lex.destination_before is not None and lex.destination_before.search(before):
            role = "destination"
        elif lex.origin_after_people is not None and (
                m := lex.origin_after_people.search(before)) and self.people_right_before(
                from_ + m.start("cue"), 0):
            role = "origin"  # "ouvriers de Corée"
        elif lex.origin_after is not None and lex.origin_after.match(after):
            return True, "origin"  # Korean "캄보디아 출신", "필리핀에서 온": said of people
        elif lex.people_after_name and self.people_right_after(hit.end, 0):
            return True, "origin"  # Korean "북한 노동자": its own evidence of work
        if role is None:
            if hit.term.ambiguous:
                return False, None
            if lex.destination_after is not None and lex.destination_after.match(after):
                role = "destination"  # Korean "에서", "로": weaker, no proof of a place
        if role is not None:
            # "his family stayed in North Korea (while he worked in Russia)": the clause must
            # be about work; for a destination people other than workers do not say so
            # ("the men he met in Pyongyang")
            c_lo, c_hi = self.clause(hit, lo, hi)
            if not (_within(self.work, c_lo, c_hi) or (
                    role == "origin" and _within(self.context, c_lo, c_hi))):
                role = None
        return True, role

    def clause(self, hit: _Hit, lo: int, hi: int) -> tuple[int, int]:
        """The bounds of the clause of a sentence `lo`-`hi` that holds `hit`."""
        start, end = lo, hi
        for m in self.lex.clause_break.finditer(self.text, lo, hi):
            if m.end() <= hit.start:
                start = m.end()
            elif m.start() >= hit.end:
                end = m.start()
                break
        return start, end

    # -- organisations -----------------------------------------------------------------

    def acronym(self, word: str) -> bool:
        """An acronym that is not a connector in a heading's capitals ("DE", "LO")."""
        return _acronym(word) and word.lower() not in self.lex.trim

    def in_place(self, start: int, end: int) -> bool:
        i = bisect_right(self.place_spans, (start, 10**12)) - 1
        return i >= 0 and self.place_spans[i][0] <= start and end <= self.place_spans[i][1]

    def grow_left(self, pos: int, lo: int, capitals: bool, one_word: bool = False) -> int:
        """The start of a name grown leftwards from `pos` over capitalised words, acronyms,
        places and connectors between capitalised words ("Bank of China Ltd")."""
        text, low, lex = self.text, self.low, self.lex
        toks = list(_NAME_TOKEN.finditer(text, max(lo, pos - 120), pos))
        start, i, taken = pos, len(toks) - 1, 0
        while i >= 0 and taken < _MAX_NAME_WORDS:
            m = toks[i]
            if not _NAME_GAP.fullmatch(text, m.end(), start):
                break
            word = m.group()
            if lex.caseless:  # no capitals to go by: one attached word, or places
                if not (one_word and taken == 0) and not self.in_place(m.start(), m.end()):
                    break
            elif not (self.in_place(m.start(), m.end()) or self.acronym(word)
                      or (capitals and _capitalised(word))):
                # a connector between two capitalised words: "Bank of China Ltd" (but not
                # "Moscow for Acme Ltd")
                prev = toks[i - 1] if i > 0 else None
                if not (capitals and low[m.start():m.end()] in lex.connectors and prev
                        and _capitalised(prev.group())
                        and not self.in_place(prev.start(), prev.end())
                        and _NAME_GAP.fullmatch(text, prev.end(), m.start())):
                    break
            start, taken, i = m.start(), taken + 1, i - 1
        # Trim what only stands before a name: articles, connectors, cue words.
        for m in _NAME_TOKEN.finditer(text, start, pos):
            if low[m.start():m.end()] in lex.trim:
                start = pos
                continue
            start = m.start()
            break
        return start

    def grow_right(self, pos: int, hi: int, capitals: bool,
                   one_word: bool = False) -> tuple[int, bool]:
        """The end of a name grown rightwards from `pos`, and whether a complement was taken:
        Russian genitive words ("Министерство труда") or, where capitalised words alone do
        not make a name (German), a connector and a name ("Ministerium für Arbeit")."""
        text, low, lex = self.text, self.low, self.lex
        end, cursor, pending, taken, complements = pos, pos, 0, 0, 0
        conjunction = linked = False
        for m in _NAME_TOKEN.finditer(text, pos, min(hi, pos + 160)):
            if not _NAME_GAP.fullmatch(text, cursor, m.start()) or taken >= _MAX_NAME_WORDS:
                break
            word = m.group()
            lower = low[m.start():m.end()]
            if lex.caseless:
                if one_word or self.in_place(m.start(), m.end()):
                    end = m.end()
                    # "㈜한빛정밀은" is "㈜한빛정밀" + "은"
                    k = m.start() + 1
                    while lex.particles is not None and k < m.end():
                        if lex.particles.fullmatch(low, k, m.end()):
                            end = k
                            break
                        k += 1
                break
            if lower in lex.connectors or (pending and lower in lex.determiners):
                # "of", "für", "de" (also "DE" in a heading's capitals): never a name word
                if conjunction or pending >= 2:
                    break
                conjunction = lower in lex.conjunctions
                linked = linked or (not conjunction and (not lex.naming or lower in lex.naming))
                pending += 1
                cursor = m.end()
                continue
            if self.acronym(word) or self.in_place(m.start(), m.end()) or (
                    _capitalised(word) and (capitals or pending)):
                end = cursor = m.end()
                pending, taken, conjunction = 0, taken + 1, False
                continue
            if (not pending and end == cursor and complements < lex.complement_words
                    and len(lower) >= 4  # a genitive noun or adjective, not "эти", "его"
                    and lex.complement is not None and lex.complement.search(lower)):
                end = cursor = m.end()
                complements, taken = complements + 1, taken + 1
                continue
            break
        if end > pos and text[end - 1] == "." and not _ABBREVIATION.fullmatch(
                text, text.rfind(" ", pos, end) + 1, end):
            end -= 1  # the sentence's full stop, not an abbreviation's ("B.V.", "Co.")
        return end, complements > 0 or (linked and end == cursor and not capitals)

    def organisation(self, hit: _Hit) -> tuple[int, int, str | None] | None:
        """(start, end, role) of the organisation a trigger names, or None."""
        kind = hit.term.kind
        if kind in ("org_head_state", "org_head_other") and (
                not self.worth_growing(hit) or self.in_place(hit.start, hit.end)):
            return None  # "the company said"; "Russian Federation" is a country
        lo, hi = self.sents.bounds(hit.start, hit.end)
        state = kind in ("org_name_state", "org_head_state")
        start, end = hit.start, hit.end
        if kind in ("org_name_state", "org_name_other"):
            pass
        elif kind == "org_after":
            start = self.grow_left(hit.start, lo, capitals=True, one_word=True)
            words = [m.group() for m in _NAME_TOKEN.finditer(self.text, start, hit.start)]
            if not words or not (self.lex.caseless or any(
                    _capitalised(w) or self.acronym(w) for w in words)):
                return None
        elif kind == "org_before":
            quoted = _QUOTED.match(self.text, hit.end)
            if quoted is not None:
                end = quoted.end()
            else:
                end, _ = self.grow_right(hit.end, hi, capitals=True, one_word=True)
                words = [m.group() for m in _NAME_TOKEN.finditer(self.text, hit.end, end)]
                if not words or not (self.lex.caseless or any(
                        _capitalised(w) or self.acronym(w) for w in words)):
                    return None
        else:
            capitals = self.lex.bare_capitals
            start = self.grow_left(hit.start, lo, capitals)
            end, complement = self.grow_right(hit.end, hi, capitals)
            if not self.named(start, end, hit, lo, complement, places=state):
                return None
            if not state and start == hit.start and not self.text[start].isupper():
                # "la société Batir SARL", "het bedrijf Agro Trans": the name follows the
                # common noun; "une agence de Craiova" is an agency from a place
                after = _NAME_TOKEN.search(self.text, hit.end, end)
                if after is None or self.low[after.start():after.end()] in self.lex.connectors:
                    return None
                start = after.start()
        if state:
            role: str | None = "state_body"
        else:
            role = "employer" if _within(self.employ, lo, hi) else None
        return start, end, role

    def worth_growing(self, hit: _Hit) -> bool:
        """A quick look at a head word's neighbours before growing a name around it: most
        head words ("the company said", "a group of") have no capitalised word, acronym,
        place or connector next to them."""
        text = self.text
        if text[hit.start].isupper() or self.lex.caseless:
            return True
        after = _NEXT_WORD.match(text, hit.end)
        if after is not None and (after.group(1)[0].isupper() or
                                  self.low[after.start(1):after.end(1)] in self.lex.connectors):
            return True
        j = hit.start  # the word before: "North Korean embassy", "Acme company"
        while j > 0 and text[j - 1] in " \t'’":
            j -= 1
        if j == 0 or not text[j - 1].isalnum():
            return False
        k = j - 1
        while k > 0 and text[k - 1].isalnum():
            k -= 1
        return text[k].isupper() or self.in_place(k, j)

    def named(self, start: int, end: int, head: _Hit, lo: int, complement: bool,
              places: bool) -> bool:
        """Whether a head word's span is a proper name, not "the ministry" or a German noun.
        A place makes a state body's name ("the North Korean embassy") but not a company's
        ("een Pools uitzendbureau" is a Polish agency, not a name)."""
        first = self.sents.first_letter(lo)
        words = [m for m in _NAME_TOKEN.finditer(self.text, start, end)
                 if places or not self.in_place(m.start(), m.end())]
        head_word = self.text[head.start:head.end]
        if self.lex.caseless:
            return places and any(self.in_place(m.start(), m.end()) for m in words)
        if len(words) <= 1:  # "the Party", "de Partij"; not "Grupo de 17 tripulantes"
            return (places and self.lex.single_head and _capitalised(head_word)
                    and head.start != first)
        if any(self.acronym(m.group()) or self.in_place(m.start(), m.end()) for m in words):
            return True
        if not self.lex.bare_capitals:  # German: "für Arbeit", not any capitalised noun
            return complement
        if any(_capitalised(m.group()) and m.start() != first for m in words):
            return True
        return complement and _capitalised(head_word)


def extract_mentions(text: str, lang: str) -> list[Mention]:
    """Every place, party and sector `text` (in language `lang`) names, sorted by offset.

    Offsets index `text` itself: `text[m.start:m.end] == m.quote`. A language without
    `unfree/lang/<code>/entities.yaml` gets no mentions.
    """
    lex = load_entity_lexicon(lang)
    if lex is None or not text:
        return []
    low = fold(text)
    # The automaton reads " " + the folded text: a key found ending at index `end` there ends
    # (exclusively) at `end - 1` in `low`, where its word part starts `term.length` earlier.
    found = [(i, end - 1) for i, _, end in lex.automaton.find(" " + low)]
    found += [(~i, end) for i, _, end in lex.acronyms.find(text)] if len(lex.acronyms) else []
    if not found:
        return []
    reader = _Reader(text, low, lex)
    filed: tuple[list[_Hit], ...] = ([], [], [], [])  # places, organisations, sectors, hints
    context, people, employ, work = reader.context, reader.people, reader.employ, reader.work
    values, acronym_values = lex.automaton.values, lex.acronyms.values
    n = len(low)
    tail_end = _WORD_TAIL.match
    for index, stop in found:
        for term in values[index] if index >= 0 else acronym_values[~index]:
            start = stop - term.length
            if term.simple:  # the common case, inline: word edges and a capital to check
                if term.edge_left and start and low[start - 1].isalnum():
                    continue
                if term.capital and not text[start].isupper():
                    continue
                if term.right_free:
                    end = tail_end(low, stop).end()  # type: ignore[union-attr]
                elif term.edge_right and stop < n and low[stop].isalnum():
                    continue
                else:
                    end = stop
                hit = _Hit(start, end, term)
            else:
                got = _check(text, low, start, stop, term, lex)
                if got is None:
                    continue
                hit = got
            group = term.group
            if group < 4:
                filed[group].append(hit)
                if group != 2:
                    continue
            # Sector, work and employ words and workers make a clause about work; other
            # people only support an origin ("men from Nepal").
            context.append(hit.start)
            if group >= 7 or group == 4:
                people.append((hit.start, hit.end))
                if group >= 7:
                    continue
            work.append(hit.start)
            if group == 6:
                employ.append(hit.start)
    places, orgs, sectors, hints = filed
    if not (places or orgs or sectors or hints):
        return []
    reader.finish_cues()
    mentions = _places(reader, places)  # first: organisation names grow over places
    organisations = _organisations(reader, orgs)
    mentions += organisations
    sector_hits = sectors + [h for h in hints if reader.about_work(
        *reader.sents.bounds(h.start, h.end))]
    named = [(m.start, m.end) for m in organisations]
    for hit in _longest(sector_hits):
        if any(s <= hit.start and hit.end <= e for s, e in named):
            continue  # "Bau Meyer GmbH" names a company, not the sector
        mentions.append(Mention("sector", hit.term.key, hit.start, hit.end,
                                text[hit.start:hit.end]))
    mentions.sort(key=lambda m: (m.start, m.end, m.kind))
    return mentions


def _longest(hits: list[_Hit]) -> list[_Hit]:
    """Of overlapping hits, the longest (then the most specific kind of place)."""
    hits.sort(key=lambda h: (h.start, h.start - h.end, _RANK.get(h.term.kind, 0)))
    kept: list[_Hit] = []
    reach = -1
    for hit in hits:
        if hit.start >= reach:
            kept.append(hit)
            reach = hit.end
    return kept


def _places(reader: _Reader, hits: list[_Hit]) -> list[Mention]:
    text, lex = reader.text, reader.lex
    kept = _longest(hits)
    reader.place_spans = [(h.start, h.end) for h in kept]
    # Demonyms: linked to people directly, or through a list ("Uzbek and Tajik workers").
    linked: set[int] = set()
    order = range(len(kept) - 1, -1, -1) if lex.demonym_side == "before" else range(len(kept))
    step = 1 if lex.demonym_side == "before" else -1
    for i in order:
        hit = kept[i]
        if hit.term.kind != "demonym":
            continue
        if reader.demonym_linked(hit):
            linked.add(i)
            continue
        j = i + step
        if 0 <= j < len(kept) and j in linked:
            other = kept[j]
            gap = (text[hit.end:other.start] if step == 1 else text[other.end:hit.start])
            if lex.list_gap.fullmatch(fold(gap)):
                linked.add(i)
    out: list[Mention] = []
    roles: dict[int, str | None] = {}
    role: str | None
    for i, hit in enumerate(kept):
        kind = hit.term.kind
        if kind == "demonym":
            if i not in linked:
                continue
            keep, role = True, "origin"
        elif kind == "national":
            keep, role = True, "origin"
        else:
            keep, role = reader.place_role(hit)
        if keep:
            roles[i] = role
    # "aus Georgien, Moldau und der Ukraine": the places of one list share the cue before it.
    for i in sorted(roles):
        if (roles[i] is None and roles.get(i - 1) in ("origin", "destination")
                and kept[i].term.kind in ("country", "city")
                and kept[i - 1].term.kind in ("country", "city")
                and lex.list_join.fullmatch(reader.low, kept[i - 1].end, kept[i].start)):
            roles[i] = roles[i - 1]
    if lex.origin_after is not None:  # cues after the list (Korean "베트남과 네팔 출신")
        for i in sorted(roles, reverse=True):
            if (roles[i] is None and roles.get(i + 1) in ("origin", "destination")
                    and kept[i].term.kind in ("country", "city")
                    and kept[i + 1].term.kind in ("country", "city")
                    and lex.list_join.fullmatch(reader.low, kept[i].end, kept[i + 1].start)):
                roles[i] = roles[i + 1]
    # "Vladivostok, Russia", "러시아 블라디보스토크에서": a city and its country side by side
    # share the role one of them has.
    for i in roles:
        j = i + 1
        if j not in roles or not _NEXT_TO.fullmatch(text, kept[i].end, kept[j].start):
            continue
        a, b = kept[i].term, kept[j].term
        if {a.kind, b.kind} == {"country", "city"} and a.country == b.country:
            if roles[i] is None:
                roles[i] = roles[j]
            elif roles[j] is None:
                roles[j] = roles[i]
    for i, role in roles.items():
        hit = kept[i]
        is_city = hit.term.kind == "city"
        out.append(Mention("city" if is_city else "country", hit.term.key, hit.start, hit.end,
                           text[hit.start:hit.end], role,
                           hit.term.country if is_city else None))
    return out


def _organisations(reader: _Reader, hits: list[_Hit]) -> list[Mention]:
    spans: list[tuple[int, int, str | None]] = []
    for hit in hits:
        got = reader.organisation(hit)
        if got is not None:
            spans.append(got)
    # Of overlapping names, the longest: "the ministry" inside "Ministry of Labour", or a
    # fixed name ("Organisation internationale du travail") over a head word's guess.
    spans.sort(key=lambda s: (s[0] - s[1], s[0], s[2] != "state_body"))
    kept: list[tuple[int, int, str | None]] = []
    for span in spans:
        if span[1] > span[0] and all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    kept.sort()
    out: list[Mention] = []
    for start, end, role in kept:
        quote = reader.text[start:end]
        out.append(Mention("organisation", " ".join(quote.split()), start, end, quote, role))
    return out


__all__ = ["extract_mentions"]
