"""Needs assessments: each one a new version, never overwriting the last."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.casework.enums import (
    CaseStatus,
    CodeScheme,
)
from kotopolku.casework.models import (
    Assessment,
    Case,
    CodeListItem,
)
from kotopolku.casework.services.common import timeline_event
from kotopolku.clients.models import Client


def known_codes(scheme: CodeScheme, codes: list[str]) -> set[str]:
    wanted = {code for code in codes if code}
    if not wanted:
        return set()
    return set(CodeListItem.objects.filter(scheme=scheme, code__in=wanted).values_list("code", flat=True))


@dataclass
class AssessmentData:
    languages: list[dict[str, Any]]
    literacy: str
    reads_latin: bool
    education: list[dict[str, Any]]
    work_history: list[dict[str, Any]]
    occupation: str
    family_situation: str
    service_needs: list[str]
    service_needs_note: str
    own_goals: str
    conclusion: str
    assessed_on: dt.date = field(default_factory=timezone.localdate)


def assessment_errors(data: AssessmentData) -> dict[str, list[str]]:
    """Codes the lists do not have (the forms check each value's shape)."""
    errors: dict[str, list[str]] = {}
    levels = known_codes(CodeScheme.ISCED_LEVEL, [str(row.get("level") or "") for row in data.education])
    fields = known_codes(CodeScheme.ISCED_FIELD, [str(row.get("field") or "") for row in data.education])
    for index, row in enumerate(data.education):
        if row.get("level") and row["level"] not in levels:
            errors.setdefault(f"education.{index}.level", []).append(_("Unknown ISCED 2011 level."))
        if row.get("field") and row["field"] not in fields:
            errors.setdefault(f"education.{index}.field", []).append(_("Unknown field of education."))
    occupations = known_codes(
        CodeScheme.ISCO08, [data.occupation, *(str(row.get("occupation") or "") for row in data.work_history)]
    )
    for index, row in enumerate(data.work_history):
        if row.get("occupation") and row["occupation"] not in occupations:
            errors.setdefault(f"work_history.{index}.occupation", []).append(_("Unknown ISCO-08 code."))
    if data.occupation and data.occupation not in occupations:
        errors.setdefault("occupation", []).append(_("Unknown ISCO-08 code."))
    if data.assessed_on > timezone.localdate():
        errors.setdefault("assessed_on", []).append(_("The date cannot be in the future."))
    return errors


@transaction.atomic
def assessment_create(*, client: Client, data: AssessmentData, by: Any) -> Assessment:
    errors = assessment_errors(data)
    if errors:
        raise ValidationError(errors)
    Client.objects.select_for_update().filter(pk=client.pk).first()
    number = (Assessment.objects.filter(client=client).aggregate(top=Max("number"))["top"] or 0) + 1
    case = Case.objects.filter(client=client, status=CaseStatus.OPEN).first()
    assessment = Assessment.objects.create(
        client=client,
        service_point_id=client.service_point_id,
        case=case,
        number=number,
        assessed_by=by,
        **vars(data),
    )
    audit_record(actor=by, action="casework.assessment_create", target=assessment, purpose="needs assessment")
    timeline_event(client=client, kind="assessment", by=by, number=number, conclusion=data.conclusion)
    return assessment
