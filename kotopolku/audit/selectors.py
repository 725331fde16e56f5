from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from kotopolku.accounts.models import Membership
from kotopolku.accounts.permissions import service_point_ids
from kotopolku.audit.models import AuditEvent


def audit_event_list(
    *,
    user: Any,
    actor: str = "",
    area: str = "",
    target: str = "",
    outcome: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """Events about the user's service points, or done by people who work there."""
    scope = service_point_ids(user, "audit.view")
    colleagues = Membership.objects.filter(service_point_id__in=scope).values("user_id")
    events = AuditEvent.objects.filter(Q(service_point_id__in=scope) | Q(actor_id__in=colleagues))
    if actor:
        events = events.filter(actor_label__icontains=actor)
    if area:
        events = events.filter(action__startswith=f"{area}.")
    if target:
        events = events.filter(Q(target_type=target) | Q(target_id=target))
    if outcome:
        events = events.filter(outcome=outcome)
    tz = timezone.get_current_timezone()
    if since:
        events = events.filter(occurred_at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until:
        events = events.filter(
            occurred_at__lt=datetime.combine(until + timedelta(days=1), time.min, tzinfo=tz)
        )
    return events.order_by("-id")


def fields_changed_since(*, target: Model, version: int) -> list[str]:
    """The fields that changes of a versioned record made after ``version`` named, oldest first.

    Services that change a versioned record audit ``{"fields": [...], "version": <new>}``; this
    is what an optimistic-locking conflict tells the person whose copy is stale.
    """
    ident = str(getattr(target, "uuid", None) or target.pk)
    events = AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=ident, details__version__gt=version
    ).order_by("id")
    names: dict[str, None] = {}
    for details in events.values_list("details", flat=True):
        for name in details.get("fields") or []:
            names[name] = None
    return list(names)
