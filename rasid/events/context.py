"""What the event coder knows about a document, indexed once: tokens, clauses, mentions and cues by position."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

from rasid.events.lexicon import cue_matcher
from rasid.kb.lexicon import load_tsv
from rasid.kb.matcher import name_key
from rasid.model import Document, Mention

PREPOSITIONS = frozenset({"علي", "مع", "ضد", "في", "من", "الي", "عن", "نحو", "باتجاه", "داخل", "قرب", "بين", "لدي",
                          "حول", "عبر", "تجاه", "ضمن", "لصالح"})
CLAUSE_WORDS = frozenset({"ثم", "بعد", "اثر", "اثناء", "بينما", "فيما", "وسط", "بالتزامن", "حيث", "كما", "لكن",
                          "الا", "ما", "عقب", "قبل", "عندما", "حينما", "بعدما"})
# "بعد منتصف الليل", "قبل ساعات": a time adverbial inside the clause, not a new clause
TIME_NOUNS = frozenset({"منتصف", "ظهر", "عصر", "مساء", "صباح", "فجر", "ساعات", "ساعه", "ساعتين", "يوم", "ايام",
                        "يومين", "اسبوع", "اسابيع", "اسبوعين", "شهر", "اشهر", "شهرين", "سنه", "سنوات", "عام",
                        "اعوام", "دقايق", "لحظات"})
TIME_PREPOSITIONS = frozenset({"بعد", "قبل", "عقب"})
PUNCT_BOUNDARY = frozenset({"،", ",", "؛", ";", ":", "(", ")", "-", "–"})


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    start: int  # original offsets
    end: int
    token: int  # index of its first token


@dataclass
class DocIndex:
    """Positions of everything the coder looks at, built once per document."""

    doc: Document
    token_starts: list[int]
    mentions: list[Mention]
    cues: list[Cue]
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)
    cues_by_sentence: dict[int, list[Cue]] = field(default_factory=dict)
    frames: dict | None = field(default=None, repr=False)  # the reporting frames, found once (events.frames)
    clauses: dict[int, tuple[int, int]] = field(default_factory=dict, repr=False)  # clause_bounds, by token
    token_by_start: dict[int, int] = field(default_factory=dict, repr=False)

    def token_at(self, offset: int) -> int:
        """Index of the token containing (or starting right after) an original offset."""
        i = self.token_by_start.get(offset)
        if i is not None:  # most offsets asked about are where a token, a mention or a trigger starts
            return i
        i = bisect.bisect_right(self.token_starts, offset) - 1
        return i if i > 0 else 0

    def sentence_of(self, offset: int) -> int:
        return self.doc.tokens[self.token_at(offset)].sentence if self.doc.tokens else 0

    def sentence_mentions(self, sentence: int, *types: str) -> list[Mention]:
        return [m for m in self.by_sentence.get(sentence, ()) if not types or m.type in types]

    def sentence_cues(self, sentence: int, kind: str | None = None) -> list[Cue] | tuple:
        """The cues of a sentence (of one kind); the index's own list when all kinds are asked for."""
        found = self.cues_by_sentence.get(sentence, ())
        return found if kind is None else [c for c in found if c.kind == kind]

    def word_before(self, offset: int) -> str:
        """The normalised word before the token at `offset` (its own clitics count: بـ، لـ)."""
        i = self.token_at(offset)
        tok = self.doc.tokens[i]
        if tok.start < offset <= tok.end:  # the name starts inside a word: its clitics ("لعنب بلدي")
            return name_key(self.doc.text[tok.start:offset])
        j = i - 1
        while j >= 0 and not self.doc.tokens[j].is_word and self.doc.tokens[j].norm == '"':
            j -= 1
        return self.doc.tokens[j].norm if j >= 0 else ""

    def clause_bounds(self, token: int) -> tuple[int, int]:
        """Token range [first, last) of the clause around a token: between commas and clause words."""
        found = self.clauses.get(token)
        if found is None:
            found = self.clauses[token] = self._clause_bounds(token)
        return found

    def _clause_bounds(self, token: int) -> tuple[int, int]:
        tokens = self.doc.tokens
        sent = tokens[token].sentence
        first = token
        while first > 0 and tokens[first - 1].sentence == sent and not _boundary(tokens[first - 1].norm) \
                and not self._opens_clause(first):
            first -= 1
        last = token + 1
        while last < len(tokens) and tokens[last].sentence == sent and not _boundary(tokens[last].norm) \
                and not self._opens_clause(last):
            last += 1
        return first, last

    def _opens_clause(self, i: int) -> bool:
        tokens = self.doc.tokens
        if tokens[i].norm not in CLAUSE_WORDS:
            return False
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        return not (tokens[i].norm in TIME_PREPOSITIONS and nxt is not None and nxt.stem in TIME_NOUNS)


