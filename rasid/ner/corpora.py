"""Readers for the labelled and unlabelled corpora in ../shared/nlp, mapped to PERS/LOC/ORG/MISC BIO tags.

Every reader returns a list of `Sentence` (words and tags). None of this text is ever written into
the repository; `rasid data build` reads it at set-up time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rasid.stages.normalize import normalize_for_matching

TYPES = ("PERS", "LOC", "ORG", "MISC")
_TAG = re.compile(r"^(?:O|[BI]-[A-Za-z_-]+)$")

# NewsFANE Gold's fine classes (Alotaibi & Lee 2014) to ANERcorp's four; unlisted classes become O.
# NewsFANE re-annotates ANERcorp's text; the mapping follows what ANERcorp's tags say for the same
# spans: Group (nationalities, peoples), Government (mostly generic bodies: "المجلس التشريعي") and
# Subarea-Facility are mostly untagged there.
NEWSFANE_MAP = {
    **dict.fromkeys(("Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
                     "Businessperson", "Lawyer", "Engineer", "Police"), "PERS"),
    **dict.fromkeys(("Nation", "Population-Center", "State-or-Province", "GPE-Cluster", "Continent",
                     "County-or-District", "Water-Body", "Land-Region-Natural", "Celestial"), "LOC"),
    **dict.fromkeys(("Non-Governmental", "Sports", "Media", "Commercial", "Educational",
                     "Religious_ORG", "Entertainment", "Medical-Science"), "ORG"),
    **dict.fromkeys(("Building-Grounds", "Book", "Movie", "Software", "Hardware", "Airport", "Path",
                     "Land", "Air", "Water", "Projectile", "Shooting", "Food", "Drug"), "MISC"),
}
# Wojood's 21 types to ANERcorp's four (NORP, OCC, dates and numbers are O in ANERcorp)
WOJOOD_MAP = {"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "MISC",
              "EVENT": "MISC", "CURR": "MISC", "PRODUCT": "MISC"}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a corpus: whitespace words and their BIO tags (tags empty when unlabelled)."""

    words: tuple[str, ...]
    tags: tuple[str, ...] = ()


def read_conll(path: Path | str) -> list[Sentence]:
    """A CoNLL file, `word TAG` per line, blank line between sentences (the ANERcorp split files)."""
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        parts = line.split()
        if len(parts) < 2:
            if words:
                out.append(Sentence(tuple(words), tuple(tags)))
                words, tags = [], []
            continue
        words.append(parts[0])
        tags.append(_fix_tag(parts[-1]))
    if words:
        out.append(Sentence(tuple(words), tuple(tags)))
    return [_repair_bio(s) for s in out]


