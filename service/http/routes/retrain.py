"""``POST /retrain`` (start one background job), ``GET /retrain/{id}`` (its report) and
``DELETE /retrain/{id}`` (cancel it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from fastapi import APIRouter, HTTPException, Response
from pydantic import BaseModel, Field

from model.errors import AnnotationError
from service.http.redact import redact
from service.http.routes.deps import ReadAccess, RetrainerDep, SettingsDep, WriteAccess
from service.retrain.manager import (
    Job,
    JobFinishedError,
    JobState,
    RetrainBusyError,
    RetrainTooLargeError,
    RetrainUnavailableError,
)
from service.settings import Settings

log = logging.getLogger(__name__)
router = APIRouter(prefix="/retrain", tags=["retrain"])


class JobReport(BaseModel):
    """Where a retrain stands; ``metrics`` holds the gate F1 per label, ``old`` and ``new``."""

    id: str
    state: JobState
    stage: str
    progress: float = Field(description="0 to 1, by stage.")
    message: str | None
    train_documents: int
    gate_documents: int = Field(description="Documents neither model trained on, scored.")
    unused_documents: int = Field(
        default=0, description="Posted documents left out: older than the newest that fit "
        "CONFLICT_IE_RETRAIN_MAX_DOCUMENTS beside the seeds, or no longer valid."
    )
    old_version: str | None
    new_version: str | None
    metrics: dict[str, dict[str, float]]
    tolerance: float = Field(description="Largest per-label F1 drop allowed for promotion.")
    created_at: dt.datetime
    finished_at: dt.datetime | None


def _report(job: Job, settings: Settings) -> JobReport:
    """The job as the API shows it; its message without server paths (a failed job's
    exception may name one)."""
    message = None if job.message is None else redact(job.message, settings)
    return JobReport.model_validate(
        dataclasses.asdict(job) | {"tolerance": settings.promotion_tolerance, "message": message}
    )


_NOT_FOUND = "no retrain job {!r} (the last 100 are kept)"


@router.post(
    "",
    status_code=202,
    response_model=JobReport,
    dependencies=[WriteAccess],
    responses={
        409: {"description": "A retrain is already running."},
        413: {"description": "The seed files alone hold more documents than "
              "CONFLICT_IE_RETRAIN_MAX_DOCUMENTS (posted ones never make it so: a retrain "
              "takes the newest that fit)."},
        503: {"description": "The seed annotations on the server do not validate, or this "
              "install cannot train (a serving-only install such as the Docker image)."},
    },
)
def start_retrain(retrainer: RetrainerDep, settings: SettingsDep, response: Response) -> JobReport:
    """Start retraining on the seeds plus the newest stored annotations that fit
    CONFLICT_IE_RETRAIN_MAX_DOCUMENTS; poll the job it returns.

    The new model replaces the one in service only if no label's held-out F1 drops by more
    than the tolerance. Needs the bearer token.
    """
    try:
        job = retrainer.start()
    except RetrainBusyError as exc:
        raise HTTPException(
            status_code=409, detail=f"{exc}; poll GET /retrain/{exc.job.id}"
        ) from None
    except RetrainTooLargeError as exc:
        raise HTTPException(status_code=413, detail=str(exc)) from None
    except RetrainUnavailableError as exc:
        raise HTTPException(status_code=503, detail=str(exc)) from None
    except AnnotationError as exc:  # the server's seed files: nothing the client can fix
        log.error("retrain refused: %s", exc)
        raise HTTPException(
            status_code=503,
            detail=f"retraining is unavailable: the seed annotations do not validate "
            f"({len(exc.problems)} problem(s); run `conflict-ie validate` on the server)",
        ) from None
    response.headers["Location"] = f"/retrain/{job.id}"
    return _report(job, settings)


@router.get(
    "/{job_id}",
    response_model=JobReport,
    dependencies=[ReadAccess],
    responses={404: {"description": "No such job."}},
)
def get_retrain(job_id: str, retrainer: RetrainerDep, settings: SettingsDep) -> JobReport:
    """State, stage, progress and gate metrics of a retrain (kept across restarts)."""
    job = retrainer.get(job_id)
    if job is None:
        raise HTTPException(status_code=404, detail=_NOT_FOUND.format(job_id))
    return _report(job, settings)


@router.delete(
    "/{job_id}",
    response_model=JobReport,
    status_code=202,
    dependencies=[WriteAccess],
    responses={
        404: {"description": "No such job."},
        409: {"description": "The job has already finished."},
    },
)
def cancel_retrain(job_id: str, retrainer: RetrainerDep, settings: SettingsDep) -> JobReport:
    """Cancel a queued or running retrain: its training process is ended, the model in service
    stays, and the job ends ``cancelled`` (poll it). Needs the bearer token."""
    try:
        job = retrainer.cancel(job_id)
    except JobFinishedError as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from None
    if job is None:
        raise HTTPException(status_code=404, detail=_NOT_FOUND.format(job_id))
    return _report(job, settings)
