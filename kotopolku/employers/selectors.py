"""Reading employer data, always scoped to what the user may see (``employers.view`` covers the
companies of the user's service points and of their networks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import scope_condition, service_point_ids
from kotopolku.employers.enums import OpeningStatus, OpeningVisibility, SizeClass
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


@dataclass(frozen=True)
class TimelineItem:
    when: dt.date
    kind: str
    title: str
    detail: str = ""


def employer_timeline(*, employer: Employer, user: Any) -> list[TimelineItem]:
    """What happened with the company, newest first: activities, openings, proposals (counted,
    no client named: the timeline is company data) and placements (counted likewise).

    Four queries, whatever the company's history."""
    items: list[TimelineItem] = []
    for activity in employer.activities.select_related("staff").order_by("-happened_on", "-id"):
        detail = activity.outcome
        if activity.follow_up_on:
            detail = " · ".join(
                part
                for part in (
                    detail,
                    _("Follow-up %(date)s")
                    % {"date": date_format(activity.follow_up_on, "SHORT_DATE_FORMAT")},
                )
                if part
            )
        staff = getattr(activity.staff, "full_name", "")
        title = activity.get_kind_display() + (f" ({staff})" if staff else "")
        items.append(TimelineItem(when=activity.happened_on, kind="activity", title=title, detail=detail))
    openings = employer.openings.annotate(proposal_count=Count("proposals")).order_by("-opens_on", "-id")
    for opening in openings:
        detail = _("%(count)d clients proposed") % {"count": opening.proposal_count}
        items.append(
            TimelineItem(
                when=opening.opens_on,
                kind="opening",
                title=_("Job opening: %(title)s") % {"title": opening.title},
                detail=f"{opening.get_status_display()} · {detail}",
            )
        )
    placements = employer.placements.values("kind", "starts_on").order_by("-starts_on")
    for placement in placements:
        items.append(
            TimelineItem(
                when=placement["starts_on"],
                kind="placement",
                title=_("A client started: %(kind)s")
                % {"kind": Placement(kind=placement["kind"]).get_kind_display()},
            )
        )
    items.sort(key=lambda item: item.when, reverse=True)
    return items


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
