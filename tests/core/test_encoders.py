"""The shared encoder: offline packaged MiniLM, normalised vectors, offsets, cache, errors."""

from __future__ import annotations

import numpy as np
import pytest

from framing.core.encoders import Encoder, ModelUnavailableError, from_pretrained, get_encoder


@pytest.fixture(scope="module")
def encoder():
    return get_encoder()


def test_embed_is_normalised_and_semantic(encoder):
    texts = ["Azerbaijani forces launched an attack on Friday.",
             "Azerbaijan attacked on Friday.",
             "The recipe needs two cups of flour."]
    x = encoder.embed(texts)
    assert x.shape == (3, encoder.dim) and x.dtype == np.float32
    assert np.allclose(np.linalg.norm(x, axis=1), 1.0, atol=1e-5)
    assert x[0] @ x[1] > x[0] @ x[2] + 0.2
    assert encoder.embed([]).shape == (0, encoder.dim)


def test_batching_and_order_do_not_change_vectors(encoder):
    texts = ["short", "a much longer sentence about the ceasefire in the region", "mid length"]
    together = encoder.embed(texts)
    alone = np.vstack([Encoder(use_cache=False, batch_size=1).embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-5)


def test_token_vectors_carry_character_offsets(encoder):
    text = "Russian peacekeepers confirmed the firefight."
    (tv,) = encoder.token_vectors([text])
    assert tv.vectors.shape == (len(tv.offsets), encoder.dim)
    pieces = [text[a:b] for a, b in tv.offsets]
    assert pieces[0] == "russian" or pieces[0].lower() == "russian"
    assert all(b > a for a, b in tv.offsets)


def test_missing_model_fails_fast_offline():
    from transformers import AutoModel

    with pytest.raises(ModelUnavailableError, match="cannot load model"):
        from_pretrained(AutoModel, "no-such-org/no-such-encoder-xyz")


def test_bf16_and_fp32_agree_and_are_cached_apart(tmp_path, monkeypatch):
    from framing.core.encoders import encoder_precision

    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path))
    texts = ["Azerbaijan launched an attack on Friday.", "Three soldiers were wounded.",
             "Aliyev blamed Armenia for the new clashes."]
    monkeypatch.setenv("FRAMING_ENCODER_PRECISION", "fp32")
    full = Encoder()
    monkeypatch.setenv("FRAMING_ENCODER_PRECISION", "bf16")
    half = Encoder()
    assert (full.precision, half.precision) == ("fp32", "bf16")
    assert full._key("embed", texts[0]) != half._key("embed", texts[0])
    cos = (full.embed(texts) * half.embed(texts)).sum(1)
    assert (cos > 0.999).all()
    monkeypatch.setenv("FRAMING_ENCODER_PRECISION", "fp8")
    with pytest.raises(ValueError, match="FRAMING_ENCODER_PRECISION"):
        encoder_precision()
