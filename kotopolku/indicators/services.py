"""Writes of the indicators app: projects and targets, participants' entry and exit, EURA 2021
marks and follow-ups after exit. Each is atomic and writes its audit event."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.clients.enums import ConsentPurpose
from kotopolku.clients.models import Client, Consent
from kotopolku.core.versioning import versioned_update
from kotopolku.indicators.codes import ALL_CODES
from kotopolku.indicators.degurba import RURAL, degurba_of
from kotopolku.indicators.enums import AgeGroup, ExitReason, FollowUpKind, LabourStatus, TargetKind
from kotopolku.indicators.models import Participant, ParticipantFollowUp, Project, ProjectPoint, Target

# EU member states and the other EEA countries and Switzerland (ISO 3166-1 alpha-2): a person
# with none of these citizenships is a third-country national (EECO13).
EU_EEA_CH = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
        "CH",
    ]
)
SPECIAL_ITEMS = ("disability", "minority", "homeless")


def age_group_at(client: Client, day: dt.date) -> str:
    """The age group on ``day`` from the birth date as far as it is known (a missing month or
    day counts as the first, so a partly known birth date never makes anyone younger)."""
    if client.birth_year is None:
        return AgeGroup.UNKNOWN
    born = dt.date(client.birth_year, client.birth_month or 1, min(client.birth_day or 1, 28))
    if client.birth_month and client.birth_day:
        last = calendar.monthrange(client.birth_year, client.birth_month)[1]
        born = dt.date(client.birth_year, client.birth_month, min(client.birth_day, last))
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    if age < 18:
        return AgeGroup.UNDER_18
    if age < 30:
        return AgeGroup.FROM_18_TO_29
    if age < 55:
        return AgeGroup.FROM_30_TO_54
    return AgeGroup.OVER_54


def third_country_national(client: Client) -> bool:
    citizenships = {str(code).upper() for code in client.citizenships or []}
    return bool(citizenships) and not citizenships & EU_EEA_CH


@transaction.atomic
def project_save(
    *, by: Any, values: dict[str, Any], project: Project | None = None, version: int | None = None
) -> Project:
    if values["ends_on"] < values["starts_on"]:
        raise ValidationError({"ends_on": _("The project ends before it starts.")})
    code = values.get("funder_code", "")
    others = Project.objects.filter(funder_code=code)
    if project is not None:
        others = others.exclude(pk=project.pk)
    if code and others.exists():
        raise ValidationError({"funder_code": _("Another project has this funder's code.")})
    if project is None:
        project = Project.objects.create(**values)
        audit_record(actor=by, action="indicators.project_create", target=project)
        return project
    project, changed = versioned_update(project, changes=values, expected_version=version)
    audit_record(
        actor=by,
        action="indicators.project_update",
        target=project,
        details={"fields": changed, "version": project.version},
    )
    return project


@transaction.atomic
def project_point_set(
    *,
    by: Any,
    project: Project,
    municipality: Any,
    service_point: Any = None,
    share_percent: Decimal = Decimal(100),
) -> ProjectPoint:
    point, _created = ProjectPoint.objects.update_or_create(
        project=project,
        municipality=municipality,
        defaults={"service_point": service_point, "share_percent": share_percent},
    )
    audit_record(
        actor=by,
        action="indicators.project_point_set",
        target=project,
        details={"municipality": municipality.code, "share_percent": str(share_percent)},
    )
    return point


@transaction.atomic
def target_set(
    *,
    by: Any,
    project: Project,
    kind: str,
    value: Decimal,
    detail: str = "",
    value_max: Decimal | None = None,
    note: str = "",
) -> Target:
    errors: dict[str, str] = {}
    if kind not in TargetKind.values:
        errors["kind"] = _("Choose a kind of target.")
    if value < 0:
        errors["value"] = _("A target cannot be negative.")
    if value_max is not None and value_max < value:
        errors["value_max"] = _("The upper end is below the target.")
    if kind == TargetKind.WORK_OR_EDUCATION_SHARE and value > 100:
        errors["value"] = _("A share is at most 100 %.")
    if kind == TargetKind.SATISFACTION and not 1 <= value <= 5:
        errors["value"] = _("Satisfaction is measured from 1 to 5.")
    if kind == TargetKind.INDICATOR:
        if detail.upper() not in ALL_CODES:
            errors["detail"] = _("Name one of the funder's indicators, for example EECO01.")
        detail = detail.upper()
    if errors:
        raise ValidationError(errors)
    target, created = Target.objects.update_or_create(
        project=project,
        kind=kind,
        detail=detail,
        defaults={"value": value, "value_max": value_max, "note": note},
    )
    audit_record(
        actor=by,
        action="indicators.target_set",
        target=project,
        details={"kind": kind, "detail": detail, "value": str(value), "created": created},
    )
    return target


@transaction.atomic
def target_delete(*, by: Any, target: Target) -> None:
    audit_record(
        actor=by, action="indicators.target_delete", target=target.project, details={"kind": target.kind}
    )
    target.delete()


def _entry_errors(
    *, client: Client, project: Project, entered_on: dt.date, data: dict[str, Any]
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not Consent.objects.in_force().filter(client=client, purpose=ConsentPurpose.ESF_PARTICIPANT).exists():
        errors["client"] = _(
            "The client has not given consent to ESF+ participant data. Record the consent first."
        )
    if not project.points.filter(service_point_id=client.service_point_id).exists():
        errors["project"] = _("The client's service point does not take part in this project.")
    if not project.starts_on <= entered_on <= project.ends_on:
        errors["entered_on"] = _("The entry date must fall within the project's period.")
    elif entered_on > timezone.localdate():
        errors["entered_on"] = _("The entry date cannot be in the future.")
    if data.get("labour_status") not in LabourStatus.values:
        errors["labour_status"] = _("Choose the labour-market status at entry.")
    for item in SPECIAL_ITEMS:
        if data.get(item) is not None and data.get(f"{item}_consent_on") is None:
            errors[item] = _("Record this only with the participant's own consent to it.")
    return errors


@transaction.atomic
def participant_enrol(
    *, by: Any, client: Client, project: Project, entered_on: dt.date, data: dict[str, Any]
) -> Participant:
    """Make a registered client a participant of ``project`` with the entry data in ``data``:
    labour_status, isced, foreign_background, and the special items with their consent dates."""
    errors = _entry_errors(client=client, project=project, entered_on=entered_on, data=data)
    if errors:
        raise ValidationError(errors)
    municipality_code = client.municipality.code if client.municipality is not None else ""
    degurba = degurba_of(municipality_code) if municipality_code else None
    special = {}
    for item in SPECIAL_ITEMS:
        consent_on = data.get(f"{item}_consent_on")
        special[item] = data.get(item) if consent_on else None
        special[f"{item}_consent_on"] = consent_on
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                project=project,
                client=client,
                service_point_id=client.service_point_id,
                entered_on=entered_on,
                gender=client.gender,
                age_group=age_group_at(client, entered_on),
                labour_status=data["labour_status"],
                isced=data.get("isced") or "",
                third_country_national=third_country_national(client),
                foreign_background=bool(data.get("foreign_background")),
                municipality_code=municipality_code,
                degurba=degurba,
                rural=degurba == RURAL,
                recorded_by=by,
                **special,
            )
    except IntegrityError:
        raise ValidationError({"client": _("The client already takes part in this project.")}) from None
    audit_record(
        actor=by,
        action="indicators.participant_enrol",
        target=participant,
        details={"project": str(project.uuid), "client": str(client.uuid)},
    )
    return participant


def _months_later(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def participant_exit(
    *,
    by: Any,
    participant: Participant,
    exited_on: dt.date,
    reason: str,
    status: str,
    version: int | None = None,
) -> Participant:
    errors: dict[str, str] = {}
    if exited_on < participant.entered_on:
        errors["exited_on"] = _("The exit date is before the entry date.")
    elif exited_on > timezone.localdate():
        errors["exited_on"] = _("The exit date cannot be in the future.")
    if reason not in ExitReason.values:
        errors["exit_reason"] = _("Choose why the participant left.")
    if status not in LabourStatus.values:
        errors["exit_status"] = _("Choose the labour-market status at exit.")
    if errors:
        raise ValidationError(errors)
    participant, changed = versioned_update(
        participant,
        changes={"exited_on": exited_on, "exit_reason": reason, "exit_status": status},
        expected_version=version,
    )
    for kind, due_on in (
        (FollowUpKind.FOUR_WEEKS, exited_on + dt.timedelta(weeks=4)),
        (FollowUpKind.SIX_MONTHS, _months_later(exited_on, 6)),
    ):
        follow_up, created = ParticipantFollowUp.objects.get_or_create(
            participant=participant, kind=kind, defaults={"due_on": due_on}
        )
        if not created and follow_up.done_on is None and follow_up.due_on != due_on:
            follow_up.due_on = due_on
            follow_up.save(update_fields=["due_on", "updated_at"])
    audit_record(
        actor=by, action="indicators.participant_exit", target=participant, details={"fields": changed}
    )
    return participant


@transaction.atomic
def participant_eura_mark(
    *, by: Any, participant: Participant, part: str, on: dt.date | None = None
) -> Participant:
    """Record that the participant's start (``entry``) or end (``exit``) data is now in EURA 2021."""
    if part == "exit" and participant.exited_on is None:
        raise ValidationError({"part": _("The participant has not left the project yet.")})
    if part not in ("entry", "exit"):
        raise ValidationError({"part": _("Choose the start or the end data.")})
    changes: dict[str, Any] = {f"{part}_in_eura_on": on or timezone.localdate()}
    if part == "entry":
        changes["entry_reentry_due"] = False  # corrected data, now entered again
    participant, changed = versioned_update(participant, changes=changes)
    audit_record(
        actor=by, action="indicators.participant_eura", target=participant, details={"fields": changed}
    )
    return participant


RESULT_FIELDS = ("job_searching", "in_education", "qualification", "employed", "improved", "unreachable")


@transaction.atomic
def follow_up_record(
    *, by: Any, follow_up: ParticipantFollowUp, done_on: dt.date, results: dict[str, bool]
) -> ParticipantFollowUp:
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("The follow-up date cannot be in the future.")})
    if follow_up.participant.exited_on and done_on < follow_up.participant.exited_on:
        raise ValidationError({"done_on": _("The follow-up date is before the exit.")})
    if results.get("unreachable") and any(results.get(name) for name in RESULT_FIELDS[:-1]):
        raise ValidationError({"unreachable": _("A participant who could not be reached has no results.")})
    locked = ParticipantFollowUp.objects.select_for_update().get(pk=follow_up.pk)
    locked.done_on = done_on
    for name in RESULT_FIELDS:
        setattr(locked, name, bool(results.get(name)))
    locked.recorded_by = by
    locked.save()
    audit_record(
        actor=by,
        action="indicators.follow_up_record",
        target=locked.participant,
        details={"kind": locked.kind, **{name: getattr(locked, name) for name in RESULT_FIELDS}},
    )
    return locked
