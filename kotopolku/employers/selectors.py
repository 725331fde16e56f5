"""Reading employer data, always scoped to what the user may see (``employers.view`` covers the
companies of the user's service points and of their networks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import scope_condition, service_point_ids
from kotopolku.employers.enums import ActivityKind, OpeningStatus, OpeningVisibility, PlacementKind, SizeClass
from kotopolku.employers.models import (
    Employer,
    EmployerActivity,
    JobOpening,
    Placement,
    Proposal,
)
from kotopolku.employers.permissions import employer_scope


def employer_list(*, user: Any, text: str = "", pilot_only: bool = False) -> QuerySet[Employer]:
    employers = Employer.objects.filter(employer_scope(user))
    text = text.strip()
    if text:
        employers = employers.filter(Q(name__icontains=text) | Q(business_id__startswith=text))
    if pilot_only:
        employers = employers.filter(is_pilot=True)
    return employers.select_related("service_point", "municipality", "industry").order_by("name", "id")


def employer_reference(*, uuid: Any) -> Employer:
    """The employer by UUID with only what a permission check and its related rows need (its id,
    UUID and service point), unscoped: the caller must ``require`` a permission on it."""
    employer = Employer.objects.only("id", "uuid", "service_point_id").filter(uuid=uuid).first()
    if employer is None:
        raise Http404
    return employer


def employer_get(*, uuid: Any) -> Employer:
    """The employer by UUID, unscoped: the caller must ``require`` a permission on it."""
    employer = (
        Employer.objects.select_related("service_point", "municipality", "industry").filter(uuid=uuid).first()
    )
    if employer is None:
        raise Http404
    return employer


def opening_get(*, uuid: Any) -> JobOpening:
    opening = (
        JobOpening.objects.select_related("employer", "occupation", "municipality", "service_point")
        .filter(uuid=uuid)
        .first()
    )
    if opening is None:
        raise Http404
    return opening


def activity_get(*, uuid: Any) -> EmployerActivity:
    activity = EmployerActivity.objects.select_related("employer").filter(uuid=uuid).first()
    if activity is None:
        raise Http404
    return activity


def proposal_get(*, uuid: Any) -> Proposal:
    proposal = Proposal.objects.select_related("opening__employer", "client").filter(uuid=uuid).first()
    if proposal is None:
        raise Http404
    return proposal


def follow_ups_due(*, user: Any, until: dt.date | None = None) -> QuerySet[EmployerActivity]:
    """The work list: follow-ups of the work done at the user's service points, not done, due by
    ``until`` (a week ahead by default)."""
    until = until or timezone.localdate() + dt.timedelta(days=7)
    return (
        EmployerActivity.objects.filter(
            service_point_id__in=service_point_ids(user, "employers.manage"),
            follow_up_done=False,
            follow_up_on__lte=until,
        )
        .select_related("employer", "staff")
        .order_by("follow_up_on", "id")
    )


@dataclass(frozen=True)
class OpeningQuery:
    finnish_required: bool | None = None
    status: str = ""
    employer_id: int | None = None


def employer_openings(*, employer: Employer, user: Any) -> QuerySet[JobOpening]:
    """The company's openings for its page, with only the columns the page shows."""
    return (
        JobOpening.objects.filter(employer_scope(user), employer_id=employer.pk)
        .only("uuid", "service_point_id", "employer_id", "title", "status", "visibility", "finnish_required")
        .order_by("-opens_on", "-id")
    )


def opening_list(*, user: Any, query: OpeningQuery | None = None) -> QuerySet[JobOpening]:
    query = query or OpeningQuery()
    openings = JobOpening.objects.filter(employer_scope(user))
    if query.finnish_required is not None:
        openings = openings.filter(finnish_required=query.finnish_required)
    if query.status:
        openings = openings.filter(status=query.status)
    if query.employer_id is not None:
        openings = openings.filter(employer_id=query.employer_id)
    return openings.select_related("employer", "occupation", "municipality").order_by("-opens_on", "-id")


def public_openings_without_finnish(
    *, municipality_ids: Iterable[int] | None = None, today: dt.date | None = None
) -> QuerySet[JobOpening]:
    """Open, advertised job openings that do not need Finnish, for the public site: the company,
    the occupation and the place, never anything of a client. Hidden jobs are not public."""
    today = today or timezone.localdate()
    openings = JobOpening.objects.filter(
        status=OpeningStatus.OPEN,
        visibility=OpeningVisibility.ADVERTISED,
        finnish_required=False,
        opens_on__lte=today,
    ).filter(Q(deadline__isnull=True) | Q(deadline__gte=today))
    if municipality_ids is not None:
        openings = openings.filter(municipality_id__in=list(municipality_ids))
    return openings.select_related("employer", "occupation", "municipality").order_by(
        "deadline", "-opens_on", "id"
    )


