"""Reading desk contacts, always scoped to the service points where the user may see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import F, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from kotopolku.accounts.permissions import scope_condition, service_point_ids
from kotopolku.contacts.models import ClientGroup, Contact, ContactTopic, Topic


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def _ordered_topics() -> Prefetch[Any]:
    return Prefetch("topics", queryset=Topic.objects.order_by("order", "code"))


@dataclass(frozen=True)
class ContactQuery:
    date_from: date | None = None
    date_to: date | None = None
    topic_id: int | None = None
    language: str = ""
    channel: str = ""
    service_point_id: int | None = None


def contact_list(*, user: Any, query: ContactQuery | None = None) -> QuerySet[Contact]:
    """Contacts the user may see, newest first, filtered by ``query`` (no related data loaded).

    Count it as it is; give the rows of one page to ``with_details`` before showing them.
    """
    query = query or ContactQuery()
    allowed = service_point_ids(user, "contacts.view")
    if query.service_point_id is not None:
        allowed &= {query.service_point_id}
    # At a service point reached through a network: the contacts of the clients the user works with.
    queryset = Contact.objects.filter(scope_condition(user, "contacts.view"), service_point_id__in=allowed)
    if query.date_from:
        queryset = queryset.filter(happened_at__gte=_start_of(query.date_from))
    if query.date_to:
        queryset = queryset.filter(happened_at__lt=_start_of(query.date_to + timedelta(days=1)))
    if query.language:
        queryset = queryset.filter(language=query.language)
    if query.channel:
        queryset = queryset.filter(channel=query.channel)
    if query.topic_id is not None:
        # One range of the topic links' (topic, service point, time) index: the matches are
        # found and counted without reading the contacts of other topics.
        links = ContactTopic.objects.filter(topic_id=query.topic_id, service_point_id__in=allowed)
        if query.date_from:
            links = links.filter(happened_at__gte=_start_of(query.date_from))
        if query.date_to:
            links = links.filter(happened_at__lt=_start_of(query.date_to + timedelta(days=1)))
        queryset = queryset.filter(id__in=links.values("contact_id"))
    return queryset.order_by("-happened_at", "-id")


def with_details(queryset: QuerySet[Contact]) -> QuerySet[Contact]:
    """Related public ids by join (no query per row; the client's identity is never loaded,
    only its uuid), and the topics of the page in one query."""
    return (
        queryset.annotate(
            service_point_uuid=F("service_point__uuid"),
            service_point_name=F("service_point__name"),
            client_group_code=F("client_group__code"),
            organisation_uuid=F("organisation__uuid"),
            client_uuid=F("client__uuid"),
            logged_by_uuid=F("logged_by__uuid"),
        )
        .select_related("client_group", "organisation")
        .prefetch_related(_ordered_topics())
    )


def count_up_to(queryset: QuerySet[Contact], limit: int) -> int:
    """The number of rows, counted no further than ``limit`` (an exact count of millions of
    rows costs a full scan; a list only needs to know there are more than it shows)."""
    return queryset.order_by().values("id")[:limit].count()


def contacts_today(*, user: Any) -> QuerySet[Contact]:
    """The contacts the user logged that happened today (local time), newest first."""
    today = timezone.localdate()
    return (
        Contact.objects.filter(
            logged_by=user,
            happened_at__gte=_start_of(today),
            happened_at__lt=_start_of(today + timedelta(days=1)),
            service_point_id__in=service_point_ids(user, "contacts.view"),
        )
        .annotate(service_point_uuid=F("service_point__uuid"))
        .select_related("client_group", "organisation")
        .prefetch_related(_ordered_topics())
        .order_by("-happened_at", "-id")
    )


def last_contact_of(*, user: Any) -> Contact | None:
    """The user's last logged contact (its channel, language and place are the desk's defaults)."""
    return (
        Contact.objects.filter(logged_by=user)
        .only("channel", "language", "service_point_id", "created_at")
        .annotate(service_point_uuid=F("service_point__uuid"))
        .order_by("-created_at")
        .first()
    )


def contact_get(*, uuid: UUID | str) -> Contact:
    """A contact by its public id; the caller then asks the permission layer about it."""
    try:
        return Contact.objects.select_related("service_point", "client").get(uuid=uuid)
    except (Contact.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def contacts_of_client(*, client: Any, user: Any | None = None) -> QuerySet[Contact]:
    queryset = Contact.objects.filter(client=client)
    if user is not None:
        queryset = queryset.filter(service_point_id__in=service_point_ids(user, "contacts.view"))
    return (
        queryset.select_related("client_group", "organisation")
        .prefetch_related(_ordered_topics())
        .order_by("-happened_at")
    )


@dataclass(frozen=True)
class CodeLists:
    """The active topics and client groups, each in code-list order."""

    topics: list[Topic]
    client_groups: list[ClientGroup]


def active_code_lists() -> CodeLists:
    """Both code lists of the desk form from one query.

    The desk form renders them on every GET and resolves the chosen codes on every POST, the
    busiest path of the product; one hand-written statement (built once from the models) costs
    a fraction of two ORM queries to compile and replaces two round trips with one.
    """
    names, sql = _code_lists_sql()
    found: tuple[list[Topic], list[ClientGroup]] = ([], [])
    alias = connection.alias  # read once: the connection proxy costs a lookup per access
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    for list_index, *values in rows:
        model = ClientGroup if list_index else Topic
        found[list_index].append(model.from_db(alias, names, values))  # type: ignore[arg-type]
    for entries in found:
        entries.sort(key=lambda entry: (entry.order, entry.code))
    return CodeLists(topics=found[0], client_groups=found[1])


@cache
def _code_lists_sql() -> tuple[list[str], str]:
    # What the form shows and stores (plain fields of CodeListEntry, so both tables have them
    # under these names); the time stamps stay deferred, loaded only if read.
    names = ["id", "code", "name_fi", "name_sv", "name_en", "order", "active"]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in names)
    active = quote("active")
    selects = [
        # Identifiers from the models only, quoted; no value from outside.
        f"SELECT {index}, {columns} FROM {quote(model._meta.db_table)} WHERE {active}"  # noqa: S608
        for index, model in enumerate((Topic, ClientGroup))
    ]
    return names, " UNION ALL ".join(selects)


def active_topics() -> QuerySet[Topic]:
    return Topic.objects.filter(active=True).order_by("order", "code")


def active_client_groups() -> QuerySet[ClientGroup]:
    return ClientGroup.objects.filter(active=True).order_by("order", "code")
