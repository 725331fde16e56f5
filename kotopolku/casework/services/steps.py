"""The steps of a plan: who does what by when, checked against the plan's rules, and a step that
follows the referral made from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.casework.enums import (
    OPEN_STEP_STATUSES,
    StepOwner,
    StepStatus,
)
from kotopolku.casework.models import (
    Goal,
    Plan,
    Step,
)
from kotopolku.casework.services.common import timeline_event
from kotopolku.casework.services.plans import touch_plan
from kotopolku.core.versioning import versioned_update


@dataclass
class StepData:
    goal: Goal
    text: str
    owner: str
    due_on: dt.date | None = None
    organisation: Any = None
    owner_user: Any = None
    service: Any = None
    status: str = StepStatus.TODO


def step_errors(*, plan: Plan, data: StepData) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.goal.plan_id != plan.pk:
        errors["goal"] = [_("The goal is not in this plan.")]
    if data.due_on is not None and data.due_on < plan.starts_on:
        errors["due_on"] = [_("The step cannot be due before the plan starts.")]
    if data.due_on is not None and data.due_on > plan.ends_on:
        errors.setdefault("due_on", []).append(_("The step cannot be due after the plan ends."))
    if data.owner == StepOwner.PARTNER:
        if data.organisation is None:
            errors["organisation"] = [_("Choose the partner organisation that does this step.")]
        elif not plan.partners.filter(pk=data.organisation.pk).exists():
            errors["organisation"] = [
                _("The plan does not involve this organisation. Add it to the plan first.")
            ]
    elif data.organisation is not None:
        errors["organisation"] = [_("Only a step of a partner organisation names an organisation.")]
    return errors


@transaction.atomic
def step_add(*, plan: Plan, data: StepData, by: Any) -> Step:
    errors = step_errors(plan=plan, data=data)
    if errors:
        raise ValidationError(errors)
    position = (data.goal.steps.aggregate(top=Max("position"))["top"] or 0) + 1
    step = Step.objects.create(
        plan=plan,
        goal=data.goal,
        text=data.text,
        owner=data.owner,
        owner_user=data.owner_user if data.owner == StepOwner.ADVISOR else None,
        organisation=data.organisation if data.owner == StepOwner.PARTNER else None,
        due_on=data.due_on,
        service=data.service,
        status=data.status,
        position=position,
    )
    touch_plan(plan)
    audit_record(
        actor=by, action="casework.step_add", target=plan, purpose="plan", details={"step": str(step.uuid)}
    )
    timeline_event(client=plan.client, kind="step_added", by=by, plan=plan, text=data.text)
    return step


@transaction.atomic
def step_update(*, step: Step, data: StepData, expected_version: int | None, by: Any) -> Step:
    plan = step.plan
    errors = step_errors(plan=plan, data=data)
    if errors:
        raise ValidationError(errors)
    step, changed = versioned_update(
        step,
        changes={
            "goal": data.goal,
            "text": data.text,
            "owner": data.owner,
            "owner_user": data.owner_user if data.owner == StepOwner.ADVISOR else None,
            "organisation": data.organisation if data.owner == StepOwner.PARTNER else None,
            "due_on": data.due_on,
            "service": data.service,
            "status": data.status,
        },
        expected_version=expected_version,
    )
    if changed:
        touch_plan(plan)
        audit_record(
            actor=by,
            action="casework.step_change",
            target=plan,
            purpose="plan",
            details={"step": str(step.uuid), "fields": changed},
        )
        timeline_event(
            client=plan.client, kind="step_changed", by=by, plan=plan, text=step.text, status=step.status
        )
    return step


@transaction.atomic
def step_set_status(*, step: Step, status: str, by: Any, expected_version: int | None = None) -> Step:
    """A status change alone (partner staff mark their organisation's step done)."""
    step, changed = versioned_update(step, changes={"status": status}, expected_version=expected_version)
    if changed:
        touch_plan(step.plan)
        audit_record(
            actor=by,
            action="casework.step_status",
            target=step.plan,
            purpose="plan",
            details={"step": str(step.uuid), "status": status},
        )
        timeline_event(
            client=step.plan.client, kind="step_changed", by=by, plan=step.plan, text=step.text, status=status
        )
    return step


# A referral made from a step moves the step with it: sent or accepted, the step is under way;
# completed, it is done; declined, cancelled or revoked, it is the advisor's to do again. A step
# already done or cancelled is left as it is (someone decided that since).
REFERRAL_STEP_STATUS = {
    "sent": (StepStatus.IN_PROGRESS, (StepStatus.TODO,)),
    "accepted": (StepStatus.IN_PROGRESS, (StepStatus.TODO,)),
    "completed": (StepStatus.DONE, OPEN_STEP_STATUSES),
    "declined": (StepStatus.TODO, (StepStatus.IN_PROGRESS,)),
    "cancelled": (StepStatus.TODO, (StepStatus.IN_PROGRESS,)),
    "revoked": (StepStatus.TODO, (StepStatus.IN_PROGRESS,)),
}


@transaction.atomic
def step_follow_referral(*, step: Step, referral_uuid: Any, referral_status: str, by: Any = None) -> Step:
    """The step a referral came from follows the referral's new status (audited, on the client's
    timeline). ``by`` is who changed the referral where known; the referrals app's signal does not
    say, so the audit event names the referral instead."""
    target, from_statuses = REFERRAL_STEP_STATUS.get(referral_status, (None, ()))
    locked = Step.objects.select_for_update().select_related("plan__client").get(pk=step.pk)
    if target is None or locked.status not in from_statuses:
        return locked
    locked, changed = versioned_update(locked, changes={"status": target}, expected_version=None)
    if changed:
        plan = locked.plan
        touch_plan(plan)
        audit_record(
            actor=by,
            action="casework.step_status",
            target=plan,
            purpose="plan",
            details={
                "step": str(locked.uuid),
                "status": str(target),
                "referral": str(referral_uuid),
                "referral_status": referral_status,
            },
        )
        timeline_event(
            client=plan.client,
            kind="step_changed",
            by=by,
            plan=plan,
            text=locked.text,
            status=str(target),
            referral_status=referral_status,
        )
    return locked
