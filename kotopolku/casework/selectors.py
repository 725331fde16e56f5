"""Reads of case work, always scoped to what the user may see (``scope_condition`` of the action)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Exists, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can, organisation_ids, scope_condition, service_point_ids
from kotopolku.casework.enums import (
    CEFR_SKILLS,
    CaseStatus,
    PlanStatus,
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
from kotopolku.casework.worklist import FOLLOW_UPS_DUE_DAYS as FOLLOW_UPS_DUE_DAYS
from kotopolku.casework.worklist import PLANS_ENDING_DAYS as PLANS_ENDING_DAYS
from kotopolku.casework.worklist import STEPS_DUE_DAYS as STEPS_DUE_DAYS
from kotopolku.casework.worklist import WorkList as WorkList
from kotopolku.casework.worklist import work_list as work_list
from kotopolku.clients.enums import ConsentPurpose
from kotopolku.clients.models import Client, Consent


def _uuid(value: Any) -> UUID:
    try:
        return UUID(str(value))
    except ValueError:
        raise Http404 from None


def client_for(*, user: Any, uuid: Any, action: str = "casework.view") -> Client:
    """The client by its UUID, or 404. The caller then ``require``s ``action`` on it, which audits
    a denied attempt on a client that exists."""
    client = (
        Client.objects.select_related("service_point", "municipality", "responsible_worker")
        .filter(uuid=_uuid(uuid))
        .first()
    )
    if client is None:
        raise Http404
    return client


def clients_visible(*, user: Any, action: str = "casework.view") -> QuerySet[Client]:
    from kotopolku.accounts.permissions import service_point_reach
    from kotopolku.clients.permissions import works_with_condition

    reach = service_point_reach(user, action)
    condition = Q(service_point_id__in=sorted(reach.full))
    if reach.narrowed:
        condition |= Q(service_point_id__in=sorted(reach.narrowed)) & works_with_condition(user)
    return Client.objects.filter(condition)


def _plans_prefetched(queryset: QuerySet[Plan]) -> QuerySet[Plan]:
    return queryset.select_related(
        "client", "client__municipality", "service_point", "responsible", "household", "service_path"
    ).prefetch_related(
        "partners",
        Prefetch("goals", queryset=Goal.objects.order_by("position", "id")),
        Prefetch(
            "steps",
            queryset=Step.objects.select_related(
                "organisation", "owner_user", "service", "goal"
            ).prefetch_related("service__translations"),
        ),
        Prefetch(
            "follow_ups", queryset=FollowUp.objects.select_related("recorded_by").order_by("planned_on", "id")
        ),
    )


def plan_get(*, user: Any, uuid: Any, action: str = "casework.view") -> Plan:
    plan = _plans_prefetched(Plan.objects.filter(uuid=_uuid(uuid))).first()
    if plan is None:
        raise Http404
    return plan


def plans_of_client(*, client: Client) -> list[Plan]:
    return list(
        Plan.objects.filter(client=client)
        .select_related("responsible", "household")
        .prefetch_related("partners")
        .order_by("-starts_on", "-id")
    )


def plans_visible(*, user: Any, action: str = "casework.view") -> QuerySet[Plan]:
    return Plan.objects.filter(scope_condition(user, action))


def cases_of_client(*, client: Client) -> list[Case]:
    return list(
        Case.objects.filter(client=client)
        .select_related("service_point", "opened_by", "closed_by")
        .prefetch_related(
            Prefetch(
                "transfers",
                queryset=CaseTransfer.objects.select_related(
                    "to_service_point", "requested_by", "decided_by"
                ),
            )
        )
    )


def open_case(*, client: Client) -> Case | None:
    return Case.objects.filter(client=client, status=CaseStatus.OPEN).first()


def assessments_of_client(*, client: Client) -> list[Assessment]:
    return list(Assessment.objects.filter(client=client).select_related("assessed_by").order_by("-number"))


def household_of(*, client: Client) -> tuple[Household | None, list[HouseholdMember]]:
    membership = HouseholdMember.objects.select_related("household").filter(client=client).first()
    if membership is None:
        return None, []
    members = list(
        HouseholdMember.objects.filter(household=membership.household)
        .select_related("client")
        .order_by("relation", "id")
    )
    return membership.household, members


def households_visible(*, user: Any) -> QuerySet[Household]:
    return Household.objects.filter(service_point_id__in=service_point_ids(user, "casework.view"))


def code_label(scheme: str, code: str, language: str | None = None) -> str:
    if not code:
        return ""
    item = CodeListItem.objects.filter(scheme=scheme, code=code).first()
    return f"{code} {item.label_in(language or get_language())}" if item else code


def code_labels(scheme: str, codes: set[str], language: str | None = None) -> dict[str, str]:
    language = language or get_language()
    return {
        item.code: item.label_in(language)
        for item in CodeListItem.objects.filter(scheme=scheme, code__in=[c for c in codes if c])
    }


def code_choices(scheme: str, *, level: int | None = None) -> list[tuple[str, str]]:
    items = CodeListItem.objects.filter(scheme=scheme)
    if level is not None:
        items = items.filter(level=level)
    language = get_language()
    return [(item.code, f"{item.code} {item.label_in(language)}") for item in items.order_by("code")]


# What changed between two assessments ----------------------------------------------------------


@dataclass(frozen=True)
class Change:
    what: str
    before: str
    after: str


def _languages_text(rows: list[dict[str, Any]]) -> dict[str, str]:
    return {
        row.get("language", ""): " ".join(
            f"{skill[0].upper()}:{row.get(skill) or '–'}" for skill in CEFR_SKILLS
        )
        for row in rows
    }


def assessment_changes(current: Assessment, previous: Assessment | None) -> list[Change]:
    """What the profile shows as changed since the previous assessment."""
    if previous is None:
        return []
    changes: list[Change] = []
    before, after = _languages_text(previous.languages), _languages_text(current.languages)
    for language in sorted(set(before) | set(after)):
        if before.get(language) != after.get(language):
            changes.append(
                Change(
                    _("Language %(code)s") % {"code": language},
                    before.get(language, "–"),
                    after.get(language, "–"),
                )
            )
    simple = [
        ("literacy", _("Literacy"), lambda a: a.get_literacy_display()),
        ("reads_latin", _("Reads Latin script"), lambda a: _("yes") if a.reads_latin else _("no")),
        ("occupation", _("Occupation sought"), lambda a: a.occupation or "–"),
        ("conclusion", _("Conclusion"), lambda a: a.get_conclusion_display()),
        ("service_needs", _("Service needs"), lambda a: ", ".join(sorted(a.service_needs)) or "–"),
        ("family_situation", _("Family situation"), lambda a: a.family_situation or "–"),
        ("own_goals", _("The client's own goals"), lambda a: a.own_goals or "–"),
    ]
    for _name, label, show in simple:
        if show(previous) != show(current):
            changes.append(Change(str(label), show(previous), show(current)))
    edu = lambda a: "; ".join(  # noqa: E731
        f"{row.get('level', '')}/{row.get('field', '')} {row.get('country', '')} {row.get('year', '')}"
        for row in a.education
    )
    if edu(previous) != edu(current):
        changes.append(Change(_("Education"), edu(previous) or "–", edu(current) or "–"))
    work = lambda a: "; ".join(  # noqa: E731
        f"{row.get('occupation', '')} {row.get('title', '')} {row.get('years', '')}" for row in a.work_history
    )
    if work(previous) != work(current):
        changes.append(Change(_("Work history"), work(previous) or "–", work(current) or "–"))
    return changes


# Notes, transfers, partners --------------------------------------------------------------------


def notes_visible_rows(*, user: Any, client: Client) -> QuerySet[CaseNote]:
    """Notes written at the service points where the user works (no network role reaches them);
    a special-category note only while the client's consent for such data is in force."""
    return notes_rows(client=client, points=notes_visible_points(user=user))