def _fix_tag(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    bi, _, typ = tag.partition("-")
    typ = {"PER": "PERS", "LOCATION": "LOC", "ORGANIZATION": "ORG"}.get(typ, typ)
    return f"{bi}-{typ}" if bi in ("B", "I") and typ in TYPES else "O"


def _repair_bio(s: Sentence) -> Sentence:
    """Turn an I- that follows O or another type into B- (as conlleval reads it)."""
    tags = list(s.tags)
    prev = "O"
    for i, t in enumerate(tags):
        if t.startswith("I-") and prev[2:] != t[2:]:
            tags[i] = "B-" + t[2:]
        prev = tags[i]
    return Sentence(s.words, tuple(tags))


def read_newsfane(path: Path | str) -> list[Sentence]:
    """NewsFANE Gold (`token<TAB>B-Fine`, CRLF, U+200E marks), fine classes mapped to the four types.

    NewsFANE splits the conjunction و/ف and pronoun suffixes off as tokens; they are joined back
    so its words look like ANERcorp's whitespace words.
    """
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    text = Path(path).read_text(encoding="utf-8-sig").replace("\ufeff", "").replace("\u200e", "")
    for line in text.splitlines() + [""]:
        word, _, tag = line.strip("\r").partition("\t")
        word = word.strip()
        if not word:
            if words:
                out.append(_rejoin_clitics(Sentence(tuple(words), tuple(tags))))
                words, tags = [], []
            continue
        bi, _, fine = tag.strip().partition("-")
        coarse = NEWSFANE_MAP.get(fine)
        words.append(word)
        tags.append(f"{bi}-{coarse}" if coarse and bi in ("B", "I") else "O")
    return [_repair_bio(s) for s in out]


_CONJ_TOKENS = {"و", "ف"}
_PREP_TOKENS = {"ب", "ل", "ك"}
_SUFFIX_TOKENS = {"ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "نا", "ي", "ني"}


def _rejoin_clitics(s: Sentence) -> Sentence:
    """و/ف, then ب/ل/ك, joined to the word they precede (ل + ال… gives لل…), pronoun suffixes to the one before."""
    words: list[str] = []
    tags: list[str] = []
    i = 0
    n = len(s.words)
    while i < n:
        prefix, ptag = "", "O"
        while i + 1 < n and s.words[i + 1][:1].isalpha() and (
                (s.words[i] in _CONJ_TOKENS and not prefix) or
                (s.words[i] in _PREP_TOKENS and prefix in ("", "و", "ف"))):
            prefix += s.words[i]
            if ptag == "O":
                ptag = s.tags[i]
            i += 1
        w, t = s.words[i], s.tags[i]
        if prefix:
            if prefix[-1] == "ل" and w.startswith("ال") and len(w) > 2:
                w = w[1:]
            words.append(prefix + w)
            tags.append(t if ptag == "O" else ptag)
            i += 1
            continue
        if w in _SUFFIX_TOKENS and words and words[-1][-1:].isalpha() and t == "O":
            if words[-1].endswith("ة"):
                words[-1] = words[-1][:-1] + "ت"
            words[-1] += w
            i += 1
            continue
        words.append(w)
        tags.append(t)
        i += 1
    return Sentence(tuple(words), tuple(tags))


def align_to(sentences: list[Sentence], reference: list[Sentence], k: int = 20) -> list[int | None]:
    """For each sentence, the index of the reference sentence it shares most k-letter shingles with (None: none).

    NewsFANE Gold re-annotates ANERcorp: this finds the ANERcorp sentence each NewsFANE one retells.
    """
    owner: dict[str, int] = {}
    for j, r in enumerate(reference):
        key = letters_key(r.words)
        for i in range(len(key) - k + 1):
            owner.setdefault(key[i:i + k], j)
    out: list[int | None] = []
    for s in sentences:
        key = letters_key(s.words)
        votes: dict[int, int] = {}
        for i in range(len(key) - k + 1):
            j = owner.get(key[i:i + k])
            if j is not None:
                votes[j] = votes.get(j, 0) + 1
        out.append(max(votes, key=lambda j: (votes[j], -j)) if votes else None)
    return out


def read_wojood(path: Path | str) -> list[Sentence]:
    """The Wojood sample (`token TAG [TAG…]`, `$#$` ends a sentence), nested layers flattened."""
    out: list[Sentence] = []
    rows: list[tuple[str, list[str]]] = []

    def flush() -> None:
        if rows:
            out.append(_flatten_nested(rows))
            rows.clear()

    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        parts = line.split()
        if not parts:
            flush()
            continue
        if parts[0] == "$#$":
            flush()
            continue
        tags = [t for t in parts[1:] if _TAG.match(t)]
        if len(tags) != len(parts) - 1 or not tags:
            continue
        rows.append((parts[0], tags))
    flush()
    return out


def _flatten_nested(rows: list[tuple[str, list[str]]]) -> Sentence:
    """Spans of every nesting layer; keep mapped types, the outermost first where they overlap."""
    spans: list[tuple[int, int, str]] = []
    open_: dict[str, int] = {}
    for i, (_, tags) in enumerate(rows + [("", ["O"])]):
        present = {t[2:]: t[0] for t in tags if t != "O"}
        for typ in list(open_):
            if present.get(typ) != "I":
                spans.append((open_.pop(typ), i, typ))
        for typ, bi in present.items():
            if bi == "B" or typ not in open_:
                if typ in open_:
                    spans.append((open_.pop(typ), i, typ))
                open_[typ] = i
    mapped = sorted(((s, e, WOJOOD_MAP[t]) for s, e, t in spans if t in WOJOOD_MAP),
                    key=lambda x: (x[0], -(x[1] - x[0])))
    tags = ["O"] * len(rows)
    for s, e, t in mapped:
        if all(x == "O" for x in tags[s:e]):
            tags[s:e] = [f"B-{t}"] + [f"I-{t}"] * (e - s - 1)
    return Sentence(tuple(w for w, _ in rows), tuple(tags))


_WORD = re.compile(r"[^\W_]+(?:[.,][0-9]+)*|[^\w\s]", re.UNICODE)


def read_pud_text(path: Path | str) -> list[Sentence]:
    """UD Arabic-PUD's `# text =` lines, split into whitespace words and punctuation (unlabelled)."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            out.append(Sentence(tuple(_WORD.findall(line[9:]))))
    return out


def letters_key(words: tuple[str, ...] | list[str]) -> str:
    """The Arabic letters of a word sequence, normalised and without spaces (for finding overlaps)."""
    return re.sub(r"[^\u0621-\u064a]", "", normalize_for_matching("".join(words)))


def drop_overlapping(sentences: list[Sentence], held_out: list[Sentence], k: int = 20,
                     threshold: float = 0.2) -> tuple[list[Sentence], int]:
    """Sentences that share under `threshold` of their k-letter shingles with `held_out`, and how many went.

    NewsFANE Gold re-annotates ANERcorp, test sentences included, under another tokenisation, so
    exact matching misses them; letter shingles find them.
    """
    shingles: set[str] = set()
    short: set[str] = set()
    for s in held_out:
        key = letters_key(s.words)
        shingles.update(key[i:i + k] for i in range(len(key) - k + 1))
        short.add(key)
    kept = []
    for s in sentences:
        key = letters_key(s.words)
        grams = {key[i:i + k] for i in range(len(key) - k + 1)}
        if grams and len(grams & shingles) / len(grams) >= threshold or not grams and key in short:
            continue
        kept.append(s)
    return kept, len(sentences) - len(kept)


def iob_spans(tags: tuple[str, ...] | list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of each entity in a BIO sequence, read as conlleval reads it."""
    spans = []
    start, typ = None, None
    for i, t in enumerate(list(tags) + ["O"]):
        bi, _, ty = t.partition("-")
        if typ is not None and (bi != "I" or ty != typ):
            spans.append((start, i, typ))
            start, typ = None, None
        if bi == "B" or (bi == "I" and typ is None):
            start, typ = i, ty
    return spans


def to_bilou(tags: tuple[str, ...] | list[str]) -> list[str]:
    """BIO tags to BILOU (Last and Unit-length marked), which CRFs often learn boundaries from better."""
    out = ["O"] * len(tags)
    for start, end, typ in iob_spans(tags):
        if end - start == 1:
            out[start] = f"U-{typ}"
        else:
            out[start] = f"B-{typ}"
            out[start + 1:end - 1] = [f"I-{typ}"] * (end - start - 2)
            out[end - 1] = f"L-{typ}"
    return out


def from_bilou(tags: list[str]) -> list[str]:
    """BILOU tags back to BIO."""
    out = []
    for t in tags:
        bi, _, typ = t.partition("-")
        out.append("O" if bi == "O" else ("B-" if bi in ("B", "U") else "I-") + typ)
    return out
