"""Wire copies: the same agency text published by several outlets, and what each changed.

Four outlets printing one AP story are one source, not four confirmations; and what an
editor changed in a copy (the headline, a cut paragraph, an added sentence) is a framing
choice of that outlet. Copies are found by word shingles (Broder 1997): the share of one
article's 5-word sequences that the other contains (*containment*, so a copy cut short is
still a copy of the full text). Pairs at or above :data:`COPY_CONTAINMENT` (or
:data:`SAME_AGENCY_CONTAINMENT` when both credit the same agency: two versions of one wire
story) are linked, and their connected components are the wire groups. At incident size
the exact sets are cheap (all pairs of 300 articles in well under a second); a corpus
would use MinHash LSH for the same measure.

Within a group the *reference* is the copy from the agency itself when the incident has it,
else the longest copy; :func:`copy_differences` aligns each other copy's paragraphs to it
(difflib's matching blocks, Ratcliff & Obershelp 1988) and lists the headline changes, the
paragraphs cut and the paragraphs added or rewritten.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Sequence

import pandas as pd

from framing.core.corpus import Article

#: Share of the shorter article's shingles the other must contain to be a copy of it ...
COPY_CONTAINMENT = 0.5
#: ... or, when both credit the same agency, to be two versions of its story (a write-through
#: that updated the lead keeps most of the body).
SAME_AGENCY_CONTAINMENT = 0.3
SHINGLE_WORDS = 5
#: Agencies named in bylines, outlet names ("Devdiscourse (Associated Press via PTI)") and
#: datelines ("KENOSHA, Wis. (AP) —"): pattern -> the agency's name.
AGENCIES = {
    r"\bAssociated Press\b|\(AP\)|\bAP\b": "AP",
    r"\bReuters\b": "Reuters",
    r"\bAFP\b|Agence France-Presse": "AFP",
    r"\bAnadolu\b": "Anadolu",
    r"\bXinhua\b": "Xinhua",
    r"\bPTI\b|Press Trust of India": "PTI",
    r"\bIANS\b": "IANS",
    r"\bTASS\b": "TASS",
    r"\bInterfax\b": "Interfax",
    r"\bUNIAN\b": "UNIAN",
    r"\bDPA\b|\bdpa\b": "dpa",
    r"\bEFE\b": "EFE",
    r"\bUPI\b": "UPI",
}
GROUP_COLUMNS = ["article_id", "outlet", "group", "wire", "n_copies", "n_outlets",
                 "reference", "containment"]
DIFF_COLUMNS = ["group", "article_id", "outlet", "change", "start", "end", "text",
                "reference", "ref_start", "ref_end", "ref_text"]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[int]:
    """Hashed ``k``-word shingles of ``text`` (lower-cased words; stable across runs)."""
    words = _words(text)
    grams = (" ".join(words[i:i + k]) for i in range(max(len(words) - k + 1, 1)))
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big")
            for g in grams if g}


def containment(a: set[int], b: set[int]) -> float:
    """|a ∩ b| / min(|a|, |b|): 1.0 when the shorter text is wholly inside the longer."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def agency_of(article: Article) -> str | None:
    """The agency an article credits: in its outlet name, byline or first 200 characters."""
    where = " ".join(filter(None, [article.outlet, article.byline or "", article.text[:200]]))
    return next((name for pattern, name in AGENCIES.items() if re.search(pattern, where)),
                None)


def _components(n: int, pairs: list[tuple[int, int]]) -> list[int]:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[find(i)] = find(j)
    return [find(i) for i in range(n)]


def wire_groups(articles: Sequence[Article], threshold: float = COPY_CONTAINMENT
                ) -> pd.DataFrame:
    """One row per article that is a copy of another outlet's article (see
    :data:`GROUP_COLUMNS`): its group (the reference article's id), the agency most of the
    group credits (None when none does), how many copies and outlets share the text, and
    its containment with the reference. Articles that are nobody's copy are not listed."""
    arts = list(articles)
    sets = [shingles(a.text) for a in arts]
    credits = [agency_of(a) for a in arts]

    def linked(i: int, j: int) -> bool:
        share = containment(sets[i], sets[j])
        return share >= threshold or (credits[i] is not None and credits[i] == credits[j]
                                      and share >= SAME_AGENCY_CONTAINMENT)

    pairs = [(i, j) for i in range(len(arts)) for j in range(i + 1, len(arts))
             if arts[i].outlet != arts[j].outlet and linked(i, j)]
    roots = _components(len(arts), pairs)
    rows = []
    for root in sorted(set(roots)):
        members = [i for i, r in enumerate(roots) if r == root]
        if len(members) < 2:
            continue
        named = [credits[i] for i in members if credits[i]]
        wire = max(set(named), key=named.count) if named else None
        own = [i for i in members if wire and re.search(wire, arts[i].outlet)]
        ref = max(own or members, key=lambda i: (len(sets[i]), arts[i].id))
        for i in members:
            rows.append({"article_id": arts[i].id, "outlet": arts[i].outlet,
                         "group": arts[ref].id, "wire": wire, "n_copies": len(members),
                         "n_outlets": len({arts[k].outlet for k in members}),
                         "reference": i == ref,
                         "containment": round(containment(sets[i], sets[ref]), 4)})
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)


