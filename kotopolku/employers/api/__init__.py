"""Employers, their activities, job openings, matches, proposals and placements over the API.

Under ``/api/v1/``: ``employers``, ``employers/{id}/activities``, ``job-openings`` (with
``?finnish_required=false``), ``job-openings/{id}/matches``, ``placements``; the public list of
openings that do not need Finnish is ``public/job-openings`` (no login).
"""

from __future__ import annotations

from ninja import Router

from kotopolku.employers.api import companies, openings, placements

router = Router()
# The operations keep the ids they were published with, when they all lived in one module.
for part in (companies.router, openings.router, openings.public_router, placements.router):
    for path_view in part.path_operations.values():
        for operation in path_view.operations:
            name = operation.view_func.__name__
            operation.operation_id = operation.operation_id or f"kotopolku_employers_api_{name}"
for part in (companies.router, openings.router, placements.router):
    router.add_router("", part)
