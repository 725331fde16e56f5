"""Writes of a funded project as a whole: its facts and the municipalities taking part with their
shares, saved together as one version of the record (a stale version is refused), and its
budget lines. Each is atomic and audited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import service_point_ids
from kotopolku.audit.services import audit_record
from kotopolku.core.versioning import version_bump, versioned_update
from kotopolku.indicators.models import BudgetLine, Project, ProjectPoint
from kotopolku.indicators.services import project_save
from kotopolku.organisations.models import Municipality, ServicePoint

PROJECT_FIELDS = (
    "name",
    "funder",
    "funder_code",
    "programme",
    "priority",
    "specific_objective",
    "starts_on",
    "ends_on",
)


@dataclass(frozen=True)
class PointShare:
    """A municipality taking part, the service point working in it (if any) and its share."""

    municipality: Municipality
    service_point: ServicePoint | None
    share_percent: Decimal


def _point_errors(*, by: Any, points: list[PointShare], existing: set[int], creating: bool) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not points:
        return {"points": _("Name at least one municipality taking part.")}
    codes = [point.municipality.code for point in points]
    if len(set(codes)) != len(codes):
        errors["points"] = _("Each municipality takes part only once.")
    reach = service_point_ids(by, "indicators.manage")
    for point in points:
        if point.service_point is None:
            continue
        if point.service_point.pk not in reach and point.service_point.pk not in existing:
            errors["points"] = _("You may add only service points you coordinate.")
        elif point.service_point.municipality_id != point.municipality.pk:
            errors["points"] = _("A service point takes part for its own municipality.")
    if any(not Decimal(0) <= point.share_percent <= Decimal(100) for point in points):
        errors["points"] = _("A share is from 0 to 100 %.")
    elif sum((point.share_percent for point in points), Decimal(0)) != Decimal(100):
        errors["points"] = _("The shares of the municipalities must add up to 100 %.")
    # A new project, or one worked in the product, keeps one of the coordinator's own points (or
    # they could no longer see it); a past project recorded without service points may stay so.
    keeps_own = any(point.service_point is not None and point.service_point.pk in reach for point in points)
    if not keeps_own and (creating or existing):
        errors.setdefault("points", _("At least one of your own service points must take part."))
    return errors


@transaction.atomic
def project_edit(
    *,
    by: Any,
    values: dict[str, Any],
    points: list[PointShare] | None,
    project: Project | None = None,
    version: int | None = None,
) -> Project:
    """Create a project, or change one at ``version``; ``points`` (when given) replaces the
    municipalities taking part. A change of the points alone is a new version too."""
    existing: set[int] = set()
    if project is not None:
        existing = set(project.points.exclude(service_point=None).values_list("service_point_id", flat=True))
    errors = (
        _point_errors(by=by, points=points, existing=existing, creating=project is None)
        if points is not None
        else {}
    )
    if project is None and points is None:
        errors["points"] = _("Name at least one municipality taking part.")
    if values.get("starts_on") and values.get("ends_on") and values["ends_on"] < values["starts_on"]:
        errors["ends_on"] = _("The project ends before it starts.")
    if errors:
        raise ValidationError(errors)
    fields = {name: values[name] for name in PROJECT_FIELDS if name in values}
    if project is not None:
        # Lock the row and check the version first, so a stale save changes nothing below.
        project, _changed = versioned_update(project, changes={}, expected_version=version)
    before = project.version if project is not None else 0
    saved = project_save(by=by, values=fields, project=project, version=version)
    if points is None:
        return saved
    stored = {
        (row.municipality_id, row.service_point_id, row.share_percent)
        for row in ProjectPoint.objects.filter(project=saved)
    }
    wanted = {
        (p.municipality.pk, p.service_point.pk if p.service_point else None, p.share_percent) for p in points
    }
    if stored != wanted:
        ProjectPoint.objects.filter(project=saved).exclude(
            municipality_id__in=[p.municipality.pk for p in points]
        ).delete()
        for point in points:
            ProjectPoint.objects.update_or_create(
                project=saved,
                municipality=point.municipality,
                defaults={"service_point": point.service_point, "share_percent": point.share_percent},
            )
        if project is not None and saved.version == before:
            saved = version_bump(saved)
        audit_record(
            actor=by,
            action="indicators.project_points",
            target=saved,
            details={
                "fields": ["points"],
                "version": saved.version,
                "points": {p.municipality.code: str(p.share_percent) for p in points},
            },
        )
    return saved


@transaction.atomic
def budget_line_add(
    *,
    by: Any,
    project: Project,
    category: str,
    amount: Decimal,
    service_point: ServicePoint | None = None,
    note: str = "",
) -> BudgetLine:
    errors: dict[str, str] = {}
    if not category.strip():
        errors["category"] = _("Name the budget category.")
    if amount < 0:
        errors["amount"] = _("An amount cannot be negative.")
    if service_point is not None and not project.points.filter(service_point=service_point).exists():
        errors["service_point"] = _("The service point does not take part in this project.")
    if errors:
        raise ValidationError(errors)
    line = BudgetLine.objects.create(
        project=project, category=category.strip(), amount=amount, service_point=service_point, note=note
    )
    audit_record(
        actor=by,
        action="indicators.budget_line_add",
        target=project,
        details={"category": line.category, "amount": str(amount)},
    )
    return line


@transaction.atomic
def budget_line_delete(*, by: Any, line: BudgetLine) -> None:
    audit_record(
        actor=by,
        action="indicators.budget_line_delete",
        target=line.project,
        details={"category": line.category, "amount": str(line.amount)},
    )
    line.delete()
