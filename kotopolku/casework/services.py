"""Writes of case work. Each service is atomic, checks the domain rules (a message per field in
the user's language, nothing saved on a refusal) and writes its audit event and the client's
timeline event in the same transaction. Permission checks are the callers' (views, API)."""

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
    OPEN_STEP_STATUSES,
    CaseStatus,
    CodeScheme,
    PlanKind,
    PlanStatus,
    StepOwner,
    StepStatus,
    TransferStatus,
)
from kotopolku.casework.models import (
    Assessment,
    Case,
    CaseEvent,
    CaseNote,
    CaseTransfer,
    CodeListItem,
    FollowUp,
    Goal,
    Household,
    HouseholdMember,
    Plan,
    Step,
)
from kotopolku.clients.enums import ClientStatus, ConsentPurpose
from kotopolku.clients.models import Client, ClientNameKey, Consent
from kotopolku.core.versioning import versioned_update
from kotopolku.organisations.models import Network

INTEGRATION_PLAN_MAX_YEARS = 2


def _event(*, client: Client, kind: str, by: Any, plan: Plan | None = None, **details: Any) -> None:
    CaseEvent.objects.create(
        client=client,
        service_point_id=client.service_point_id,
        kind=kind,
        actor=by if getattr(by, "is_authenticated", False) else None,
        plan=plan,
        details=details,
    )


def casework_read(*, target: Any, by: Any, what: str) -> None:
    """An audited read of an assessment, plan or note (Information Management Act §17)."""
    audit_record(actor=by, action="casework.read", target=target, purpose=what)


# Cases -----------------------------------------------------------------------------------------


@transaction.atomic
def case_open(*, client: Client, by: Any, opened_because: str, opening_note: str = "") -> Case:
    if client.status in (ClientStatus.ANONYMISED, ClientStatus.MERGED):
        raise ValidationError(_("This client record can no longer have cases."))
    Client.objects.select_for_update().filter(pk=client.pk).first()
    if Case.objects.filter(client=client, status=CaseStatus.OPEN).exists():
        raise ValidationError({"opened_because": _("The client already has an open case.")})
    if client.status == ClientStatus.CLOSED:
        from kotopolku.clients.services import client_reopen

        client_reopen(client=client, by=by)
    case = Case.objects.create(
        client=client,
        service_point_id=client.service_point_id,
        opened_by=by,
        opened_because=opened_because,
        opening_note=opening_note,
    )
    audit_record(actor=by, action="casework.case_open", target=case, purpose="case opened")
    _event(client=client, kind="case_opened", by=by, because=opened_because)
    return case


@transaction.atomic
def case_close(
    *, case: Case, by: Any, reason: str, closed_on: dt.date | None = None, expected_version: int | None = None
) -> Case:
    """Close the case. When the client has no other open case their record closes too, and the
    retention period counts from this case's closing date."""
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("Only an open case can be closed."))
    closed_on = closed_on or timezone.localdate()
    if closed_on < case.opened_on:
        raise ValidationError({"closed_on": _("A case cannot close before it was opened.")})
    if closed_on > timezone.localdate():
        raise ValidationError({"closed_on": _("The date cannot be in the future.")})
    if CaseTransfer.objects.filter(case=case, status=TransferStatus.REQUESTED).exists():
        raise ValidationError(_("The case has a transfer waiting for an answer."))
    case, _changed = versioned_update(
        case,
        changes={
            "status": CaseStatus.CLOSED,
            "closed_on": closed_on,
            "closed_by": by,
            "close_reason": reason,
        },
        expected_version=expected_version,
    )
    client = Client.objects.select_for_update().get(pk=case.client_id)
    if client.status == ClientStatus.ACTIVE:
        from kotopolku.clients.services import client_close

        client_close(client=client, by=by)
    audit_record(
        actor=by, action="casework.case_close", target=case, purpose="case closed", details={"reason": reason}
    )
    _event(client=client, kind="case_closed", by=by, reason=reason)
    return case


@transaction.atomic
def case_reopen(*, case: Case, by: Any) -> Case:
    if case.status != CaseStatus.CLOSED:
        raise ValidationError(_("Only a closed case can be reopened."))
    if Case.objects.filter(client_id=case.client_id, status=CaseStatus.OPEN).exists():
        raise ValidationError(_("The client already has an open case."))
    case, _changed = versioned_update(
        case, changes={"status": CaseStatus.OPEN, "closed_on": None, "closed_by": None, "close_reason": ""}
    )
    client = Client.objects.select_for_update().get(pk=case.client_id)
    if client.status == ClientStatus.CLOSED:
        from kotopolku.clients.services import client_reopen

        client_reopen(client=client, by=by)
    audit_record(actor=by, action="casework.case_reopen", target=case, purpose="case reopened")
    _event(client=client, kind="case_reopened", by=by)
    return case


# Transfers -------------------------------------------------------------------------------------


