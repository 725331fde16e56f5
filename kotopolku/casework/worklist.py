"""The advisor's work list: steps due within 7 days or overdue, follow-ups due, plans ending
within 30 days, and open cases of their clients without an assessment.

Each part is one query led by an index of the advisor's own rows (their plans, their steps,
their clients) and reads only the columns the list shows: the row, its plan's kind and the
client's name, as plain rows rather than model instances (plans ending excepted). Five
queries in all."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import scope_condition, service_point_ids
from kotopolku.casework.enums import OPEN_STEP_STATUSES, CaseStatus, PlanKind, PlanStatus, StepStatus
from kotopolku.casework.models import Assessment, Case, FollowUp, Plan, Step

STEPS_DUE_DAYS = 7
FOLLOW_UPS_DUE_DAYS = 7
PLANS_ENDING_DAYS = 30
LIMIT = 200

_LIVE = [PlanStatus.DRAFT, PlanStatus.ACTIVE]
# What the list shows of a client: the link and the name (``Client.display_name``).
_CLIENT = ("uuid", "given_names", "family_name", "given_names_latin", "family_name_latin")


def _client_columns(path: str) -> tuple[str, ...]:
    return tuple(f"{path}__{name}" for name in _CLIENT)


@dataclass(frozen=True, slots=True)
class ClientRef:
    uuid: UUID
    display_name: str

    @classmethod
    def of(cls, uuid: UUID, given: str, family: str, given_latin: str, family_latin: str) -> ClientRef:
        # As ``Client.display_name``.
        latin = " ".join(part for part in (given_latin, family_latin) if part)
        written = " ".join(part for part in (given, family) if part)
        return cls(uuid=uuid, display_name=latin or written or str(_("(no name)")))


@dataclass(frozen=True, slots=True)
class PlanRef:
    uuid: UUID
    kind: str
    client: ClientRef

    def get_kind_display(self) -> str:
        return str(PlanKind(self.kind).label) if self.kind in PlanKind.values else self.kind


@dataclass(frozen=True, slots=True)
class StepDue:
    pk: int
    text: str
    status: str
    due_on: dt.date
    plan: PlanRef

    def get_status_display(self) -> str:
        return str(StepStatus(self.status).label) if self.status in StepStatus.values else self.status


@dataclass(frozen=True, slots=True)
class FollowUpDue:
    pk: int
    planned_on: dt.date
    plan: PlanRef


@dataclass(frozen=True, slots=True)
class CaseDue:
    pk: int
    opened_on: dt.date
    client: ClientRef


_PLAN_COLUMNS = ("plan__uuid", "plan__kind", *_client_columns("plan__client"))


def _plan(row: tuple[Any, ...]) -> PlanRef:
    return PlanRef(uuid=row[0], kind=row[1], client=ClientRef.of(*row[2:7]))


@dataclass
class WorkList:
    steps_due: list[StepDue] = field(default_factory=list)
    follow_ups_due: list[FollowUpDue] = field(default_factory=list)
    plans_ending: list[Plan] = field(default_factory=list)
    cases_without_assessment: list[CaseDue] = field(default_factory=list)
    today: dt.date | None = None

    @property
    def empty(self) -> bool:
        return not (
            self.steps_due or self.follow_ups_due or self.plans_ending or self.cases_without_assessment
        )


def work_list(*, user: Any, today: dt.date | None = None) -> WorkList:
    """The advisor's own work: steps due (theirs, or the client's and the advisor's steps of
    plans they are responsible for), follow-ups due, plans ending, and open cases of their
    clients without an assessment; at most 200 rows of each, the earliest first."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=STEPS_DUE_DAYS)
    visible = scope_condition(user, "casework.view")
    points = sorted(service_point_ids(user, "casework.view"))
    # A subquery, not a list: compiling a list of a thousand ids costs more than running it.
    own_plans = Plan.objects.filter(visible).filter(responsible=user, status__in=_LIVE).values("id")
    due = Step.objects.filter(status__in=OPEN_STEP_STATUSES, due_on__lte=soon)
    columns = ("id", "text", "status", "due_on", *_PLAN_COLUMNS)
    # The client's and the advisor's steps of the advisor's plans, and the advisor's own steps in
    # colleagues' plans: two index reads merged here (an OR across them would read every plan).
    steps = sorted(
        [
            *due.filter(plan_id__in=own_plans)
            .exclude(owner="partner")
            .order_by("due_on", "id")
            .values_list(*columns)[:LIMIT],
            *due.filter(owner_user=user, plan__status__in=_LIVE, plan__service_point_id__in=points)
            .exclude(plan_id__in=own_plans)
            .order_by("due_on", "id")
            .values_list(*columns)[:LIMIT],
        ],
        key=lambda row: (row[3], row[0]),
    )[:LIMIT]
    follow_ups = (
        FollowUp.objects.filter(
            plan_id__in=own_plans,
            held_on__isnull=True,
            planned_on__lte=today + dt.timedelta(days=FOLLOW_UPS_DUE_DAYS),
        )
        .order_by("planned_on", "id")
        .values_list("id", "planned_on", *_PLAN_COLUMNS)[:LIMIT]
    )
    plans = (
        Plan.objects.filter(visible)
        .filter(
            responsible=user,
            status=PlanStatus.ACTIVE,
            ends_on__lte=today + dt.timedelta(days=PLANS_ENDING_DAYS),
        )
        .select_related("client")
        .only("id", "uuid", "kind", "ends_on", "client_id", *_client_columns("client"))
        .order_by("ends_on", "id")[:LIMIT]
    )
    # The advisor's clients (the responsible-worker index), each one's open case (the
    # one-open-case-per-client index) and whether any assessment exists (the client index).
    cases = (
        Case.objects.filter(
            status=CaseStatus.OPEN,
            client__responsible_worker=user,
            client__service_point_id__in=points,
        )
        .filter(~Exists(Assessment.objects.filter(client_id=OuterRef("client_id"))))
        .order_by("opened_on", "id")
        .values_list("id", "opened_on", *_client_columns("client"))[:LIMIT]
    )
    return WorkList(
        steps_due=[StepDue(row[0], row[1], row[2], row[3], _plan(row[4:])) for row in steps],
        follow_ups_due=[FollowUpDue(row[0], row[1], _plan(row[2:])) for row in follow_ups],
        plans_ending=list(plans),
        cases_without_assessment=[CaseDue(row[0], row[1], ClientRef.of(*row[2:])) for row in cases],
        today=today,
    )
