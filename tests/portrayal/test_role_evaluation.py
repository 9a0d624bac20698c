"""The grouped cross-validation of the role classifier (``framing.evaluate.portrayal``): its
plumbing on a tiny invented SemEval-format corpus, and the committed real figures."""

from __future__ import annotations

import json

import pytest

from framing.core import paths
from framing.evaluate.portrayal import evaluate_portrayal_roles

DOCS = [
    ("Raiders hit Elmvale", "Raiders led by Kors burned the granary in Elmvale. The farmer Tamsin "
     "lost her harvest. Doctor Ilse treated the injured through the night."),
    ("Siege of Brannock", "Captain Vedra shelled Brannock for a week. The baker Oswin was "
     "wounded. The envoy Marit negotiated the release of the prisoners."),
    ("Flood relief", "The smuggler Grell looted the stranded boats. The fisherman Aldo drowned "
     "in the flood. The nurse Piet rescued twelve children from the water."),
    ("Border clash", "General Harrow ordered the attack on the market. The trader Lusa was "
     "killed in the attack. The mediator Quinn brokered a ceasefire."),
    ("Night ambush", "The gunman Raske ambushed the convoy. The driver Emil was injured. The "
     "medic Sora carried the wounded to safety."),
    ("Port fire", "The arsonist Dray set the warehouses ablaze. The clerk Nell lost her home. "
     "The firefighter Bo pulled the sailors from the burning ship."),
]
ROLES = ("Antagonist", "Innocent", "Protagonist")


@pytest.fixture
def tiny_semeval(tmp_path):
    folder = tmp_path / "EN"
    (folder / "raw-documents").mkdir(parents=True)
    lines = []
    for n, (title, body) in enumerate(DOCS):
        name = f"EN_UA_{n}.txt"
        text = f"{title}\n\n{body}"
        (folder / "raw-documents" / name).write_text(text, encoding="utf-8")
        sentences = body.split(". ")
        for role, sentence in zip(ROLES, sentences, strict=False):
            mention = next(w for w in sentence.split()[1:] if w[:1].isupper()).strip(".,")
            start = text.index(mention, text.index(sentence[:12]))
            lines.append(f"{name}\t{mention}\t{start}\t{start + len(mention) - 1}\t{role}\tX")
    (folder / "subtask-1-annotations.txt").write_text("\r\n".join(lines) + "\r\n",
                                                      encoding="utf-8")
    return folder


def test_evaluation_scores_every_entity_by_grouped_folds(tiny_semeval):
    result = evaluate_portrayal_roles(tiny_semeval, folds=2, wikievents=False)
    json.dumps(result)  # JSON-serialisable
    sem = result["semeval2025_en"]
    assert sem["entities"] == 18 and sem["documents"] == 6
    assert sem["gold_roles"] == {"villain": 6, "victim": 6, "hero": 6}
    assert sem["entities_located"] == 1.0
    assert len(sem["model_macro_f1_per_fold"]) == 2
    for key in ("macro_f1", "macro_f1_two_role", "mention_mean_macro_f1", "majority_macro_f1",
                "rule_macro_f1", "rule_macro_f1_two_role"):
        assert 0.0 <= result["summary"][f"semeval2025_en.{key}"] <= 1.0
    assert "narrative_frames" not in result


def test_repeated_splits_report_the_spread_of_the_figure(tiny_semeval):
    result = evaluate_portrayal_roles(tiny_semeval, folds=2, repeats=2, wikievents=False)
    rep = result["repeated"]
    assert rep["repeats"] == 2 and rep["shuffled_by"] == "document"
    sem = rep["semeval2025_en"]
    assert len(sem["macro_f1"]) == 2
    assert sem["min"] <= sem["mean"] <= sem["max"]
    assert result["summary"]["semeval2025_en.macro_f1_repeated_mean"] == sem["mean"]


def test_evaluation_needs_data(tmp_path):
    with pytest.raises(FileNotFoundError):
        evaluate_portrayal_roles(tmp_path)


def test_committed_figures_beat_the_baselines():
    """The figures ``framing evaluate portrayal-roles --save`` measured and the README quotes
    (the whole run takes minutes: it is a bench, not a test; this reads its result)."""
    s = json.loads((paths.RESULTS_DIR / "portrayal-roles.json").read_text())["summary"]
    assert s["narrative_frames.macro_f1"] >= 0.5
    assert s["narrative_frames.macro_f1_two_role"] > s["narrative_frames.rule_macro_f1_two_role"]
    assert s["semeval2025_en.macro_f1"] > s["semeval2025_en.majority_macro_f1"] + 0.2
    assert s["semeval2025_en.macro_f1_two_role"] > s["semeval2025_en.rule_macro_f1_two_role"]
