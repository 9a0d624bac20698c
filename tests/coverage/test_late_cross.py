"""The late cross-encoder (PreTTR-style) same-fact scorer: real MiniLM, tiny inputs."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from framing.coverage.late_cross import (
    CONFIG_FILE,
    MODEL_DIR,
    N_TOP,
    WEIGHTS_FILE,
    BottomStates,
    LateCrossScorer,
    bottom_key,
    join_pairs,
    load_parts,
    predict_proba,
)

PARA = ("The earthquake killed at least 20 people in Aceh on Tuesday.",
        "At least 20 people died when an earthquake struck Aceh on Tuesday.")
OTHER = "The central bank left interest rates unchanged in March."


def test_join_pairs_drops_the_second_cls_and_marks_b():
    import torch

    a, b = torch.ones(4, 3), 2 * torch.ones(3, 3)
    hidden, mask, second = join_pairs([a], [b])
    assert hidden.shape == (1, 6, 3)
    assert mask.tolist() == [[1, 1, 1, 1, 1, 1]]
    assert second.tolist() == [[0, 0, 0, 0, 1, 1]]
    assert hidden[0, 4:].eq(2).all()


@pytest.fixture(scope="module")
def scorer():
    if not (MODEL_DIR / WEIGHTS_FILE).exists():
        pytest.skip("no packaged late cross-encoder")
    return LateCrossScorer(use_cache=False)


def test_scores_are_symmetric_and_a_paraphrase_beats_an_unrelated_pair(scorer):
    p = scorer.score([PARA[0], PARA[1], PARA[0]], [PARA[1], PARA[0], OTHER])
    assert p[0] == pytest.approx(p[1], abs=1e-6)
    assert p[0] > p[2]
    assert ((p >= 0) & (p <= 1)).all()


@pytest.mark.slow
def test_a_trained_model_round_trips_from_disk(tmp_path):
    import torch
    from safetensors.torch import save_file

    from framing.coverage.late_cross_training import LateConfig, train_late

    torch.manual_seed(0)
    pairs = pd.DataFrame({"corpus": ["mrpc", "mrpc", "stsb", "ecbplus"], "group": -1,
                          "text1": [PARA[0], PARA[0], PARA[1], OTHER],
                          "text2": [PARA[1], OTHER, PARA[0], PARA[1]],
                          "label": [1.0, 0.0, 1.0, 0.0]})
    tokenizer, bottom, top, hidden = load_parts(N_TOP)
    states = BottomStates(tokenizer, bottom, bottom_key(N_TOP), use_cache=False)
    head = train_late(pairs, top, hidden, states, LateConfig(steps=2, batch=4),
                      progress=False)
    head.load_state_dict({k: v.half().float() for k, v in head.state_dict().items()})
    save_file({k: v.half().contiguous() for k, v in head.state_dict().items()},
              tmp_path / WEIGHTS_FILE)
    (tmp_path / CONFIG_FILE).write_text(json.dumps({"n_top_layers": N_TOP}))
    a, b = [PARA[0], OTHER], [PARA[1], PARA[0]]
    expected = predict_proba(head, states, a, b)
    got = LateCrossScorer(tmp_path, use_cache=False).score(a, b)
    np.testing.assert_allclose(got, expected, atol=1e-5)


def test_the_same_fact_loader_names_the_late_cross_encoder(scorer):
    from framing.coverage.same_fact import LATE_CROSS, SameFactScorer

    assert isinstance(SameFactScorer.load(LATE_CROSS), LateCrossScorer)
