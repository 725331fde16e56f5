"""Settlement and integration plans: their period, status, goals and follow-up meetings; a plan
may start from a service path."""

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
    PlanKind,
    PlanStatus,
    StepOwner,
)
from kotopolku.casework.models import (
    Case,
    FollowUp,
    Goal,
    Household,
    HouseholdMember,
    Plan,
    Step,
)
from kotopolku.casework.services.common import timeline_event
from kotopolku.clients.models import Client
from kotopolku.core.versioning import versioned_update

INTEGRATION_PLAN_MAX_YEARS = 2


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def plan_period_errors(*, kind: str, starts_on: dt.date, ends_on: dt.date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if ends_on < starts_on:
        errors["ends_on"] = [_("The plan cannot end before it starts.")]
    elif kind == PlanKind.INTEGRATION and ends_on > _years_after(starts_on, INTEGRATION_PLAN_MAX_YEARS):
        errors["ends_on"] = [_("An integration plan runs at most 2 years.")]
    return errors


@dataclass
class PlanData:
    kind: str
    starts_on: dt.date
    ends_on: dt.date
    summary: str = ""
    partners: list[Any] = field(default_factory=list)
    household: Household | None = None


@transaction.atomic
def plan_create(*, client: Client, data: PlanData, by: Any, service_path: Any = None) -> Plan:
    """A new plan in draft; started from a service path, the path's steps in the local variant
    of the client's municipality become its steps, each linked to its service."""
    errors = plan_period_errors(kind=data.kind, starts_on=data.starts_on, ends_on=data.ends_on)
    if (
        data.household is not None
        and not HouseholdMember.objects.filter(household=data.household, client=client).exists()
    ):
        errors.setdefault("household", []).append(_("The client is not a member of this household."))
    if errors:
        raise ValidationError(errors)
    plan = Plan.objects.create(
        client=client,
        service_point_id=client.service_point_id,
        case=Case.objects.filter(client=client, status=CaseStatus.OPEN).first(),
        household=data.household,
        kind=data.kind,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        summary=data.summary,
        responsible=by,
        service_path=service_path,
    )
    plan.partners.set(data.partners)
    if service_path is not None:
        _steps_from_path(plan=plan, path=service_path, client=client, by=by)
    audit_record(actor=by, action="casework.plan_create", target=plan, purpose="plan")
    timeline_event(client=client, kind="plan_created", by=by, plan=plan, plan_kind=data.kind)
    return plan


def _steps_from_path(*, plan: Plan, path: Any, client: Client, by: Any) -> None:
    from kotopolku.casework.selectors import path_steps_for

    name, resolved = path_steps_for(path=path, municipality=client.municipality)
    goal = Goal.objects.create(plan=plan, text=name[:300], position=1)
    partners = set(plan.partners.values_list("id", flat=True))
    for position, (text, service) in enumerate(resolved, start=1):
        organisation_id = service.organisation_id if service is not None else None
        if organisation_id is not None and organisation_id not in partners:
            plan.partners.add(organisation_id)
            partners.add(organisation_id)
        Step.objects.create(
            plan=plan,
            goal=goal,
            text=text[:300],
            owner=StepOwner.PARTNER if organisation_id else StepOwner.CLIENT,
            organisation_id=organisation_id,
            service=service,
            position=position,
        )


@transaction.atomic
def plan_update(
    *, plan: Plan, changes: dict[str, Any], expected_version: int | None, by: Any
) -> tuple[Plan, list[str]]:
    """Change the plan's own fields. A stale ``expected_version`` raises ``StaleVersion``."""
    partners = changes.pop("partners", None)
    kind = changes.get("kind", plan.kind)
    starts_on = changes.get("starts_on", plan.starts_on)
    ends_on = changes.get("ends_on", plan.ends_on)
    errors = plan_period_errors(kind=kind, starts_on=starts_on, ends_on=ends_on)
    early = Step.objects.filter(plan=plan, due_on__lt=starts_on).exists()
    if early:
        errors.setdefault("starts_on", []).append(_("A step of the plan is due before this start date."))
    if partners is not None:
        kept = {organisation.pk for organisation in partners}
        orphaned = Step.objects.filter(plan=plan, organisation__isnull=False).exclude(
            organisation_id__in=kept
        )
        if orphaned.exists():
            errors.setdefault("partners", []).append(
                _("A step is owned by an organisation you removed; change the step first.")
            )
    if errors:
        raise ValidationError(errors)
    plan, changed = versioned_update(plan, changes=changes, expected_version=expected_version)
    if partners is not None and set(plan.partners.values_list("id", flat=True)) != {p.pk for p in partners}:
        plan.partners.set(partners)
        changed.append("partners")
        if changed == ["partners"]:
            touch_plan(plan)
    if changed:
        audit_record(
            actor=by, action="casework.plan_change", target=plan, purpose="plan", details={"fields": changed}
        )
        timeline_event(client=plan.client, kind="plan_changed", by=by, plan=plan, fields=changed)
    return plan, changed


_TRANSITIONS = {
    PlanStatus.DRAFT: {PlanStatus.ACTIVE, PlanStatus.ENDED},
    PlanStatus.ACTIVE: {PlanStatus.COMPLETED, PlanStatus.ENDED},
}


@transaction.atomic
def plan_set_status(
    *, plan: Plan, status: str, by: Any, reason: str = "", expected_version: int | None = None
) -> Plan:
    """draft → active → completed, or ended early (with a reason) from draft or active."""
    if status not in _TRANSITIONS.get(PlanStatus(plan.status), set()):
        raise ValidationError({"status": _("The plan cannot move from this status to that one.")})
    if status == PlanStatus.ENDED and not reason.strip():
        raise ValidationError({"ended_reason": _("Give the reason for ending the plan early.")})
    if status == PlanStatus.ACTIVE and not plan.goals.exists():
        raise ValidationError({"status": _("Add at least one goal before activating the plan.")})
    changes: dict[str, Any] = {"status": status}
    today = timezone.localdate()
    if status == PlanStatus.ACTIVE:
        changes["activated_on"] = today
    else:
        changes["finished_on"] = today
    if status == PlanStatus.ENDED:
        changes["ended_reason"] = reason.strip()
    plan, _changed = versioned_update(plan, changes=changes, expected_version=expected_version)
    audit_record(
        actor=by, action="casework.plan_status", target=plan, purpose="plan", details={"status": status}
    )
    timeline_event(client=plan.client, kind="plan_status", by=by, plan=plan, status=status)
    return plan


def touch_plan(plan: Plan) -> None:
    """A change of a goal, step or follow-up is a change of the plan: its version moves, so a
    form of the plan opened before it is refused as stale."""
    Plan.objects.filter(pk=plan.pk).update(version=plan.version + 1, updated_at=timezone.now())
    plan.version += 1


@transaction.atomic
def goal_add(*, plan: Plan, text: str, by: Any) -> Goal:
    position = (plan.goals.aggregate(top=Max("position"))["top"] or 0) + 1
    goal = Goal.objects.create(plan=plan, text=text, position=position)
    touch_plan(plan)
    audit_record(
        actor=by, action="casework.goal_add", target=plan, purpose="plan", details={"goal": str(goal.uuid)}
    )
    timeline_event(client=plan.client, kind="goal_added", by=by, plan=plan, text=text)
    return goal


@transaction.atomic
def follow_up_plan(*, plan: Plan, planned_on: dt.date, by: Any) -> FollowUp:
    if planned_on < plan.starts_on:
        raise ValidationError({"planned_on": _("A follow-up cannot be before the plan starts.")})
    follow_up = FollowUp.objects.create(plan=plan, planned_on=planned_on, recorded_by=by)
    touch_plan(plan)
    audit_record(actor=by, action="casework.follow_up_plan", target=plan, purpose="plan")
    return follow_up


@transaction.atomic
def follow_up_record(
    *, follow_up: FollowUp, held_on: dt.date, notes: str, by: Any, expected_version: int | None = None
) -> FollowUp:
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The date cannot be in the future.")})
    follow_up, _changed = versioned_update(
        follow_up,
        changes={"held_on": held_on, "notes": notes, "recorded_by": by},
        expected_version=expected_version,
    )
    touch_plan(follow_up.plan)
    audit_record(actor=by, action="casework.follow_up_record", target=follow_up.plan, purpose="plan")
    timeline_event(client=follow_up.plan.client, kind="follow_up_held", by=by, plan=follow_up.plan)
    return follow_up