@transaction.atomic
def transfer_request(
    *, case: Case, to_service_point: Any, reason: str, client_consented: bool, by: Any
) -> CaseTransfer:
    errors: dict[str, list[str]] = {}
    if case.status != CaseStatus.OPEN:
        errors.setdefault("__all__", []).append(_("Only an open case can be transferred."))
    if to_service_point.pk == case.service_point_id:
        errors.setdefault("to_service_point", []).append(_("The case is already at this service point."))
    elif (
        not Network.objects.filter(service_points=to_service_point)
        .filter(service_points__id=case.service_point_id)
        .exists()
    ):
        errors.setdefault("to_service_point", []).append(
            _("A case can be transferred only within a network the service point belongs to.")
        )
    if not client_consented:
        errors.setdefault("client_consented", []).append(_("The client must agree to the transfer."))
    if not reason.strip():
        errors.setdefault("reason", []).append(_("Give the reason for the transfer."))
    if CaseTransfer.objects.filter(case=case, status=TransferStatus.REQUESTED).exists():
        errors.setdefault("__all__", []).append(_("The case already has a transfer waiting for an answer."))
    if errors:
        raise ValidationError(errors)
    transfer = CaseTransfer.objects.create(
        case=case,
        service_point_id=case.service_point_id,
        to_service_point=to_service_point,
        reason=reason.strip(),
        client_consented=True,
        requested_by=by,
    )
    audit_record(
        actor=by,
        action="casework.transfer_request",
        target=transfer,
        purpose="case transfer",
        details={"to": str(to_service_point.uuid)},
    )
    _event(client=case.client, kind="transfer_requested", by=by, to=to_service_point.name)
    return transfer


@transaction.atomic
def transfer_decide(
    *, transfer: CaseTransfer, accept: bool, by: Any, decline_reason: str = ""
) -> CaseTransfer:
    """The receiving point accepts (the case, the client's record, their assessments and plans
    move there; case notes stay with the point that wrote them) or declines with a reason."""
    transfer = (
        CaseTransfer.objects.select_for_update()
        .select_related("case", "to_service_point")
        .get(pk=transfer.pk)
    )
    if transfer.status != TransferStatus.REQUESTED:
        raise ValidationError(_("This transfer has already been decided."))
    if not accept and not decline_reason.strip():
        raise ValidationError({"decline_reason": _("Give the reason for declining.")})
    transfer.status = TransferStatus.ACCEPTED if accept else TransferStatus.DECLINED
    transfer.decided_by = by
    transfer.decided_at = timezone.now()
    transfer.decline_reason = "" if accept else decline_reason.strip()
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decline_reason", "updated_at"])
    client = Client.objects.select_for_update().get(pk=transfer.case.client_id)
    if accept:
        target = transfer.to_service_point
        versioned_update(transfer.case, changes={"service_point_id": target.pk})
        Client.objects.filter(pk=client.pk).update(service_point=target, updated_at=timezone.now())
        ClientNameKey.objects.filter(client=client).update(service_point=target)
        Assessment.objects.filter(client=client).update(service_point=target)
        Plan.objects.filter(client=client).update(service_point=target)
        client.service_point = target
    audit_record(
        actor=by,
        action="casework.transfer_accept" if accept else "casework.transfer_decline",
        target=transfer,
        purpose="case transfer",
        service_point_id=transfer.to_service_point_id,
    )
    _event(
        client=client,
        kind="transfer_accepted" if accept else "transfer_declined",
        by=by,
        to=transfer.to_service_point.name,
        reason=transfer.decline_reason,
    )
    return transfer


# Households ------------------------------------------------------------------------------------


@transaction.atomic
def household_create(*, client: Client, name: str, by: Any) -> Household:
    if HouseholdMember.objects.filter(client=client).exists():
        raise ValidationError({"name": _("The client already belongs to a household.")})
    household = Household.objects.create(service_point_id=client.service_point_id, name=name)
    HouseholdMember.objects.create(household=household, client=client, relation="main")
    audit_record(actor=by, action="casework.household_create", target=household, purpose="family")
    _event(client=client, kind="household_joined", by=by, household=name)
    return household


@transaction.atomic
def household_add(*, household: Household, client: Client, relation: str, by: Any) -> HouseholdMember:
    if client.service_point_id != household.service_point_id:
        raise ValidationError({"client": _("The client is not registered at this service point.")})
    if HouseholdMember.objects.filter(client=client).exists():
        raise ValidationError({"client": _("The client already belongs to a household.")})
    member = HouseholdMember.objects.create(household=household, client=client, relation=relation)
    versioned_update(household, changes={"name": household.name})
    audit_record(
        actor=by,
        action="casework.household_add",
        target=household,
        purpose="family",
        details={"client": str(client.uuid), "relation": relation},
    )
    _event(client=client, kind="household_joined", by=by, household=household.name)
    return member


@transaction.atomic
def household_remove(*, member: HouseholdMember, by: Any) -> None:
    household = member.household
    client = member.client
    member.delete()
    audit_record(
        actor=by,
        action="casework.household_remove",
        target=household,
        purpose="family",
        details={"client": str(client.uuid)},
    )
    _event(client=client, kind="household_left", by=by, household=household.name)


