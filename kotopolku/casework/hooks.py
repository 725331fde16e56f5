"""Case work's part in a client's profile, timeline, data export, retention and anonymisation
(registered with ``kotopolku.clients.hooks``)."""

from __future__ import annotations

import datetime as dt
from datetime import datetime, time
from typing import Any

from django.db.models import Exists, F, JSONField, Max, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can
from kotopolku.casework.enums import OPEN_STEP_STATUSES, CaseStatus, PlanKind, PlanStatus, StepStatus
from kotopolku.casework.models import (
    Assessment,
    Case,
    CaseEvent,
    CaseNote,
    FollowUp,
    HouseholdMember,
    Plan,
    Step,
)
from kotopolku.casework.selectors import (
    FOLLOW_UPS_DUE_DAYS,
    PLANS_ENDING_DAYS,
    STEPS_DUE_DAYS,
    notes_rows,
    notes_visible_points,
)
from kotopolku.casework.services import casework_blank_free_text
from kotopolku.clients.hooks import TimelineEntry, TimelineQuery
from kotopolku.clients.models import Client
from kotopolku.clients.timeline import JSONList, SubqueryCount, as_uuid, choice_label, json_value
from kotopolku.core.compiled import CompiledValues, StatementCache, bind, stand_in


def _event_title(kind: str, details: dict[str, Any], plan_kind: str | None) -> str:
    plan_kind = str(PlanKind(plan_kind).label) if plan_kind else ""
    titles = {
        "case_opened": lambda: _("Case opened"),
        "case_closed": lambda: _("Case closed"),
        "case_reopened": lambda: _("Case reopened"),
        "transfer_requested": lambda: _("Transfer to %(point)s requested") % {"point": details.get("to", "")},
        "transfer_accepted": lambda: _("Case transferred to %(point)s") % {"point": details.get("to", "")},
        "transfer_declined": lambda: _("Transfer to %(point)s declined") % {"point": details.get("to", "")},
        "household_joined": lambda: (
            _("Joined the household %(name)s") % {"name": details.get("household", "")}
        ),
        "household_left": lambda: _("Left the household %(name)s") % {"name": details.get("household", "")},
        "assessment": lambda: _("Needs assessment no. %(number)s") % {"number": details.get("number", "")},
        "plan_created": lambda: _("%(plan)s drafted") % {"plan": plan_kind},
        "plan_changed": lambda: _("%(plan)s changed") % {"plan": plan_kind},
        "plan_status": lambda: (
            _("%(plan)s: %(status)s")
            % {"plan": plan_kind, "status": PlanStatus(details.get("status", "draft")).label}
        ),
        "goal_added": lambda: _("%(plan)s: goal added") % {"plan": plan_kind},
        "step_added": lambda: _("%(plan)s: step added") % {"plan": plan_kind},
        "step_changed": lambda: (
            _("%(plan)s: step %(status)s")
            % {"plan": plan_kind, "status": str(StepStatus(details.get("status", "todo")).label).lower()}
        ),
        "follow_up_held": lambda: _("%(plan)s: follow-up meeting held") % {"plan": plan_kind},
    }
    make = titles.get(kind)
    return str(make()) if make else kind


def _event_entry(when: datetime, data: dict[str, Any]) -> TimelineEntry:
    details = json_value(data.get("details")) or {}
    parts = [str(value) for key, value in details.items() if key in ("text", "reason") and value]
    if data.get("actor_id") is not None:
        parts.append(data.get("actor_name") or data.get("actor_email") or "")
    plan = as_uuid(data.get("plan"))
    return TimelineEntry(
        when=when,
        kind=f"casework.{data['kind']}",
        title=_event_title(data["kind"], details, data.get("plan_kind")),
        detail=" · ".join(parts),
        url=reverse("casework:plan", args=[plan]) if plan else None,
    )


# Cases, transfers, households, assessments and plan changes ...
casework_timeline = TimelineQuery(
    allowed=lambda client, user: can(user, "casework.view", client),
    rows=lambda client, allowed: CaseEvent.objects.filter(client=client),
    when="happened_at",
    data={
        "kind": "kind",
        "details": "details",
        "actor_id": "actor_id",
        "actor_name": "actor__full_name",
        "actor_email": "actor__email",
        "plan": "plan__uuid",
        "plan_kind": "plan__kind",
    },
    entry=_event_entry,
)


def _note_entry(when: datetime, data: dict[str, Any]) -> TimelineEntry:
    author = data.get("author_name") or data.get("author_email") or ""
    return TimelineEntry(
        when=when,
        kind="casework.note",
        title=_("Case note") + (" (" + _("special category") + ")" if data.get("special_category") else ""),
        detail=f"{data['text']} · {author}" if author else data["text"],
    )


