"""Desk contacts over the API: a tablet or kiosk at the desk logs them, reporting tools list them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from kotopolku.accounts.permissions import require
from kotopolku.clients.models import Client
from kotopolku.contacts.enums import Channel
from kotopolku.contacts.languages import is_known_language
from kotopolku.contacts.models import ClientGroup, Contact, Topic
from kotopolku.contacts.schemas import ContactCreated, ContactFilters, ContactIn, ContactOut, ContactPage
from kotopolku.contacts.selectors import ContactQuery, contact_list, count_up_to, with_details
from kotopolku.contacts.services import (
    ContactData,
    contact_errors,
    contact_link_refused_record,
    contact_log,
    topics_by_code,
)
from kotopolku.organisations.models import Organisation, ServicePoint

router = Router(tags=["contacts"])

# Beyond this many matches the list says "more than" instead of counting every row.
COUNT_LIMIT = 10_000


def _service_point(uuid: Any, field: str = "service_point") -> ServicePoint:
    point = ServicePoint.objects.filter(uuid=uuid, is_active=True).first()
    if point is None:
        raise ValidationError({field: _("Unknown service point.")})
    return point


def _contact_data(payload: ContactIn, point: ServicePoint, user: Any) -> ContactData:
    """Resolve codes and ids to objects, collecting every bad field before failing."""
    errors: dict[str, list[str]] = {}
    topics: list[Topic] = []
    try:
        topics = topics_by_code(payload.topics)
    except ValidationError as error:
        errors.update(error.message_dict)
    client_group = None
    if payload.client_group:
        client_group = ClientGroup.objects.filter(code=payload.client_group, active=True).first()
        if client_group is None:
            errors["client_group"] = [_("Unknown client group.")]
    organisation = None
    if payload.organisation:
        organisation = Organisation.objects.filter(uuid=payload.organisation, is_active=True).first()
        if organisation is None:
            errors["organisation"] = [_("Unknown organisation.")]
    client = None
    if payload.client:
        client = Client.objects.filter(uuid=payload.client, service_point=point).first()
        if client is None:
            errors["client"] = [_("The client is not registered at this service point.")]
    data = ContactData(
        channel=payload.channel,
        language=payload.language,
        interpreter=payload.interpreter,
        topics=topics,
        client_group=client_group,
        duration_minutes=payload.duration_minutes,
        outcome=payload.outcome,
        organisation=organisation,
        note=payload.note,
        client=client,
        happened_at=payload.happened_at,
        note_confirmed=payload.confirm_note,
    )
    for name, messages in contact_errors(service_point=point, data=data, existing=None, by=user).items():
        errors.setdefault(name, messages)
    if "client" in errors:
        contact_link_refused_record(by=user, client_reference=payload.client)
    if errors:
        raise ValidationError(errors)
    return data


@router.post(
    "/contacts",
    response={201: ContactCreated},
    summary="Log a desk contact",
    description="Anonymous unless `client` is given. Nothing is saved when any field is invalid (422).",
)
def create_contact(request: HttpRequest, payload: ContactIn) -> tuple[int, ContactCreated]:
    point = _service_point(payload.service_point)
    require(request.user, "contacts.log", point)
    data = _contact_data(payload, point, request.user)
    contact = contact_log(service_point=point, data=data, by=request.user)
    return 201, ContactCreated(id=contact.uuid)


def _out(contact: Any) -> ContactOut:
    return ContactOut(
        id=contact.uuid,
        version=contact.version,
        service_point=contact.service_point_uuid,
        happened_at=contact.happened_at,
        channel=contact.channel,
        language=contact.language,
        interpreter=contact.interpreter,
        topics=[topic.code for topic in contact.topics.all()],
        client_group=contact.client_group_code,
        duration_minutes=contact.duration_minutes,
        outcome=contact.outcome,
        organisation=contact.organisation_uuid,
        anonymous=contact.client_id is None,
        client=contact.client_uuid,
        logged_by=contact.logged_by_uuid,
        note=contact.note,
    )


@router.get("/contacts", response=ContactPage, summary="Desk contacts, newest first")
def list_contacts(request: HttpRequest, filters: Query[ContactFilters]) -> ContactPage:
    require(request.user, "contacts.view")
    errors: dict[str, str] = {}
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        errors["date_to"] = _("The end date is before the start date.")
    topic_id = None
    if filters.topic:
        topic_id = Topic.objects.filter(code=filters.topic).values_list("id", flat=True).first()
        if topic_id is None:
            errors["topic"] = _("Unknown topic.")
    if filters.language and not is_known_language(filters.language):
        errors["language"] = _("Unknown language code.")
    if filters.channel and filters.channel not in Channel.values:
        errors["channel"] = _("Unknown channel.")
    service_point_id = None
    if filters.service_point:
        point = ServicePoint.objects.filter(uuid=filters.service_point).first()
        if point is None:
            errors["service_point"] = _("Unknown service point.")
        else:
            require(request.user, "contacts.view", point)
            service_point_id = point.pk
    if errors:
        raise ValidationError(errors)
    queryset = contact_list(
        user=request.user,
        query=ContactQuery(
            date_from=filters.date_from,
            date_to=filters.date_to,
            topic_id=topic_id,
            language=filters.language,
            channel=filters.channel,
            service_point_id=service_point_id,
        ),
    )
    start = (filters.page - 1) * filters.page_size
    items: list[Contact] = list(with_details(queryset)[start : start + filters.page_size])
    if len(items) < filters.page_size and (items or filters.page == 1):
        count, exact = start + len(items), True  # the last page: nothing more to count
    else:
        cap = max(COUNT_LIMIT, start + 2 * filters.page_size)
        counted = count_up_to(queryset, cap + 1)
        count, exact = min(counted, cap), counted <= cap
    return ContactPage(
        count=count,
        count_is_exact=exact,
        page=filters.page,
        page_size=filters.page_size,
        items=[_out(c) for c in items],
    )
