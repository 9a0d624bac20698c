"""Categorised word lists for loaded-term detection, and readers for user lexicons.

The project writes five lexicons of its own (TSV files beside this module: ``term``,
``lemma``, ``category``, ``note``, optional ``pos``): delegitimising labels, violence and
conflict intensifiers, doubt and distancing markers, emotional and moral words, and hedges.
Two valence lexicons are read from the PyPI packages that ship them, with their scores:
VADER (Hutto & Gilbert 2014, ``vaderSentiment``) and AFINN (Nielsen 2011, ``afinn``).
Users add their own lists by path (:func:`read_lexicon`): a plain list (one term a line,
``#``/``;`` comments, as Recasens et al. 2013's bias lexicon or Hu & Liu 2004's opinion
lexicon), a TSV/CSV with a header holding ``term`` (or ``word``) and optionally
``category``, ``lemma``, ``note``, ``pos``, ``score``, or an MPQA ``.tff`` clue file
(Wilson, Wiebe & Hoffmann 2005).

Every loader returns a frame with :data:`LEXICON_COLUMNS`. A term may be several words
("iron fist", "illegal armed group"); a trailing ``*`` on a word matches any word that
starts with it ("terror*"); ``pos`` (Universal POS tags, comma-separated) restricts a
one-word term to those parts of speech ("may" only as AUX, not the month).
"""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from pathlib import Path

import pandas as pd

from framing.core.cache import content_hash, file_hash

LEXICON_DIR = Path(__file__).resolve().parent
LEXICON_COLUMNS = ["term", "lemma", "category", "note", "pos", "lexicon", "score"]

#: The project's own lexicons: file stem -> category they hold.
PROJECT_LEXICONS: dict[str, str] = {
    "delegitimising": "delegitimising label",
    "intensifiers": "conflict intensifier",
    "doubt": "doubt and distancing",
    "emotional": "emotional and moral",
    "hedges": "hedge",
}
PROJECT_CATEGORIES = tuple(PROJECT_LEXICONS.values())
VALENCE_CATEGORY = "valence"

#: Defaults for how strong a packaged valence word must be to count as charged.
VADER_MIN_ABS = 2.0  # VADER valences run from -4 to +4
AFINN_MIN_ABS = 3.0  # AFINN scores run from -5 to +5
WORDLIKE = re.compile(r"^[a-z][a-z'-]*[a-z]$")