def notes_visible_points(*, user: Any) -> frozenset[int]:
    """The service points whose notes ``user`` reads (``notes_visible_rows``)."""
    return frozenset(service_point_ids(user, "casework.notes"))


def notes_rows(*, client: Client, points: frozenset[int]) -> QuerySet[CaseNote]:
    """The client's notes written at ``points`` (``notes_visible_points``), a special-category
    note only while the client's consent for such data is in force."""
    notes = CaseNote.objects.filter(client=client, service_point_id__in=sorted(points))
    consent = Consent.objects.in_force().filter(client=client, purpose=ConsentPurpose.SPECIAL_CATEGORY)
    return notes.filter(Q(special_category=False) | Q(Exists(consent)))


def notes_visible(*, user: Any, client: Client) -> list[CaseNote]:
    """The notes of ``notes_visible_rows``, newest first, with their authors."""
    return list(
        notes_visible_rows(user=user, client=client).select_related("author").order_by("-created_at", "-id")
    )


def transfers_incoming(*, user: Any) -> list[CaseTransfer]:
    points = service_point_ids(user, "casework.transfer_decide")
    return list(
        CaseTransfer.objects.filter(to_service_point_id__in=sorted(points), status=TransferStatus.REQUESTED)
        .select_related("case", "case__client", "service_point", "to_service_point", "requested_by")
        .order_by("created_at")
    )


