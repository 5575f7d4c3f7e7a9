"""Compile a language's entity data into one Aho-Corasick automaton and a few cue patterns.

Every word the stage looks for — country and city names (with their inflected forms),
demonyms, organisation triggers, sector words and the cue words of the role grammar — is a
key of one automaton (ahocorasick_rs, in Rust) over the folded lower-cased text, so a text is
read once in compiled code; Python only sees the hits. Short keys are stored behind the
characters that may precede a word (" rus", "(rus"), so the automaton does not stop inside
every word that contains them; short acronyms ("IT", "AG", "UN") go to a second, tiny
automaton over the text as written, as lower-cased they are inside every other word. Cue
words that only matter right before or after a place (prepositions, particles) are small
regexes run on the few characters around each place.

Term syntax (entities.yaml and organisations.yaml), matched on the lower-cased text:
- `word` — the whole word; several words form a phrase (single spaces);
- `word*` — a word that starts with it, `*word` — a word (compound) that ends with it,
  `*word*` — a word that contains it;
- a term with capitals in it (`LLC`, `IT`, `UN`) matches only with those capitals. Place
  names follow the language's `capitalised` setting instead: "Turkey" and "China" count only
  with their capital, so "china cup" and "a roast turkey" are not countries.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick_rs

from unfree.data import load_data
from unfree.entities.gazetteer import (
    EntityDataError,
    ambiguous_cities,
    cities,
    country_names,
    lang_data,
    sector_table,
)

PLACE_KINDS = ("country", "city", "national", "demonym")  # in order of precedence
ORG_KINDS = ("org_name_state", "org_name_other", "org_after", "org_before", "org_head_state",
             "org_head_other")
CUE_KINDS = ("people", "work", "employ", "persons")

# Characters folded so that keys and text agree whatever the typography; each is replaced by
# one character, so offsets into the folded text are offsets into the original.
# Quotation marks, slashes, dashes and Markdown's marks become spaces: a name after them
# starts a word like a name after a space.
_FOLD = (("’", "'"), ("‘", "'"), ("ʼ", "'"), ("`", "'"), ("´", "'"), ("\u00a0", " "),
         ("\u202f", " "), ("\u2009", " "), ("\n", " "), ("\t", " "), ("\r", " "),
         ("‐", "-"), ("‑", "-"), ("ё", "е"), ("«", " "), ("»", " "), ("„", " "), ("“", " "),
         ("”", " "), ('"', " "), ("‹", " "), ("›", " "), ("/", " "), ("[", " "), ("]", " "),
         ("¿", " "), ("¡", " "), ("–", " "), ("—", " "), ("*", " "), ("#", " "), ("|", " "),
         ("_", " "), ("<", " "), (">", " "))
# What may stand right before a word in the folded text; short keys are stored behind each
# of these, so that the automaton does not stop inside every word that contains them.
_BEFORE_WORD = (" ", "(", "'", "-", ".", ",", ":", ";", "!", "?")
_SHORT_KEY = 5
_MAX_FORMS = 256  # inflected forms of one multi-word name


def fold(text: str, lower: bool = True) -> str:
    """`text` lower-cased (optionally) and typographically folded, of the same length."""
    out = text.lower() if lower else text
    if len(out) != len(text):  # "İ" lower-cases to two characters: keep such letters as is
        out = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if not lower:
        out = out.replace("Ё", "Е")
    for a, b in _FOLD:
        if a in out:
            out = out.replace(a, b)
    return out


@dataclass(frozen=True, slots=True)
class Term:
    """One way of matching one key: what it stands for and how its edges are checked."""

    kind: str  # a PLACE_KINDS, ORG_KINDS or CUE_KINDS entry, "sector" or "sector_hint"
    key: str  # ISO code, city name, sector id, or the organisation term itself
    country: str | None
    length: int  # characters of the automaton key
    left_free: bool  # `*word`: may end a longer word
    right_free: bool  # `word*`: may start a longer word
    particles: bool  # (Korean) a name that may go on with particles
    cased: str | None  # the exact capitals to find, for terms written with capitals
    capital: bool  # must start with a capital letter in the text
    ambiguous: bool  # counts only with a place cue next to it
    tail: re.Pattern[str] | None = None  # the rest of a phrase with `*` inside ("сельск*
    # хозяйств*"): the automaton finds its first word, this is matched after it
    group: int = 0  # GROUPS index of its kind, for the scan's dispatch
    simple: bool = False  # only word edges and a capital to check (no `*word`, exact
    # capitals, particles or tail)
    edge_left: bool = True  # the key starts with a letter or digit (its start is checked)
    edge_right: bool = True


# How the scan files a hit: places, organisation triggers, sectors, sector hints, cue words.
GROUPS = {**{k: 0 for k in PLACE_KINDS}, **{k: 1 for k in ORG_KINDS}, "sector": 2,
          "sector_hint": 3, "people": 4, "work": 5, "employ": 6, "persons": 7}


class Automaton:
    """An Aho-Corasick automaton (ahocorasick_rs) and what each of its keys stands for."""

    __slots__ = ("_auto", "values")

    def __init__(self, table: dict[str, list[Term]], boundaries: tuple[str, ...]) -> None:
        keys: list[str] = []
        self.values: list[tuple[Term, ...]] = []
        for key, terms in table.items():
            value = tuple(terms)
            if (boundaries and len(key) <= _SHORT_KEY and key[0].isalnum()
                    and not any(t.left_free for t in terms)):
                variants = [before + key for before in boundaries]
            else:
                variants = [key]
            keys.extend(variants)
            self.values.extend([value] * len(variants))
        self._auto = ahocorasick_rs.AhoCorasick(keys) if keys else None

    def __len__(self) -> int:
        return len(self.values)

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """(value index, start, end) of every occurrence of every key, overlaps included."""
        if self._auto is None:
            return []
        found: list[tuple[int, int, int]] = self._auto.find_matches_as_indexes(
            text, overlapping=True)
        return found


@dataclass(slots=True)
class EntityLexicon:
    lang: str
    automaton: Automaton  # every key but short acronyms, over " " + the folded text
    acronyms: Automaton  # short acronyms ("IT", "AG", "UN"), over the text itself
    origin_before: re.Pattern[str] | None  # "from", "uit", "из" right before a place
    destination_before: re.Pattern[str] | None  # "in", "naar", "в"
    origin_after_people: re.Pattern[str] | None  # "de" in "ouvriers de Corée"
    origin_after: re.Pattern[str] | None  # Korean "출신" after a place
    destination_after: re.Pattern[str] | None  # Korean "에서", "로" after a place
    particles: re.Pattern[str] | None  # Korean particles a name may carry
    national_suffixes: tuple[str, ...]  # Korean "인": the name of a country's people
    people_after_name: bool  # Korean "북한 노동자": a people noun after a name is origin
    demonym_side: str  # where a demonym stands from its noun: "before" or "after"
    list_gap: re.Pattern[str]  # what may join demonyms of one list ("Uzbek and Tajik")
    conjunctions: frozenset[str]  # "and", "or": no article may follow them inside a name
    connectors: frozenset[str]  # lower-case words inside organisation names
    naming: frozenset[str]  # connectors that make a head word's name ("für" in German)
    list_join: re.Pattern[str]  # between places of one list: "Georgien, Moldau und der"
    clause_break: re.Pattern[str]  # where a clause ends: ";", " — ", "but", "terwijl", "а"
    # (on the text as written: folding turns dashes into spaces)
    determiners: frozenset[str]  # articles ("the", "de", "der")
    trim: frozenset[str]  # words trimmed from the start of an organisation name
    single_head: bool  # "the Party", "de Partij": a capitalised head alone is a name
    bare_capitals: bool  # capitalised words next to a head belong to its name (not German)
    complement_words: int  # lower-case words after a head that complete it (Russian)
    complement: re.Pattern[str] | None  # what those words end with (genitive endings)
    caseless: bool  # a script without capitals (Korean): names are taken word by word


def _words(data: dict[str, Any], *path: str) -> list[str]:
    node: Any = data
    for step in path:
        node = node.get(step) if isinstance(node, dict) else None
        if node is None:
            return []
    if not isinstance(node, list):
        raise EntityDataError(f"entities data: '{'.'.join(path)}' must be a list")
    return [str(w) for w in node]


def _mapping(data: dict[str, Any], *path: str) -> dict[str, list[str]]:
    node: Any = data
    for step in path:
        node = node.get(step) if isinstance(node, dict) else None
        if node is None:
            return {}
    if not isinstance(node, dict):
        raise EntityDataError(f"entities data: '{'.'.join(path)}' must be a mapping")
    return {str(k): [str(w) for w in (v or [])] for k, v in node.items()}


def _word_pattern(word: str) -> str:
    """One word of a term as a pattern over the folded text: `word*` takes any ending."""
    return re.escape(fold(word.rstrip("*"))) + (r"\w*" if word.endswith("*") else "")


def _cue_pattern(terms: list[str]) -> str:
    """An alternation of cue words and phrases; `word*` takes any ending."""
    alts = []
    for term in sorted(set(terms), key=len, reverse=True):
        alts.append(r"\s+".join(_word_pattern(w) for w in term.split()))
    return "|".join(alts)


def _before(terms: list[str], determiners: list[str]) -> re.Pattern[str] | None:
    """Cue words right before a place, maybe with articles between: "from (the)"."""
    if not terms:
        return None
    dets = _cue_pattern(determiners)
    det = rf"(?:\s*(?:{dets})(?!\w))*" if dets else ""
    return re.compile(rf"(?:^|[^\w'-])(?P<cue>{_cue_pattern(terms)}){det}\s*$")


def _after(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    return re.compile(rf"\s*(?:{_cue_pattern(terms)})")


class _Builder:
    def __init__(self, lang: str, particles: bool) -> None:
        self.lang = lang
        self.particles = particles  # (Korean) every noun may go on with particles
        self.table: dict[str, list[Term]] = {}
        self.acronyms: dict[str, list[Term]] = {}

    def add(self, kind: str, key: str, term: str, *, country: str | None = None,
            capital: bool = False, ambiguous: bool = False, name: bool = False) -> None:
        term = " ".join(term.split())
        left_free = term.startswith("*")
        tail: re.Pattern[str] | None = None
        words = term.lstrip("*").split(" ")
        if any(w.endswith("*") for w in words[:-1]):
            # A star inside a phrase: the automaton holds the first word (without its
            # ending), a small pattern checks the rest.
            rest = [_word_pattern(w) for w in words[1:]]
            first = words[0]
            tail = re.compile((r"\w*" if first.endswith("*") else "") + "".join(
                r"\s+" + r for r in rest) + ("" if words[-1].endswith("*") else r"(?!\w)"))
            term = ("*" if left_free else "") + first.rstrip("*")
        right_free = term.endswith("*") and tail is None
        bare = term.strip("*")
        if not bare:
            return
        # Acronyms ("DPRK", "КНДР", "LLC") match with their capitals; other words with
        # capitals are exact only outside place names (which follow `capitalised`).
        acronym = _is_acronym(bare)
        has_caps = any(c.isupper() for c in bare)
        cased = fold(bare, lower=False) if has_caps and (not name or acronym) else None
        low = fold(bare)
        particles = self.particles
        capital = capital and cased is None
        simple = (not left_free and tail is None and cased is None
                  and not (particles and (right_free or self.particles)))
        group = GROUPS[kind]
        item = Term(kind, key, country, len(low), left_free, right_free, particles, cased,
                    capital, ambiguous, tail, group, simple, low[0].isalnum(),
                    low[-1].isalnum())
        if cased is not None and len(bare) <= 3 and bare.isalnum() and not left_free:
            # found in the text as written: lower-cased, "it" and "ag" are inside every
            # other word
            bucket = self.acronyms.setdefault(cased, [])
        else:
            bucket = self.table.setdefault(low, [])
        if item not in bucket:
            bucket.append(item)

    def automata(self) -> tuple[Automaton, Automaton]:
        return Automaton(self.table, _BEFORE_WORD), Automaton(self.acronyms, ())


def _is_acronym(word: str) -> bool:
    """"DPRK", "КНДР", "B.V.": two letters or more, all capitals."""
    return word.isupper() and sum(c.isalpha() for c in word) >= 2


class _Inflector:
    """Inflected forms of a name from the language's `inflection` rules. A rule names the
    endings it applies to and, case by case, the endings that replace them ("Россия" ->
    "России", "России", "Россию", "Россией", "России"); with `keep` they are added instead.
    The words of a name take the same case together ("Северной Кореи")."""

    def __init__(self, rules: list[dict[str, Any]], scope: str) -> None:
        # (endings the rule applies to, whether they stay, per case the possible endings)
        self.rules: list[tuple[tuple[str, ...], bool, tuple[tuple[str, ...], ...]]] = []
        for rule in rules:
            endings = rule.get("ending")
            ends = tuple(str(e) for e in (endings if isinstance(endings, list) else [endings]))
            cases = tuple(tuple(str(x) for x in (f if isinstance(f, list) else [f]))
                          for f in rule.get("forms") or [])
            self.rules.append((tuple(sorted(ends, key=len, reverse=True)),
                               bool(rule.get("keep", False)), cases))
        self.scope = scope  # "all" words of a name, or only its "last"

    def forms(self, name: str) -> list[str]:
        if not self.rules or _is_acronym(name):
            return [name]
        words = name.split(" ")
        per_word = [self._word_cases(w) if self.scope == "all" or i == len(words) - 1 else []
                    for i, w in enumerate(words)]
        out = [name]
        for case in range(max(len(c) for c in per_word)):
            options = [c[case] if case < len(c) else (w,) for w, c in zip(words, per_word,
                                                                           strict=True)]
            out.extend(" ".join(combo) for combo in itertools.islice(
                itertools.product(*options), _MAX_FORMS))
        return list(dict.fromkeys(out))

    def _word_cases(self, word: str) -> list[tuple[str, ...]]:
        if _is_acronym(word) or len(word) < 3:
            return []
        low = word.lower()
        for ends, keep, cases in self.rules:
            if not low.endswith(ends):
                continue
            for end in ends:
                if low.endswith(end):
                    stem = word if keep else word[: len(word) - len(end)]
                    return [tuple(stem + e for e in endings) for endings in cases]
        return []


@cache
def load_entity_lexicon(lang: str) -> EntityLexicon | None:
    """The compiled entity lexicon of `lang`, or None when the language has no entities.yaml."""
    data = lang_data(lang)
    if data is None:
        return None
    particles = bool(_words(data, "particles"))
    b = _Builder(lang, particles)
    caps = set(_words(data, "capitalised"))
    ambiguous = {w.casefold() for w in _words(data, "ambiguous")} | {
        c.casefold() for c in ambiguous_cities()}
    inflect = _Inflector(data.get("inflection") or [], str(data.get("inflect_words", "all")))

    def add_name(kind: str, key: str, name: str, country: str) -> None:
        amb = name.casefold() in ambiguous
        for form in inflect.forms(name):
            b.add(kind, key, form, country=country, capital="names" in caps, ambiguous=amb,
                  name=True)

    for code, names in country_names(lang).items():
        for name in names:
            add_name("country", code, name, code)
    for city in cities():
        for name in city.names:
            add_name("city", city.name, name, city.country)
    for kind, section in (("demonym", "demonyms"), ("national", "nationals")):
        for code, terms in _mapping(data, section).items():
            for term in terms:
                b.add(kind, code, term, country=code, capital=section in caps)
                if kind == "demonym" and data.get("capitalised_demonyms_are_nationals"):
                    # French "les Nord-Coréens" (noun) beside "nord-coréens" (adjective)
                    b.add("national", code, term, country=code, capital=True)

    orgs = load_data("organisations.yaml")
    for kind, section in (("org_after", "after"), ("org_before", "before")):
        for term in _words(orgs, "legal_forms", section) + _words(data, "organisations",
                                                                    "legal_forms", section):
            b.add(kind, kind, term)
    for kind, section in (("org_name_state", "state_body"), ("org_name_other", "other")):
        for term in _words(orgs, "names", section) + _words(data, "organisations", "names",
                                                              section):
            b.add(kind, kind, term)
    for kind, section in (("org_head_state", "state"), ("org_head_other", "other")):
        for term in _words(data, "organisations", "heads", section):
            b.add(kind, kind, term)

    known = sector_table()
    for kind, section in (("sector", "sectors"), ("sector_hint", "sector_hints")):
        for sector, terms in _mapping(data, section).items():
            if sector not in known:
                raise EntityDataError(f"unfree/lang/{lang}/entities.yaml: sector '{sector}' "
                                      "is not in unfree/data/sectors.yaml")
            for term in terms:
                b.add(kind, sector, term)
    for kind in CUE_KINDS:
        for term in _words(data, kind) + (_words(data, "organisations", "employ")
                                          if kind == "employ" else []):
            b.add(kind, kind, term)

    dets = _words(data, "determiners")
    cue_words = [w for role in ("origin", "destination") for part in ("before", "after_people")
                 for w in _words(data, "roles", role, part)]
    org = data.get("organisations") or {}
    endings = [str(e) for e in (org.get("complement") or {}).get("endings") or []]
    list_words = _cue_pattern(_words(data, "list_words"))
    suffixes = _words(data, "national_suffixes")
    automaton, acronyms = b.automata()
    return EntityLexicon(
        lang=lang,
        automaton=automaton,
        acronyms=acronyms,
        origin_before=_before(_words(data, "roles", "origin", "before"), dets),
        destination_before=_before(_words(data, "roles", "destination", "before"), dets),
        origin_after_people=_before(_words(data, "roles", "origin", "after_people"), dets),
        origin_after=_after(_words(data, "roles", "origin", "after")),
        destination_after=_after(_words(data, "roles", "destination", "after")),
        particles=re.compile(f"(?:{_cue_pattern(_words(data, 'particles') + suffixes)})*")
        if particles else None,
        national_suffixes=tuple(fold(s) for s in suffixes),
        people_after_name=bool(data.get("people_after_name", False)),
        demonym_side=str(data.get("demonym_side", "before")),
        list_gap=re.compile(rf"\s*(?:,|,?\s*(?:{list_words})(?!\w))\s*" if list_words
                            else r"\s*,\s*"),
        conjunctions=frozenset(fold(w) for w in _words(data, "list_words")),
        connectors=frozenset(fold(w) for w in _words(data, "organisations", "connectors")),
        naming=frozenset(fold(w) for w in _words(data, "organisations", "naming_connectors")),
        clause_break=re.compile(r"[;:](?=\s)|\s[—–-]\s" + (
            rf"|(?<!\w)(?:{_cue_pattern(_words(data, 'clause_words'))})(?!\w)"
            if _words(data, "clause_words") else ""), re.IGNORECASE),
        list_join=re.compile(rf"\s*(?:,|,?\s*(?:{list_words})(?!\w))\s*"
                             + (rf"(?:(?:{_cue_pattern(dets)})\s+)?" if dets else "")
                             if list_words else r"\s*,\s*"),
        determiners=frozenset(fold(w) for w in dets),
        trim=frozenset(fold(w) for phrase in [*dets, *cue_words, *_words(
            data, "organisations", "connectors"), *_words(data, "organisations", "trim")]
            for w in phrase.split() if "*" not in w),
        single_head=bool(org.get("single_head", True)),
        bare_capitals=bool(org.get("bare_capitals", True)),
        complement_words=int((org.get("complement") or {}).get("words", 0)),
        complement=re.compile(rf"(?:{'|'.join(map(re.escape, endings))})$") if endings else None,
        caseless=bool(data.get("caseless", False)),
    )