# Assessments -----------------------------------------------------------------------------------


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
    _event(client=client, kind="assessment", by=by, number=number, conclusion=data.conclusion)
    return assessment


# Plans -----------------------------------------------------------------------------------------


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
    _event(client=client, kind="plan_created", by=by, plan=plan, plan_kind=data.kind)
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
            _touch_plan(plan)
    if changed:
        audit_record(
            actor=by, action="casework.plan_change", target=plan, purpose="plan", details={"fields": changed}
        )
        _event(client=plan.client, kind="plan_changed", by=by, plan=plan, fields=changed)
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
    _event(client=plan.client, kind="plan_status", by=by, plan=plan, status=status)
    return plan


def _touch_plan(plan: Plan) -> None:
    """A change of a goal, step or follow-up is a change of the plan: its version moves, so a
    form of the plan opened before it is refused as stale."""
    Plan.objects.filter(pk=plan.pk).update(version=plan.version + 1, updated_at=timezone.now())
    plan.version += 1


@transaction.atomic
def goal_add(*, plan: Plan, text: str, by: Any) -> Goal:
    position = (plan.goals.aggregate(top=Max("position"))["top"] or 0) + 1
    goal = Goal.objects.create(plan=plan, text=text, position=position)
    _touch_plan(plan)
    audit_record(
        actor=by, action="casework.goal_add", target=plan, purpose="plan", details={"goal": str(goal.uuid)}
    )
    _event(client=plan.client, kind="goal_added", by=by, plan=plan, text=text)
    return goal


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
    _touch_plan(plan)
    audit_record(
        actor=by, action="casework.step_add", target=plan, purpose="plan", details={"step": str(step.uuid)}
    )
    _event(client=plan.client, kind="step_added", by=by, plan=plan, text=data.text)
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
        _touch_plan(plan)
        audit_record(
            actor=by,
            action="casework.step_change",
            target=plan,
            purpose="plan",
            details={"step": str(step.uuid), "fields": changed},
        )
        _event(client=plan.client, kind="step_changed", by=by, plan=plan, text=step.text, status=step.status)
    return step


@transaction.atomic
def step_set_status(*, step: Step, status: str, by: Any, expected_version: int | None = None) -> Step:
    """A status change alone (partner staff mark their organisation's step done)."""
    step, changed = versioned_update(step, changes={"status": status}, expected_version=expected_version)
    if changed:
        _touch_plan(step.plan)
        audit_record(
            actor=by,
            action="casework.step_status",
            target=step.plan,
            purpose="plan",
            details={"step": str(step.uuid), "status": status},
        )
        _event(
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
        _touch_plan(plan)
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
        _event(
            client=plan.client,
            kind="step_changed",
            by=by,
            plan=plan,
            text=locked.text,
            status=str(target),
            referral_status=referral_status,
        )
    return locked


@transaction.atomic
def follow_up_plan(*, plan: Plan, planned_on: dt.date, by: Any) -> FollowUp:
    if planned_on < plan.starts_on:
        raise ValidationError({"planned_on": _("A follow-up cannot be before the plan starts.")})
    follow_up = FollowUp.objects.create(plan=plan, planned_on=planned_on, recorded_by=by)
    _touch_plan(plan)
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
    _touch_plan(follow_up.plan)
    audit_record(actor=by, action="casework.follow_up_record", target=follow_up.plan, purpose="plan")
    _event(client=follow_up.plan.client, kind="follow_up_held", by=by, plan=follow_up.plan)
    return follow_up


# Notes -----------------------------------------------------------------------------------------


def has_special_category_consent(client: Client) -> bool:
    return Consent.objects.in_force().filter(client=client, purpose=ConsentPurpose.SPECIAL_CATEGORY).exists()


@transaction.atomic
def note_add(*, client: Client, service_point: Any, text: str, special_category: bool, by: Any) -> CaseNote:
    if special_category and not has_special_category_consent(client):
        raise ValidationError(
            {
                "special_category": _(
                    "The client has not consented to special-category data being recorded. "
                    "Record the consent first, or leave such data out of the note."
                )
            }
        )
    note = CaseNote.objects.create(
        client=client, service_point=service_point, author=by, text=text, special_category=special_category
    )
    audit_record(actor=by, action="casework.note_add", target=note, purpose="case notes")
    return note


@transaction.atomic
def casework_blank_free_text(*, client: Client) -> None:
    """Anonymisation: the free text written about the client goes; dates, statuses and codes stay
    for statistics."""
    CaseNote.objects.filter(client=client).update(text="")
    Assessment.objects.filter(client=client).update(family_situation="", own_goals="", service_needs_note="")
    Plan.objects.filter(client=client).update(summary="", ended_reason="")
    FollowUp.objects.filter(plan__client=client).update(notes="")
    CaseTransfer.objects.filter(case__client=client).update(reason="", decline_reason="")
    Case.objects.filter(client=client).update(opening_note="")
    CaseEvent.objects.filter(client=client).update(details={})