@lru_cache(maxsize=1)
def _coref_heads() -> frozenset[str]:
    return frozenset(name_key(r[0]) for r in load_tsv("coref_heads.tsv"))


@lru_cache(maxsize=1)
def _coref_stems() -> frozenset[str]:
    """The heads without their article: "مركز" of "المركز"."""
    return frozenset(h[2:] for h in _coref_heads() if h.startswith("ال"))


def back_references(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """"المركز" after "مركز المصالحة": index-only ACTOR mentions that stand for the group named before.

    They are not output as mentions; an event argument that uses one points at the antecedent.
    """
    heads, stems = _coref_heads(), _coref_stems()
    actors = [m for m in mentions if m.type == "ACTOR" and m.ref]
    if not actors:
        return []
    out = []
    for t in doc.tokens:
        if t.norm in heads:
            key = t.norm
        elif t.stem in stems and t.prefix.endswith("ال"):
            key = "ال" + t.stem
        else:
            continue
        if any(m.start <= t.start < m.end for m in mentions):
            continue
        head = key[2:]
        antecedent = next((m for m in reversed(actors) if m.end <= t.start and head in name_key(m.text).split(" ")),
                          None)
        if antecedent is not None:
            s = t.stem_start
            out.append(Mention("", "ACTOR", doc.text[s:t.end], s, t.end, antecedent.ref, "coref",
                               dict(antecedent.attrs, antecedent=antecedent)))
    return out


def _boundary(norm: str) -> bool:
    return norm in PUNCT_BOUNDARY


_last_index: list = [None, None, None]  # (tokens, mentions, index) of the last document indexed


def build_index(doc: Document) -> DocIndex:
    """The index of a document; the events and attribution stages share it while nothing changed."""
    if _last_index[0] is doc.tokens and _last_index[1] is doc.mentions and _last_index[2].doc.text is doc.text:
        return _last_index[2]
    idx = _build_index(doc)
    _last_index[:] = [doc.tokens, doc.mentions, idx]
    return idx


def _build_index(doc: Document) -> DocIndex:
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    mentions = sorted((m for m in doc.mentions if m.type in ("ACTOR", "OUTLET", "PERSON", "PLACE", "DATE", "NUMBER")),
                      key=lambda m: m.start)
    idx = DocIndex(doc, starts, mentions, [], token_by_start={s: i for i, s in enumerate(starts)})
    for m in mentions + back_references(doc, mentions):
        idx.by_sentence.setdefault(idx.sentence_of(m.start), []).append(m)
    for group in idx.by_sentence.values():
        group.sort(key=lambda m: m.start)
    norm = doc.norm
    for hit in cue_matcher().find(norm.text):
        s, e = norm.span_to_original(hit.start, hit.end)
        cue = Cue(hit.value, s, e, idx.token_at(s))
        idx.cues.append(cue)
        idx.cues_by_sentence.setdefault(tokens[cue.token].sentence if tokens else 0, []).append(cue)
    return idx