# ... and the notes the user may read.
casework_notes_timeline = TimelineQuery(
    allowed=lambda client, user: (
        notes_visible_points(user=user) if can(user, "casework.view", client) else None
    ),
    rows=lambda client, points: notes_rows(client=client, points=points),
    when="created_at",
    data={
        "text": "text",
        "special_category": "special_category",
        "author_name": "author__full_name",
        "author_email": "author__email",
    },
    entry=_note_entry,
)


def _panel_statement(today: dt.date) -> CompiledValues:
    """The open case, the household with its other members and the work list's counts of a
    client, as one row of one query: compiled for a stand-in client, once a day."""
    client = stand_in(Client)
    live = Q(plan__status__in=[PlanStatus.DRAFT, PlanStatus.ACTIVE], plan__client=OuterRef("pk"))
    open_case = Case.objects.filter(client=OuterRef("pk"), status=CaseStatus.OPEN)
    members = (
        HouseholdMember.objects.filter(household=OuterRef("household_membership__household"))
        .exclude(client=OuterRef("pk"))
        .order_by()
        .values("household")
        .annotate(
            rows=JSONList(
                JSONObject(
                    id="id",
                    uuid="client__uuid",
                    relation="relation",
                    given_latin="client__given_names_latin",
                    family_latin="client__family_name_latin",
                    given="client__given_names",
                    family="client__family_name",
                )
            )
        )
        .values("rows")
    )
    return CompiledValues.of(
        Client.objects.filter(pk=client.pk)
        .annotate(
            case_opened_on=Subquery(open_case.values("opened_on")[:1]),
            assessed=Exists(Assessment.objects.filter(client_id=OuterRef("pk"))),
            household_name=F("household_membership__household__name"),
            member_rows=Subquery(members[:1], output_field=JSONField()),
            steps_due=SubqueryCount(
                Step.objects.filter(
                    live,
                    status__in=OPEN_STEP_STATUSES,
                    due_on__lte=today + dt.timedelta(days=STEPS_DUE_DAYS),
                ).values("id")
            ),
            follow_ups_due=SubqueryCount(
                FollowUp.objects.filter(
                    live,
                    held_on__isnull=True,
                    planned_on__lte=today + dt.timedelta(days=FOLLOW_UPS_DUE_DAYS),
                ).values("id")
            ),
            plans_ending=SubqueryCount(
                Plan.objects.filter(
                    client=OuterRef("pk"),
                    status=PlanStatus.ACTIVE,
                    ends_on__lte=today + dt.timedelta(days=PLANS_ENDING_DAYS),
                ).values("id")
            ),
        )
        .values(
            "case_opened_on",
            "assessed",
            "household_name",
            "member_rows",
            "steps_due",
            "follow_ups_due",
            "plans_ending",
        )
    )


_panel_statements: StatementCache[CompiledValues] = StatementCache(size=4)


def _panel_row(client: Any) -> dict[str, Any]:
    today = timezone.localdate()
    statement = _panel_statements.get(today, lambda: _panel_statement(today))
    [row] = statement.read(bind(statement.params, pk=client.pk))
    return row


def casework_profile_panel(client: Any, user: Any) -> Any:
    """Family members, the open case and the work list's facts on the client's profile, from one
    query."""
    if not can(user, "casework.view", client):
        return None
    row = _panel_row(client)
    members = []
    for member in sorted(json_value(row["member_rows"]) or [], key=lambda m: (m["relation"], m["id"])):
        latin = " ".join(part for part in (member["given_latin"], member["family_latin"]) if part)
        written = " ".join(part for part in (member["given"], member["family"]) if part)
        members.append(
            {
                "uuid": as_uuid(member["uuid"]),
                "name": latin or written or _("(no name)"),
                "relation": choice_label(HouseholdMember, "relation", member["relation"]),
            }
        )
    return render_to_string(
        "casework/includes/profile_panel.html",
        {
            "client": client,
            "household": row["household_name"],
            "members": members,
            "case_opened_on": row["case_opened_on"],
            "without_assessment": row["case_opened_on"] is not None and not row["assessed"],
            "steps_due": row["steps_due"],
            "follow_ups_due": row["follow_ups_due"],
            "plans_ending": row["plans_ending"],
        },
    )


