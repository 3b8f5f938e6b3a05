"""One stored annotation: ``DELETE /annotations/{id}``, its versions, and restoring one.

Posting a document whose id is stored replaces it and keeps the replaced one as a previous
version (the newest ``CONFLICT_IE_ANNOTATION_VERSIONS``); ``GET /annotations/{id}/versions``
shows them with the current one, ``POST /annotations/{id}/restore?version=N`` makes one
current again (the current one becomes a previous version, so a restore can be undone), and
``DELETE /annotations/{id}`` removes the document and its previous versions for good. All need
the token: they show or change what users sent.

Ids may hold any character but control characters, ``/`` included: send the id as one
percent-encoded path segment (``a/b`` as ``a%2Fb``; ``service.http.paths``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, ValidationError

from model.errors import AnnotationError, error_messages
from model.types import ID_PATTERN, MAX_ID_CHARS, Document
from service.http import paths  # noqa: F401  (the "segment" path convertor)
from service.http.routes.annotations import Annotator, saved_by
from service.http.routes.deps import StoreDep, TokenAccess, WriteAccess
from service.store import AnnotationStore, UnknownAnnotationError, Version

router = APIRouter(prefix="/annotations", tags=["annotations"])


DocId = Annotated[
    str,
    Path(min_length=1, max_length=MAX_ID_CHARS, pattern=ID_PATTERN,
         description="The annotation's id, as one percent-encoded path segment."),
]
_NOT_FOUND = {404: {"description": "No stored annotation has that id (or that version)."}}


class AnnotationVersion(BaseModel):
    """One version of a stored annotation."""

    version: int = Field(ge=1, description="1 for the first stored, one more at each change.")
    current: bool = Field(description="Whether this is the version GET /annotations returns.")
    stored_at: dt.datetime = Field(description="When this version was stored.")
    saved_by: str | None = Field(description="Who stored it: the X-Annotator name, else the "
                                 "token's label; null for versions stored before this was kept.")
    document: dict[str, Any] = Field(description="The document, in the annotation format.")


class AnnotationHistory(BaseModel):
    id: str
    versions: list[AnnotationVersion] = Field(
        description="The current version first, then the previous ones kept, newest first."
    )


class Deleted(BaseModel):
    deleted: str = Field(description="The id removed, with its previous versions.")
    total: int = Field(description="Documents left in the store.")


def _history(doc_id: str, versions: list[Version]) -> AnnotationHistory:
    return AnnotationHistory(id=doc_id, versions=[
        AnnotationVersion(version=v.version, current=v.current,
                          stored_at=dt.datetime.fromisoformat(v.stored_at),
                          saved_by=v.saved_by,
                          document=json.loads(v.body))
        for v in versions
    ])


def _versions(store: AnnotationStore, doc_id: str) -> list[Version]:
    try:
        return store.versions(doc_id)
    except UnknownAnnotationError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from None


@router.get(
    "/{doc_id:segment}/versions",
    response_model=AnnotationHistory,
    dependencies=[TokenAccess],
    responses=_NOT_FOUND,
)
async def annotation_versions(doc_id: DocId, store: StoreDep) -> AnnotationHistory:
    """The current version of an annotation and the previous ones kept, newest first.
    Needs the bearer token."""
    return _history(doc_id, await run_in_threadpool(_versions, store, doc_id))


@router.post(
    "/{doc_id:segment}/restore",
    response_model=AnnotationHistory,
    dependencies=[WriteAccess],
    responses=_NOT_FOUND | {422: {"description": "That version no longer validates."}},
)
async def restore_annotation(
    doc_id: DocId,
    store: StoreDep,
    version: Annotated[
        int | None,
        Query(ge=1, description="The previous version to make current; default: the newest "
              "previous one."),
    ] = None,
    annotator: Annotator = None,
) -> AnnotationHistory:
    """Make a previous version of an annotation current again; the current one becomes a
    previous version, so this can be undone the same way. Needs the bearer token."""
    who = saved_by(annotator)
    versions = await run_in_threadpool(_versions, store, doc_id)
    chosen = next((v for v in versions if version == v.version
                   or (version is None and not v.current)), None)
    if chosen is None:
        kept = ", ".join(str(v.version) for v in versions if not v.current) or "none"
        wanted = "previous version" if version is None else f"version {version}"
        raise HTTPException(status_code=404, detail=f"annotation {doc_id!r} has no {wanted} "
                            f"to restore (previous versions kept: {kept})")
    if chosen.current:  # nothing to do
        return _history(doc_id, versions)
    try:
        Document.model_validate_json(chosen.body)
    except ValidationError as exc:  # stored under rules since tightened
        problems = [f"version {chosen.version}: {m}" for m in error_messages(exc.errors())]
        raise AnnotationError(problems) from None
    try:
        await run_in_threadpool(lambda: store.restore(doc_id, chosen.version,
                                                      saved_by=who))
    except UnknownAnnotationError as exc:  # deleted or pruned meanwhile
        raise HTTPException(status_code=404, detail=str(exc)) from None
    return _history(doc_id, await run_in_threadpool(_versions, store, doc_id))


@router.delete(
    "/{doc_id:segment}",
    response_model=Deleted,
    dependencies=[WriteAccess],
    responses=_NOT_FOUND,
)
async def delete_annotation(doc_id: DocId, store: StoreDep) -> Deleted:
    """Remove an annotation and its previous versions, for good (a later retrain no longer
    trains on it). Needs the bearer token."""
    if not await run_in_threadpool(store.delete, doc_id):
        raise HTTPException(status_code=404,
                            detail=f"no stored annotation has the id {doc_id!r}")
    return Deleted(deleted=doc_id, total=await run_in_threadpool(store.count))