def _paragraphs(article: Article) -> list[tuple[int, int, str]]:
    """(start, end, text) of the body's paragraphs as offsets into ``article.document``."""
    doc = article.document
    base = len(article.title) + 2
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", article.text):
        text = m.group().strip()
        if text:
            out.append((base + m.start(), base + m.end(), doc[base + m.start():base + m.end()]))
    return out


def _key(text: str) -> str:
    return " ".join(_words(text))


#: Word-sequence similarity (difflib ratio) above which a changed paragraph is the same
#: paragraph rewritten rather than one cut and another added.
REWRITE_RATIO = 0.6
Para = tuple[int, int, str]


def _rewrites(refs: list[Para], copies: list[Para]) -> list[tuple[Para, Para]]:
    """Pairs (reference paragraph, copy paragraph) that are one paragraph rewritten: each
    copy paragraph with its most similar unpaired reference paragraph, in order, when their
    word sequences are at least :data:`REWRITE_RATIO` alike."""
    pairs, used = [], set()
    for c in copies:
        best, best_ratio = None, REWRITE_RATIO
        for k, r in enumerate(refs):
            if k in used:
                continue
            ratio = difflib.SequenceMatcher(a=_words(r[2]), b=_words(c[2]),
                                            autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = k, ratio
        if best is not None:
            used.add(best)
            pairs.append((refs[best], c))
    return pairs


def copy_differences(articles: Sequence[Article], groups: pd.DataFrame) -> pd.DataFrame:
    """What each copy changed against its group's reference (see :data:`DIFF_COLUMNS`):
    ``headline`` (a different headline), ``cut`` (a reference paragraph the copy lacks),
    ``added`` (a paragraph of the copy the reference lacks) and ``rewritten`` (a paragraph
    in the same place with other words). Spans are offsets into each ``document``."""
    by_id = {a.id: a for a in articles}
    rows: list[dict] = []
    for group, members in groups.groupby("group", sort=True):
        ref = by_id[group]
        ref_paras = _paragraphs(ref)
        for article_id in members.article_id:
            if article_id == group:
                continue
            art = by_id[article_id]
            base = {"group": group, "article_id": art.id, "outlet": art.outlet,
                    "reference": ref.id}
            if _key(art.title) != _key(ref.title):
                rows.append({**base, "change": "headline", "start": 0, "end": len(art.title),
                             "text": art.title, "ref_start": 0, "ref_end": len(ref.title),
                             "ref_text": ref.title})
            paras = _paragraphs(art)
            matcher = difflib.SequenceMatcher(a=[_key(p[2]) for p in ref_paras],
                                              b=[_key(p[2]) for p in paras], autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op == "equal":
                    continue
                refs, copies = ref_paras[i1:i2], paras[j1:j2]
                # inside a changed block, a copy paragraph mostly like a reference one is
                # that paragraph rewritten; the rest are cut or added
                pairs = _rewrites(refs, copies)
                for r, c in pairs:
                    rows.append({**base, "change": "rewritten", "start": c[0], "end": c[1],
                                 "text": c[2], "ref_start": r[0], "ref_end": r[1],
                                 "ref_text": r[2]})
                paired_r = {r for r, _ in pairs}
                paired_c = {c for _, c in pairs}
                for r in refs:
                    if r not in paired_r:
                        rows.append({**base, "change": "cut", "start": None, "end": None,
                                     "text": None, "ref_start": r[0], "ref_end": r[1],
                                     "ref_text": r[2]})
                for c in copies:
                    if c not in paired_c:
                        rows.append({**base, "change": "added", "start": c[0], "end": c[1],
                                     "text": c[2], "ref_start": None, "ref_end": None,
                                     "ref_text": None})
    out = pd.DataFrame(rows, columns=DIFF_COLUMNS)
    for col in ("start", "end", "ref_start", "ref_end"):
        out[col] = out[col].astype("Int64")
    return out