def transfer_get(*, uuid: Any) -> CaseTransfer:
    transfer = (
        CaseTransfer.objects.select_related("case", "case__client", "to_service_point")
        .filter(uuid=_uuid(uuid))
        .first()
    )
    if transfer is None:
        raise Http404
    return transfer


def partner_steps(*, user: Any) -> list[Step]:
    """The plan steps assigned to the user's partner organisations; nothing else of the plans."""
    organisations = organisation_ids(user, "casework.partner_steps")
    if not organisations and not can(user, "casework.partner_steps"):
        return []
    from kotopolku.accounts.permissions import grants_for

    held = grants_for(user).organisations
    mine = sorted(pk for pk, role_set in held.items() if "partner_staff" in role_set)
    return list(
        Step.objects.filter(organisation_id__in=mine, plan__status__in=[PlanStatus.ACTIVE, PlanStatus.DRAFT])
        .select_related("organisation", "service", "plan", "plan__client")
        .prefetch_related("service__translations")
        .order_by("due_on", "id")
    )


def partner_step_get(*, uuid: Any) -> Step:
    step = (
        Step.objects.select_related("organisation", "plan", "plan__client").filter(uuid=_uuid(uuid)).first()
    )
    if step is None:
        raise Http404
    return step


# Service paths ---------------------------------------------------------------------------------


def service_name(service: Any, language: str | None = None) -> str:
    if service is None:
        return ""
    language = language or get_language() or "fi"
    names = {row.language: row.name for row in service.translations.all()}
    for code in (language, "fi", "en", "sv"):
        if names.get(code):
            return names[code]
    return next(iter(names.values()), "")


def path_steps_for(*, path: Any, municipality: Any) -> tuple[str, list[tuple[str, Any]]]:
    """The path's name and its steps in the local variant of ``municipality``: (text, service)."""
    from kotopolku.catalogue.selectors.paths import path_with_steps, resolve_steps

    full = path_with_steps(uuid=path.uuid)
    language = get_language() or "fi"
    names = {row.language: row.name for row in full.translations.all()}
    name = names.get(language) or names.get("fi") or names.get("en") or full.key
    steps = []
    for resolved in resolve_steps(full, municipality):
        service = resolved.step.service
        text = service_name(service, language) or resolved.note(language) or name
        steps.append((text, service))
    return name, steps


def service_paths() -> list[tuple[str, str]]:
    from kotopolku.catalogue.models import ServicePath

    language = get_language() or "fi"
    paths = ServicePath.objects.filter(is_active=True).prefetch_related("translations").order_by("key")
    choices = []
    for path in paths:
        names = {row.language: row.name for row in path.translations.all()}
        choices.append((str(path.uuid), names.get(language) or names.get("fi") or path.key))
    return choices


# The timeline ----------------------------------------------------------------------------------


def case_events(*, client: Client) -> list[CaseEvent]:
    return list(
        CaseEvent.objects.filter(client=client)
        .select_related("actor", "plan")
        .order_by("-happened_at", "-id")
    )
