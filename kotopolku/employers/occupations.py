"""Where matching reads the occupations a client seeks or has: the client's job seeker profile
here, and any source another app registers (case work's assessment, once it records
occupations), without this app importing it.

A source is a function returning a queryset with the columns ``client_id`` and ``isco_code``
(a four-digit ISCO-08 unit group); matching reads the union of them in one query::

    register_occupation_source(lambda: AssessmentOccupation.objects.values("client_id", "isco_code"))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

OccupationSource = Callable[[], QuerySet[Any]]

_sources: list[OccupationSource] = []


def register_occupation_source(source: OccupationSource) -> None:
    if source not in _sources:
        _sources.append(source)


def occupation_querysets() -> list[QuerySet[Any]]:
    from kotopolku.employers.models import DesiredOccupation

    own = DesiredOccupation.objects.values("client_id", "isco_code")
    return [own, *(source().values("client_id", "isco_code") for source in _sources)]
