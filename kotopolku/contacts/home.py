"""The desk's panels on the staff's home pages (``ContactsConfig.home_panels``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language

from kotopolku.accounts.permissions import can, service_point_ids
from kotopolku.contacts.enums import Channel
from kotopolku.contacts.models import Contact, ContactTopic, Topic
from kotopolku.contacts.selectors import contacts_today

SHOWN = 5


def _today() -> tuple[datetime, datetime]:
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=1)


def my_desk_today(request: HttpRequest) -> dict[str, Any] | None:
    """An advisor's day at the desk: the contacts they logged today, newest first."""
    if not can(request.user, "contacts.log"):
        return None
    today = contacts_today(user=request.user)
    latest = list(today[:SHOWN])
    return {"contacts": latest, "count": today.count() if len(latest) == SHOWN else len(latest)}


def service_point_day(request: HttpRequest) -> dict[str, Any] | None:
    """A coordinator's view of today at their service points: contacts by channel and by topic."""
    if not can(request.user, "contacts.correct"):
        return None
    points = service_point_ids(request.user, "contacts.correct")
    start, end = _today()
    by_channel = dict(
        Contact.objects.filter(service_point_id__in=points, happened_at__gte=start, happened_at__lt=end)
        .values_list("channel")
        .annotate(count=Count("id"))
    )
    by_topic = (
        ContactTopic.objects.filter(service_point_id__in=points, happened_at__gte=start, happened_at__lt=end)
        .values("topic_id")
        .annotate(count=Count("id"))
        .order_by("-count")[:SHOWN]
    )
    topics = {topic.pk: topic for topic in Topic.objects.filter(pk__in=[row["topic_id"] for row in by_topic])}
    language = get_language()
    return {
        "total": sum(by_channel.values()),
        "channels": [(label, by_channel.get(value, 0)) for value, label in Channel.choices],
        "topics": [(topics[row["topic_id"]].name_in(language), row["count"]) for row in by_topic],
    }