def casework_retention_dates(clients: list[Any]) -> dict[int, datetime | None]:
    """For clients that have cases: the latest case's closing (start of that day), or None
    while a case is open."""
    ids = [client.pk for client in clients]
    if not ids:
        return {}
    open_ids = set(
        Case.objects.filter(client_id__in=ids, status=CaseStatus.OPEN).values_list("client_id", flat=True)
    )
    closed = dict(
        Case.objects.filter(client_id__in=ids, status=CaseStatus.CLOSED)
        .values("client_id")
        .annotate(last=Max("closed_on"))
        .values_list("client_id", "last")
    )
    answer: dict[int, datetime | None] = {}
    for client_id in ids:
        if client_id in open_ids:
            answer[client_id] = None
        elif client_id in closed:
            answer[client_id] = timezone.make_aware(datetime.combine(closed[client_id], time.min))
    return answer


def casework_export(client: Any) -> dict[str, Any]:
    """Everything case work holds on the client, for the data subject's access request."""
    from kotopolku.casework.handover import plan_document

    return {
        "cases": [
            {
                "id": str(case.uuid),
                "opened_on": case.opened_on.isoformat(),
                "opened_because": case.opened_because,
                "status": case.status,
                "closed_on": case.closed_on.isoformat() if case.closed_on else None,
                "close_reason": case.close_reason,
            }
            for case in Case.objects.filter(client=client).order_by("opened_on")
        ],
        "assessments": [
            {
                "number": row.number,
                "assessed_on": row.assessed_on.isoformat(),
                "languages": row.languages,
                "literacy": row.literacy,
                "reads_latin": row.reads_latin,
                "education": row.education,
                "work_history": row.work_history,
                "occupation": row.occupation,
                "family_situation": row.family_situation,
                "service_needs": row.service_needs,
                "service_needs_note": row.service_needs_note,
                "own_goals": row.own_goals,
                "conclusion": row.conclusion,
            }
            for row in Assessment.objects.filter(client=client).order_by("number")
        ],
        "plans": [plan_document(plan) for plan in Plan.objects.filter(client=client).order_by("starts_on")],
        "notes": [
            {
                "written": note.created_at.isoformat(),
                "text": note.text,
                "special_category": note.special_category,
            }
            for note in CaseNote.objects.filter(client=client).order_by("created_at")
        ],
    }


def on_client_anonymised(sender: Any = None, *, client: Any, **kwargs: Any) -> None:
    casework_blank_free_text(client=client)


def casework_export_document(client: Any) -> Any:
    """The client's cases, assessments, plans and notes, in words, in the active language."""
    from django.utils.formats import date_format

    from kotopolku.clients.hooks import ExportRecord, ExportSection

    records = []
    for case in Case.objects.filter(client=client).order_by("opened_on"):
        fields = [
            (_("How the client came"), str(case.get_opened_because_display())),
            (_("Status"), str(case.get_status_display())),
        ]
        if case.closed_on:
            fields.append((_("Closed"), date_format(case.closed_on, "SHORT_DATE_FORMAT")))
        records.append(
            ExportRecord(
                heading=_("Case opened %(date)s")
                % {"date": date_format(case.opened_on, "SHORT_DATE_FORMAT")},
                fields=fields,
            )
        )
    for row in Assessment.objects.filter(client=client).order_by("number"):
        records.append(
            ExportRecord(
                heading=_("Needs assessment no. %(number)s") % {"number": row.number},
                fields=[
                    (_("Assessed"), date_format(row.assessed_on, "SHORT_DATE_FORMAT")),
                    (
                        _("Languages"),
                        ", ".join(f"{r.get('language', '')} {r.get('speaking') or ''}" for r in row.languages)
                        or "–",
                    ),
                    (_("Literacy"), str(row.get_literacy_display())),
                    (_("The client's own goals"), row.own_goals or "–"),
                    (_("Conclusion"), str(row.get_conclusion_display())),
                ],
            )
        )
    for plan in Plan.objects.filter(client=client).prefetch_related("goals", "steps").order_by("starts_on"):
        fields = [
            (_("Status"), str(plan.get_status_display())),
            (
                _("Period"),
                " – ".join(date_format(day, "SHORT_DATE_FORMAT") for day in (plan.starts_on, plan.ends_on)),
            ),
        ]
        fields.extend((_("Goal"), goal.text) for goal in plan.goals.all())
        fields.extend((_("Step"), f"{step.text} ({step.get_status_display()})") for step in plan.steps.all())
        records.append(ExportRecord(heading=str(plan.get_kind_display()), fields=fields))
    for note in CaseNote.objects.filter(client=client).order_by("created_at"):
        records.append(
            ExportRecord(
                heading=_("Case note %(date)s") % {"date": date_format(note.created_at, "SHORT_DATE_FORMAT")},
                fields=[(_("Note"), note.text or "–")],
            )
        )
    return ExportSection(title=_("Cases, assessments and plans"), records=records)
