"""``POST /retrain`` (start one background job) and ``GET /retrain/{id}`` (its report)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from fastapi import APIRouter, HTTPException, Response
from pydantic import BaseModel, Field

from service.retrain import Job, JobState, RetrainBusyError
from service.routes.deps import ReadAccess, RetrainerDep, SettingsDep, WriteAccess

router = APIRouter(prefix="/retrain", tags=["retrain"])


class JobReport(BaseModel):
    """Where a retrain stands; ``metrics`` holds held-out F1 per label, ``old`` and ``new``."""

    id: str
    state: JobState
    stage: str
    progress: float = Field(description="0 to 1, by stage.")
    message: str | None
    train_documents: int
    heldout_documents: int
    old_version: str | None
    new_version: str | None
    metrics: dict[str, dict[str, float]]
    tolerance: float = Field(description="Largest per-label F1 drop allowed for promotion.")
    created_at: dt.datetime
    finished_at: dt.datetime | None


def _report(job: Job, tolerance: float) -> JobReport:
    return JobReport.model_validate(dataclasses.asdict(job) | {"tolerance": tolerance})


@router.post(
    "",
    status_code=202,
    response_model=JobReport,
    dependencies=[WriteAccess],
    responses={409: {"description": "A retrain is already running."}},
)
def start_retrain(retrainer: RetrainerDep, settings: SettingsDep, response: Response) -> JobReport:
    """Start retraining on the seeds plus stored annotations; poll the job it returns.

    The new model replaces the one in service only if no label's held-out F1 drops by more
    than the tolerance. Needs the bearer token.
    """
    try:
        job = retrainer.start()
    except RetrainBusyError as exc:
        raise HTTPException(
            status_code=409, detail=f"{exc}; poll GET /retrain/{exc.job.id}"
        ) from None
    response.headers["Location"] = f"/retrain/{job.id}"
    return _report(job, settings.promotion_tolerance)


@router.get("/{job_id}", response_model=JobReport, dependencies=[ReadAccess])
def get_retrain(job_id: str, retrainer: RetrainerDep, settings: SettingsDep) -> JobReport:
    """State, stage, progress and held-out metrics of a retrain (kept until restart)."""
    job = retrainer.get(job_id)
    if job is None:
        raise HTTPException(
            status_code=404, detail=f"no retrain job {job_id!r} (jobs are kept until restart)"
        )
    return _report(job, settings.promotion_tolerance)
