"""Settings, in one place: environment variables prefixed ``CONFLICT_IE_``, read once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every path and limit the CLI and the service use.

    Example: ``CONFLICT_IE_MODELS_DIR=/srv/models conflict-ie serve``.
    """

    model_config = SettingsConfigDict(env_prefix="CONFLICT_IE_", frozen=True)

    annotations_dir: Path = Path("annotations")
    transfer_dir: Path = Field(
        default=Path("annotations/external"),
        description="Transfer corpora (general stage); their dev/ subfolder is never trained on.",
    )
    models_dir: Path = Path("models")
    data_dir: Path = Path("data")
    device: str = "cpu"
    seed: int = 13

    # HTTP service (``conflict-ie serve``)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    api_token: SecretStr | None = Field(
        default=None, description="Bearer token of the write endpoints; unset disables them."
    )
    protect_reads: bool = Field(
        default=False,
        description="Ask for the token on the other read endpoints too (/extract, /model, "
        "GET /retrain/{id}); /health and /docs stay open. GET /annotations always needs it.",
    )
    max_text_chars: int = Field(default=100_000, ge=1, description="Longest article (413).")
    max_batch: int = Field(default=16, ge=1, description="Most articles per /extract/batch.")
    max_body_bytes: int = Field(default=4_000_000, ge=1, description="Largest request body.")
    request_timeout_s: float = Field(default=30.0, gt=0, description="504 after this long.")
    inference_threads: int = Field(
        default=2, ge=1, description="CPU threads of the model backend (one inference thread)."
    )
    backend: Literal["auto", "torch", "onnx-int8"] = Field(
        default="auto",
        description="Model backend: auto = onnx-int8 when the model has it and it passed its "
        "check against torch, else torch.",
    )
    min_score: float | None = Field(
        default=None, ge=0, le=1,
        description="Default min_score of every extraction (HTTP, extract, batch): spans the "
        "model scores below it are dropped, then events less confident than it. A request's "
        "min_score or a command's --min-score replaces it; unset: keep everything.",
    )
    batch_wait_ms: float = Field(
        default=5.0, ge=0, description="How long the inference thread gathers requests "
        "when they have company (a lone client's requests run at once)."
    )
    batch_gather_chars: int = Field(
        default=100_000, ge=1, description="Text the inference thread gathers into one batch."
    )
    max_suggest: int = Field(
        default=200, ge=1, description="Most articles one /suggest request ranks (413)."
    )
    max_request_chars: int = Field(
        default=400_000, ge=1, description="Most characters in one /extract/batch request (413)."
    )
    max_json_depth: int = Field(
        default=32, ge=2, description="Deepest nesting of a JSON body (400 beyond)."
    )

    # Annotation writes (``POST /annotations``) and the store
    max_annotation_documents: int = Field(
        default=1000, ge=1, description="Most documents one POST /annotations stores (413)."
    )
    max_annotation_chars: int = Field(
        default=100_000, ge=1, description="Longest annotation text, in characters (413)."
    )
    max_annotation_spans: int = Field(
        default=5000, ge=1, description="Most spans of one annotated document (413)."
    )
    max_meta_bytes: int = Field(
        default=16_384, ge=2,
        description="Largest meta object of one document, as compact UTF-8 JSON (413).",
    )
    max_store_documents: int = Field(
        default=20_000, ge=1,
        description="Most documents the annotation store holds; a write past it is refused "
        "(413) and stores nothing.",
    )
    annotation_versions: int = Field(
        default=5, ge=0,
        description="Previous versions kept of each annotation (replaced by a later POST or "
        "a restore), newest first; older ones are dropped.",
    )

    # Failed authentication (a wrong bearer token), per client address
    auth_max_failures: int = Field(
        default=10, ge=1,
        description="Wrong tokens one client address may send within auth_failure_window_s; "
        "past that, its requests for the token get 429 until the oldest failure ages out.",
    )
    auth_failure_window_s: float = Field(
        default=60.0, gt=0, description="The window in which wrong tokens are counted."
    )

    # Connections (uvicorn, ``conflict-ie serve``; ``service.http.server``)
    header_timeout_s: float = Field(
        default=10.0, gt=0,
        description="A connection that has not sent a complete request head this long after "
        "it opened (or after its last response) is closed.",
    )
    keep_alive_s: int = Field(
        default=5, ge=1, description="An idle keep-alive connection is closed after this long."
    )
    max_connections: int = Field(
        default=500, ge=1,
        description="Open connections plus running requests beyond which requests get 503.",
    )
    backlog: int = Field(
        default=256, ge=1, description="Connections the kernel queues before they are accepted."
    )
    max_header_bytes: int = Field(
        default=16_384, ge=1024, description="Largest request head (request line + headers)."
    )
    graceful_shutdown_s: int = Field(
        default=30, ge=1,
        description="On shutdown, requests still running after this long are cancelled.",
    )
    store_path: Path | None = Field(
        default=None, description="Annotation store; default <data_dir>/annotations.sqlite3."
    )

    # Retraining from the service
    gate_share: float = Field(
        default=0.2, ge=0, le=1,
        description="Share of posted documents held out of retraining (by a hash of the id) "
        "to gate promotion, with the transfer dev set.",
    )
    promotion_tolerance: float = Field(
        default=0.02, ge=0, le=1, description="Largest per-label F1 drop a new model may show."
    )
    retrain_max_epochs: int | None = Field(
        default=None, ge=1, description="Epoch cap of a retrain; unset: TrainConfig's."
    )
    retrain_max_documents: int = Field(
        default=5000, ge=1,
        description="Most training documents a retrain takes: the seeds and the most recently "
        "written posted documents up to this many (413 only if the seeds alone are more).",
    )
    retrain_max_seconds: float = Field(
        default=3600, gt=0, description="A retrain running longer is stopped and fails."
    )
    retrain_threads: int = Field(
        default=2, ge=1, description="CPU threads of the training process (it shares the "
        "CPU with serving while it runs; 1 leaves more to requests, and trains slower)."
    )
    keep_models: int = Field(
        default=2, ge=0, description="Model folders kept besides the current one."
    )

    @property
    def annotation_store(self) -> Path:
        """The SQLite file holding annotations posted to the service."""
        return self.store_path or self.data_dir / "annotations.sqlite3"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read from the environment once."""
    return Settings()
