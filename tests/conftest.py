"""Shared fixtures. Tests never touch the network and run on one thread."""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_FILE = ROOT / "annotations" / "seeds.jsonl"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="run real-size training/evaluation")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _one_thread() -> None:
    import torch

    torch.set_num_threads(1)


@pytest.fixture(scope="session")
def tiny_base_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random BERT (2 layers, width 32) + word-level tokenizer of the tiny texts."""
    from tests.tiny_model import TINY_DOCS, build_tiny_encoder

    texts = [d.text for d in TINY_DOCS]
    return build_tiny_encoder(tmp_path_factory.mktemp("tiny-encoder"), texts)


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_base_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model directory ``Tagger.load`` accepts, trained by ``train()`` to fit ``TINY_DOCS``."""
    from tests.tiny_model import TINY_DOCS, tiny_train_config
    from training.train import train

    out = tmp_path_factory.mktemp("tiny-model") / "tiny"
    return train(list(TINY_DOCS), tiny_train_config(tiny_base_dir), out, progress=False)
