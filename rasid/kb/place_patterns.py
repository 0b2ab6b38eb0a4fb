"""Place mentions beyond the gazetteer: unknown names after strong cues, and region phrases.

    بلدة X، قرية X، حي X، محور X        -> X (the cue is not part of the name)
    مستشفى X، معبر X، مطار X، مخيم X   -> the cue and X (a named site)
    ريف حلب الجنوبي، جنوبي إدلب، حلب الشرقية، الريف الشمالي لمحافظة حلب   -> one region mention
    جنوب البلاد، شمال القطاع، القطاع     -> the article's country or strip (resolved by geocode)
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import compress

from rasid.kb.gazetteer import Gazetteer
from rasid.kb.places import _COUNTRYSIDE, DIRECTION_ADJ, PlaceHit, _Scan, cue_of

# first words of compound names: the next word belongs to the name (عين ترما، خان الشيح، أبو حمام)
NAME_HEADS = {"عين", "كفر", "بيت", "خان", "دير", "تل", "تلة", "ابو", "ام", "بني", "باب", "جسر", "راس",
              "بير", "بئر", "مرج", "جب", "خربه", "سهل", "جبل", "وادي", "قصر", "برج", "معره", "حزب", "الشيخ",
              "مزرعه", "نهر", "شيخ", "عرب", "بنات", "مار", "سيدي", "بلوك", "مشروع", "كمال", "عبد"}
_DIR_WORDS = {"شمال": "north", "جنوب": "south", "شرق": "east", "غرب": "west", "شمالي": "north",
              "جنوبي": "south", "شرقي": "east", "غربي": "west", "وسط": "centre"}
_DEFINITE = "ال"
_DEFINITE_SITES = {"المستشفي", "المشفي"}  # normalised (ى -> ي)
_GENERIC_SITE_ADJ = {"الميداني", "العسكري", "الرئيسي", "الحكومي", "الخاص", "العام", "الوحيد", "المركزي",
                     "الجامعي", "التخصصي", "الميدانيه", "المدني", "الاخر", "القريب", "المذكور", "نفسه"}
_AREA_NAMERS = {"منطقه", "مناطق", "موقع"}
_STREETS = {"شارع", "دوار", "مفترق", "مفرق", "ساحه", "جسر", "طريق"}
_ANAPHOR_WORDS = re.compile("البلاد|القطاع")


def _same_sentence(scan: _Scan, i: int, j: int) -> bool:
    toks = scan.toks
    return 0 <= i < len(toks) and 0 <= j < len(toks) and toks[i].sentence == toks[j].sentence


def _bare(tok) -> str:
    """A compass or countryside word without its leading conjunction or preposition (بريف -> ريف)."""
    return _bare_word(tok.norm)


@lru_cache(maxsize=65536)
def _bare_word(w: str) -> str:
    for c in ("وب", "فب", "ول", "فل", "و", "ف", "ب", "ل"):
        if w.startswith(c) and len(w) - len(c) >= 3 and (w[len(c):] in _DIR_WORDS or w[len(c):] in _COUNTRYSIDE):
            return w[len(c):]
    return w


def name_like(tok, gaz: Gazetteer, allow_common_definite: bool = True, conj_ok: bool = False) -> bool:
    """Could this token be (the start of) a place name?"""
    w = tok.norm
    if not w[:1].isalpha() or not ("\u0621" <= w[0] <= "\u064a") or len(w) < 3:
        return False
    if cue_of(tok) is not None or w in _DIR_WORDS or w in DIRECTION_ADJ:
        return False
    if w.startswith(_DEFINITE):
        return w not in gaz.very_common and (allow_common_definite or w not in gaz.common)
    if w in gaz.common or (w.startswith("م") and w.endswith("ه") and w not in NAME_HEADS) or \
            (w.startswith("و") and not conj_ok):
        return False  # محاصرة، مدمرة: participles describe; وحركوا: a verb after و
    return not w.endswith(("يه", "يين", "يون")) and not (w.endswith("ي") and w not in NAME_HEADS)


def _named_site(tok, gaz: Gazetteer) -> bool:
    """`الوطني` in `المشفى الوطني`: a definite nisba adjective that names, not describes."""
    w = tok.norm
    return w.startswith(_DEFINITE) and w.endswith("ي") and len(w) > 5 and w not in _GENERIC_SITE_ADJ \
        and w not in DIRECTION_ADJ


def _extend(scan: _Scan, gaz: Gazetteer, x1: int, taken: list[bool]) -> int:
    """Index after the unknown name that starts at token x1 (one or two tokens)."""
    x2 = x1 + 1
    if not _same_sentence(scan, x1, x2) or taken[x2]:
        return x2
    t1, t2 = scan.toks[x1].norm, scan.toks[x2]
    if not t2.norm[:1].isalpha() or t2.norm in DIRECTION_ADJ or cue_of(t2) is not None:
        return x2
    if t1 in NAME_HEADS and (t2.norm not in gaz.common or t2.norm.startswith(_DEFINITE)):
        return x2 + 1
    if not t1.startswith(_DEFINITE) and t2.norm.startswith(_DEFINITE) and name_like(t2, gaz, False):
        return x2 + 1  # idafa: خان الشيح، عين الحلوة
    if t1.startswith(_DEFINITE) and t2.norm.startswith(_DEFINITE) and t2.norm.endswith(("ي", "يه")) \
            and t2.norm not in gaz.very_common:
        return x2 + 1  # name + adjective: الصداقة التركي
    return x2


def add_patterns(scan: _Scan, gaz: Gazetteer, hits: list[PlaceHit], taken: list[bool]) -> list[PlaceHit]:
    """Named sites around known names, unknown names after strong cues, and lists of them."""
    from rasid.kb.places import _hit

    toks = scan.toks
    out: list[PlaceHit] = []
    for h in hits:  # مستشفى/معبر/مخيم + a known name: the site, named with its cue
        c = h.first - 1
        cue = scan.cues[c] if _same_sentence(scan, c, h.first) else None
        if cue and cue[0] == "facility" and not cue[2].startswith(_DEFINITE) and not taken[c] \
                and h.start == toks[h.first].start and h.kind == "gazetteer":
            off = len(toks[c].norm) - len(cue[2])
            out.append(_hit(scan, c, h.last, off, h.key, "gazetteer", (cue[0], None), "site"))
            taken[c] = True
        else:
            out.append(h)
    for c in compress(range(len(toks)), scan.cues):  # the tokens that are cues
        cue = scan.cues[c]
        if cue[0] not in ("settlement", "facility", "front", "area"):
            continue
        tok = toks[c]
        x1 = c + 1
        if not _same_sentence(scan, c, x1) or taken[c] or taken[x1]:
            continue
        if cue[2].startswith(_DEFINITE):
            if cue[2] in _DEFINITE_SITES and _named_site(toks[x1], gaz):  # المشفى الوطني
                out.append(_hit(scan, c, x1 + 1, len(tok.norm) - len(cue[2]), None, "pattern", ("facility", None),
                                "site"))
                taken[c] = taken[x1] = True
            continue
        x = toks[x1].norm
        if cue[0] == "area" and not (cue[2] in _AREA_NAMERS and (x in NAME_HEADS or (
                x.startswith(_DEFINITE) and x not in gaz.common))):
            continue
        if not (name_like(toks[x1], gaz) or (cue[2] in _STREETS and x.startswith(_DEFINITE)
                                             and x not in gaz.stopwords and len(x) > 4)):
            continue
        x_end = _extend(scan, gaz, x1, taken)
        if cue[0] == "facility":
            first, off, rel = c, len(tok.norm) - len(cue[2]), "site"
        else:
            first, off, rel = x1, 0, cue[1] if cue[0] != "area" else None
        out.append(_hit(scan, first, x_end, off, None, "pattern", (cue[0], None), rel))
        for k in range(c if cue[0] == "facility" else x1, x_end):
            taken[k] = True
    out.sort(key=lambda h: h.first)
    return _lists(scan, gaz, out, taken)


def _lists(scan: _Scan, gaz: Gazetteer, hits: list[PlaceHit], taken: list[bool]) -> list[PlaceHit]:
    """Unknown one-word names listed after a strongly cued place: بلدات حمورية وسقبا وافتيريس."""
    from rasid.kb.places import _hit

    toks = scan.toks
    out = list(hits)
    heads = {h.first: h for h in hits}
    for h in hits:
        if h.kind == "region" or not h.plural_cue:
            continue
        k = h.last
        while _same_sentence(scan, h.first, k) and k < len(toks):
            if k in heads or (k + 1 in heads and toks[k].norm in ("،", ",")):  # a known item: go past it
                k = heads[k if k in heads else k + 1].last
                continue
            nxt, off = k, 0
            if toks[k].norm in ("،", ","):
                nxt = k + 1
            if nxt < len(toks) and toks[nxt].norm.startswith("و") and \
                    (len(toks[nxt].norm) > 3 or toks[nxt].norm[1:] in NAME_HEADS):
                off = 1
            elif nxt == k:
                break
            if not _same_sentence(scan, h.first, nxt) or taken[nxt]:
                break
            t = toks[nxt]
            stem_tok = type(t)(t.start, t.end, t.text, t.norm[off:], "", t.norm[off:], t.start, t.sentence)
            end = nxt + 1
            if stem_tok.norm in NAME_HEADS and _same_sentence(scan, nxt, end) and not taken[end] \
                    and name_like(toks[end], gaz, conj_ok=True):
                end += 1  # وتل واسط
            elif not name_like(stem_tok, gaz):
                break
            out.append(_hit(scan, nxt, end, off, None, "pattern", ("list", None), h.relation))
            taken[nxt:end] = [True] * (end - nxt)
            k = end
    return sorted(out, key=lambda h: h.first)


def add_regions(scan: _Scan, gaz: Gazetteer, hits: list[PlaceHit]) -> list[PlaceHit]:
    """Wrap hits into region phrases: countryside, compass directions, and `البلاد`/`القطاع`."""
    from rasid.kb.places import _hit

    toks = scan.toks
    out = []
    used = set()
    for h in hits:
        if h.kind == "pattern" or h.key is None:
            out.append(h)
            continue
        first, rel = h.first, None
        p = h.first - 1
        before = _bare(toks[p]) if _same_sentence(scan, p, h.first) else None  # the word before, bare
        if before is not None and before.endswith("محافظه") and toks[p].norm.startswith("ل"):
            p -= 1  # الريف الشمالي لمحافظة حلب
        dirs = []
        q = p
        while _same_sentence(scan, q, h.first) and toks[q].norm in DIRECTION_ADJ and len(dirs) < 2:
            dirs.insert(0, DIRECTION_ADJ[toks[q].norm])
            q -= 1
        keep_inner = False
        if dirs and _same_sentence(scan, q, h.first) and toks[q].norm.endswith("الريف"):
            first, rel = q, "countryside-" + "-".join(dirs)
            keep_inner = h.text.startswith(("محافظة", "محافظه")) or p < h.first - 1
        elif before in _COUNTRYSIDE:
            first, rel = h.first - 1, "countryside"
        elif before in _DIR_WORDS:
            first = h.first - 1
            d = [_DIR_WORDS[before]]
            if _same_sentence(scan, first - 1, first) and _bare(toks[first - 1]) in ("شمال", "جنوب"):
                first -= 1
                d.insert(0, _DIR_WORDS[_bare(toks[first])])
            rel = "-".join(d)
        last = h.last
        if rel in (None, "countryside"):  # ريف حلب الجنوبي، حلب الشرقية
            adj = []
            while _same_sentence(scan, last, h.first) and toks[last].norm in DIRECTION_ADJ and len(adj) < 2:
                adj.append(DIRECTION_ADJ[toks[last].norm])
                last += 1
            if adj:
                rel = (rel + "-" if rel else "part-") + "-".join(adj)
        if rel is None:
            out.append(h)
            continue
        tok = toks[first]
        off = len(tok.norm) - len(_bare(tok))
        start = h.start if first == h.first else None
        out.append(_hit(scan, first, last, off, h.key, "region", (h.cue, None), rel, start=start))
        used.update(range(first, last))
        if keep_inner:
            out.append(h)
    return sorted(out + _anaphors(scan, hits, used), key=lambda h: h.first)


def _anaphors(scan: _Scan, hits: list[PlaceHit], used: set[int]) -> list[PlaceHit]:
    """`جنوب البلاد`, `شمال القطاع`, and `القطاع` after a `قطاع X` in the same article."""
    from rasid.kb.places import _hit

    toks = scan.toks
    strip = any(h.key and h.key.startswith("قطاع ") for h in hits)
    taken = {k for h in hits for k in range(h.first, h.last)} | used
    out = []
    # the tokens that hold البلاد or القطاع, in order
    holders = sorted({bisect.bisect_right(scan.starts, m.start()) - 1 for m in _ANAPHOR_WORDS.finditer(scan.text)})
    for i in holders:
        w = toks[i].norm
        if i in taken:
            continue
        off = 0
        for c in ("وب", "فب", "و", "ف", "ب", "ل"):
            if w.startswith(c) and w[len(c):] in ("البلاد", "القطاع", "للبلاد"):
                off, w = len(c), w[len(c):]
                break
        if w not in ("البلاد", "القطاع"):
            continue
        d = _DIR_WORDS.get(_bare(toks[i - 1])) if _same_sentence(scan, i - 1, i) else None
        if d and i - 1 not in taken:
            dt = toks[i - 1]
            out.append(_hit(scan, i - 1, i + 1, len(dt.norm) - len(_bare(dt)), w, "anaphor", ("direction", None), d))
        elif w == "القطاع" and strip:
            out.append(_hit(scan, i, i + 1, off, w, "anaphor", ("known", None)))
    return out
