"""Where matching reads the occupations a client seeks or has: the client's job seeker profile
here, and any source another app registers (case work's assessment, once it records
occupations), without this app importing it.

Occupations themselves are ISCO-08 groups of case work's code list (``occupation_items``).

A source is a function returning a queryset with the columns ``client_id`` and ``isco_code``
(a four-digit ISCO-08 unit group); matching reads the union of them in one query::

    register_occupation_source(lambda: AssessmentOccupation.objects.values("client_id", "isco_code"))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from kotopolku.casework.enums import CodeScheme
from kotopolku.casework.models import CodeListItem

OccupationSource = Callable[[], QuerySet[Any]]

_sources: list[OccupationSource] = []


def occupation_items() -> QuerySet[CodeListItem]:
    """The ISCO-08 groups: case work's code list, the product's one table of occupations."""
    return CodeListItem.objects.filter(scheme=CodeScheme.ISCO08)


def unit_groups() -> QuerySet[CodeListItem]:
    """The four-digit unit groups, the level openings and job seekers name."""
    return occupation_items().filter(level=4).order_by("code")


def is_unit_group(item: CodeListItem) -> bool:
    return item.scheme == CodeScheme.ISCO08 and item.level == 4


def register_occupation_source(source: OccupationSource) -> None:
    if source not in _sources:
        _sources.append(source)


def occupation_querysets() -> list[QuerySet[Any]]:
    from kotopolku.employers.models import DesiredOccupation

    own = DesiredOccupation.objects.values("client_id", "isco_code")
    return [own, *(source().values("client_id", "isco_code") for source in _sources)]
