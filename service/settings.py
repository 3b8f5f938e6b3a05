"""Settings, in one place: environment variables prefixed ``CONFLICT_IE_``, read once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every path and limit the CLI and the service use.

    Example: ``CONFLICT_IE_MODELS_DIR=/srv/models conflict-ie serve``.
    """

    model_config = SettingsConfigDict(env_prefix="CONFLICT_IE_", frozen=True)

    annotations_dir: Path = Path("annotations")
    models_dir: Path = Path("models")
    data_dir: Path = Path("data")
    device: str = "cpu"
    seed: int = 13


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from the environment once."""
    return Settings()
