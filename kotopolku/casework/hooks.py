"""Case work's part in a client's profile, timeline, data export, retention and anonymisation
(registered with ``kotopolku.clients.hooks``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from typing import Any

from django.db.models import Exists, Max, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can
from kotopolku.casework.enums import CaseStatus, PlanKind, PlanStatus, StepStatus
from kotopolku.casework.models import Assessment, Case, CaseEvent, CaseNote, HouseholdMember, Plan
from kotopolku.casework.selectors import client_facts, notes_visible
from kotopolku.casework.services import casework_blank_free_text
from kotopolku.clients.hooks import TimelineEntry


def _event_title(event: CaseEvent) -> str:
    details = event.details or {}
    plan_kind = str(PlanKind(event.plan.kind).label) if event.plan is not None else ""
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
    make = titles.get(event.kind)
    return str(make()) if make else event.kind


def _event_detail(event: CaseEvent) -> str:
    details = event.details or {}
    parts = [str(value) for key, value in details.items() if key in ("text", "reason") and value]
    if event.actor is not None:
        parts.append(str(event.actor))
    return " · ".join(parts)


def casework_timeline(client: Any, user: Any) -> Iterator[TimelineEntry]:
    """Cases, transfers, households, assessments, plan changes (one query) and the notes the
    user may read (one more)."""
    if not can(user, "casework.view", client):
        return
    events = CaseEvent.objects.filter(client=client).select_related("actor", "plan").order_by("-happened_at")
    for event in events:
        url = reverse("casework:plan", args=[event.plan.uuid]) if event.plan is not None else None
        yield TimelineEntry(
            when=event.happened_at,
            kind=f"casework.{event.kind}",
            title=_event_title(event),
            detail=_event_detail(event),
            url=url,
        )
    for note in notes_visible(user=user, client=client):
        yield TimelineEntry(
            when=note.created_at,
            kind="casework.note",
            title=_("Case note") + (" (" + _("special category") + ")" if note.special_category else ""),
            detail=f"{note.text} · {note.author}" if note.author else note.text,
        )


def casework_profile_panel(client: Any, user: Any) -> Any:
    """Family members, the open case and the work list's facts on the client's profile (five
    queries: the household with its members, the open case with whether it is assessed, and the
    steps, follow-ups and plans due)."""
    if not can(user, "casework.view", client):
        return None
    members = list(
        HouseholdMember.objects.filter(household__members__client=client)
        .select_related("client", "household")
        .order_by("relation", "id")
    )
    case = (
        Case.objects.filter(client=client, status=CaseStatus.OPEN)
        .annotate(assessed=Exists(Assessment.objects.filter(client_id=OuterRef("client_id"))))
        .first()
    )
    facts = client_facts(client=client, with_cases=False)
    if case is not None and not case.assessed:
        facts.cases_without_assessment = [case]
    return render_to_string(
        "casework/includes/profile_panel.html",
        {
            "client": client,
            "household": members[0].household if members else None,
            "members": [member for member in members if member.client_id != client.pk],
            "case": case,
            "facts": facts,
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