def _frame(rows: list[dict], lexicon: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for col in LEXICON_COLUMNS:
        if col not in frame.columns:
            frame[col] = None
    frame["lexicon"] = frame["lexicon"].fillna(lexicon) if len(frame) else frame["lexicon"]
    frame["term"] = frame["term"].astype(str).str.strip()
    frame = frame[frame["term"].str.len() > 0]
    frame["lemma"] = frame["lemma"].where(frame["lemma"].notna() & (frame["lemma"] != ""),
                                          frame["term"].str.lower())
    frame["pos"] = frame["pos"].fillna("")
    frame["note"] = frame["note"].fillna("")
    return frame[LEXICON_COLUMNS].reset_index(drop=True)


def _uncommented(text: str) -> str:
    return "\n".join(line for line in text.splitlines()
                     if line.strip() and not line.lstrip().startswith(("#", ";")))


def read_tsv(path: str | Path, name: str | None = None,
             category: str | None = None) -> pd.DataFrame:
    """A delimited lexicon with a header row (tab, or comma for ``.csv``)."""
    path = Path(path)
    try:
        text = _uncommented(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as err:
        raise ValueError(f"{path}: not UTF-8 (byte {err.start}); save the lexicon as UTF-8"
                         ) from None
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    rows = list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
    if rows and "term" not in rows[0] and "word" in rows[0]:
        rows = [{**r, "term": r["word"]} for r in rows]
    if not rows or "term" not in rows[0]:
        raise ValueError(f"{path}: a delimited lexicon needs a header with a 'term' column")
    out = []
    for n, r in enumerate(rows, start=1):
        score = r.get("score")
        try:
            score = float(score) if score not in (None, "") else None
        except ValueError:
            raise ValueError(f"{path}: entry {n} ({r['term']!r}): score {score!r} is not a "
                             "number") from None
        out.append({
            "term": r["term"], "lemma": r.get("lemma") or None,
            "category": r.get("category") or category or name or path.stem,
            "note": r.get("note") or "", "pos": r.get("pos") or "",
            "score": score,
        })
    return _frame(out, name or path.stem)


def read_plain_list(path: str | Path, name: str | None = None,
                    category: str | None = None) -> pd.DataFrame:
    """One term a line; ``#`` and ``;`` lines are comments (Hu & Liu's header style)."""
    path = Path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    terms = [t.strip() for t in _uncommented(text).splitlines()]
    label = name or path.stem
    return _frame([{"term": t, "category": category or label} for t in terms if t], label)


def read_mpqa(path: str | Path, name: str | None = None,
              category: str | None = None) -> pd.DataFrame:
    """MPQA subjectivity clues (``key=value`` per line); category = type + prior polarity."""
    path = Path(path)
    rows = []
    for n, line in enumerate(path.read_text(encoding="latin-1").splitlines(), start=1):
        if not line.strip():
            continue
        fields = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
        if "word1" not in fields:
            raise ValueError(f"{path}: line {n}: an MPQA clue needs word1=...; got {line!r}")
        term = fields["word1"] + ("*" if fields.get("stemmed1") == "y" else "")
        cat = category or f"{fields.get('type', 'clue')} {fields.get('priorpolarity', '')}".strip()
        rows.append({"term": term, "lemma": fields["word1"], "category": cat})
    return _frame(rows, name or "mpqa")


def read_lexicon(path: str | Path, name: str | None = None,
                 category: str | None = None) -> pd.DataFrame:
    """Read a user lexicon by path: TSV/CSV with a header, MPQA ``.tff``, or a plain list.

    Args:
        path: the file.
        name: the ``lexicon`` column (default: the file stem).
        category: category for entries without one (default: the lexicon name).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"lexicon file not found: {path}")
    if path.suffix.lower() == ".tff":
        return read_mpqa(path, name, category)
    if path.suffix.lower() in (".tsv", ".csv"):
        return read_tsv(path, name, category)
    first = _uncommented(path.read_text(encoding="utf-8-sig", errors="replace"))[:200]
    header = first.splitlines()[0].lower().split("\t") if first else []
    if "term" in header or "word" in header:
        return read_tsv(path, name, category)
    return read_plain_list(path, name, category)


@cache
def project_lexicons() -> pd.DataFrame:
    """The five lexicons written for this project (lexicon = file stem)."""
    frames = [read_tsv(LEXICON_DIR / f"{stem}.tsv", stem) for stem in PROJECT_LEXICONS]
    return pd.concat(frames, ignore_index=True)


@cache
def vader_valences() -> dict[str, float]:
    """VADER's word valences (Hutto & Gilbert 2014) as shipped by ``vaderSentiment``."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return {w: float(v) for w, v in SentimentIntensityAnalyzer().lexicon.items()
            if WORDLIKE.match(w)}


@cache
def afinn_valences() -> dict[str, float]:
    """AFINN-en-165 word scores (Nielsen 2011) as shipped by ``afinn``."""
    from afinn import Afinn

    return {w: float(v) for w, v in Afinn()._dict.items() if WORDLIKE.match(w.replace(" ", "-"))}


def valence_lexicon(source: str, min_abs: float | None = None) -> pd.DataFrame:
    """Valence-bearing words of VADER or AFINN with ``|score| >= min_abs``."""
    if source == "vader":
        scores, floor = vader_valences(), VADER_MIN_ABS if min_abs is None else min_abs
    elif source == "afinn":
        scores, floor = afinn_valences(), AFINN_MIN_ABS if min_abs is None else min_abs
    else:
        raise ValueError(f"unknown valence lexicon {source!r} (vader or afinn)")
    rows = [{"term": w, "lemma": w, "category": VALENCE_CATEGORY,
             "note": "negative" if s < 0 else "positive", "score": s}
            for w, s in scores.items() if abs(s) >= floor]
    return _frame(rows, source)


def load_lexicons(extra: tuple[str | Path, ...] | list[str | Path] = (), *,
                  project: bool = True, valence: bool = True) -> pd.DataFrame:
    """The project's lexicons, the packaged valence words, and any user files by path."""
    frames = []
    if project:
        frames.append(project_lexicons())
    if valence:
        frames += [valence_lexicon("vader"), valence_lexicon("afinn")]
    frames += [read_lexicon(p) for p in extra]
    if not frames:
        return pd.DataFrame(columns=LEXICON_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def lexicon_fingerprint() -> str:
    """Hash of the project's lexicon files (for cache keys and report manifests)."""
    return content_hash(*(file_hash(LEXICON_DIR / f"{s}.tsv") for s in PROJECT_LEXICONS))[:16]