class TimelineItem(NamedTuple):
    when: dt.date
    kind: str
    title: str
    detail: str = ""


def _timeline_sql() -> str:
    """The company's activities, openings (with their proposals counted) and placements as one
    statement, newest first; on a tie activities come before openings and openings before
    placements. Written by hand: the page is read often and the statement is small."""
    activity, opening = EmployerActivity._meta.db_table, JobOpening._meta.db_table
    proposal, placement = Proposal._meta.db_table, Placement._meta.db_table
    user = EmployerActivity._meta.get_field("staff").related_model._meta.db_table  # type: ignore[union-attr]
    return f"""
        SELECT a.happened_on AS day, 0 AS part, a.id, a.kind, a.outcome, a.follow_up_on, u.full_name, 0
          FROM {activity} a LEFT JOIN {user} u ON u.id = a.staff_id WHERE a.employer_id = %s
        UNION ALL
        SELECT o.opens_on, 1, o.id, o.title, o.status, NULL, NULL,
               (SELECT COUNT(*) FROM {proposal} p WHERE p.opening_id = o.id)
          FROM {opening} o WHERE o.employer_id = %s
        UNION ALL
        SELECT pl.starts_on, 2, pl.id, pl.kind, NULL, NULL, NULL, 0
          FROM {placement} pl WHERE pl.employer_id = %s
        ORDER BY day DESC, part, id DESC"""  # noqa: S608 -- table names come from the models, values are parameters


def employer_timeline(*, employer: Employer, user: Any) -> list[TimelineItem]:
    """What happened with the company, newest first: activities, openings, proposals (counted,
    no client named: the timeline is company data) and placements (counted likewise).

    One query of only the columns shown, whatever the company's history; rows are labelled from
    the choices once, not per row."""
    activity_kinds, opening_statuses, placement_kinds = (
        {value: str(label) for value, label in choices.choices}
        for choices in (ActivityKind, OpeningStatus, PlacementKind)
    )
    short_date = get_format("SHORT_DATE_FORMAT")
    follow_up, proposed = _("Follow-up %(date)s"), _("%(count)d clients proposed")
    opening_title, started = _("Job opening: %(title)s"), _("A client started: %(kind)s")
    with connection.cursor() as cursor:
        cursor.execute(_timeline_sql(), [employer.pk] * 3)
        rows = cursor.fetchall()
    items: list[TimelineItem] = []
    for day, part, _id, text, second, follow_up_on, staff, count in rows:
        day = _as_date(day)
        if part == 0:
            detail = second or ""
            if follow_up_on:
                due = follow_up % {"date": format_date(_as_date(follow_up_on), short_date)}
                detail = f"{detail} · {due}" if detail else due
            title = activity_kinds.get(text, text)
            items.append(TimelineItem(day, "activity", f"{title} ({staff})" if staff else title, detail))
        elif part == 1:
            detail = f"{opening_statuses.get(second, second)} · {proposed % {'count': count}}"
            items.append(TimelineItem(day, "opening", opening_title % {"title": text}, detail))
        else:
            items.append(TimelineItem(day, "placement", started % {"kind": placement_kinds.get(text, text)}))
    return items


def _as_date(value: Any) -> dt.date:
    """SQLite hands a date of a raw statement back as its ISO text."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def placement_list(*, user: Any) -> QuerySet[Placement]:
    return (
        Placement.objects.filter(scope_condition(user, "employers.placement"))
        .select_related("client", "employer")
        .order_by("-starts_on", "-id")
    )


def proposals_of_opening(*, opening: JobOpening, user: Any) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(scope_condition(user, "clients.view"), opening=opening)
        .select_related("client", "proposed_by")
        .order_by("-created_at")
    )


def supported_enterprises_by_size(
    *, service_point_ids: Iterable[int], date_from: dt.date, date_to: dt.date
) -> dict[str, int]:
    """EECO19: enterprises supported in the period, by EU size class. A company is supported
    when an activity with it is recorded in the period; one supported at several of the given
    service points (one project) counts once, by its business ID, in the size class of its most
    recently updated record."""
    rows = (
        Employer.objects.filter(
            activities__service_point_id__in=list(service_point_ids),
            activities__happened_on__gte=date_from,
            activities__happened_on__lte=date_to,
        )
        .values_list("business_id", "size_class", "updated_at")
        .distinct()
    )
    latest: dict[str, tuple[Any, str]] = {}
    for business_id, size_class, updated_at in rows:
        if business_id not in latest or updated_at > latest[business_id][0]:
            latest[business_id] = (updated_at, size_class)
    counts = {size: 0 for size in SizeClass.values}
    for _updated, size_class in latest.values():
        counts[size_class] += 1
    return counts
