"""Desk contacts over the API: a tablet or kiosk at the desk logs them, reporting tools list them."""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router

from kotopolku.accounts.permissions import can, require
from kotopolku.audit.selectors import fields_changed_since
from kotopolku.clients.models import Client
from kotopolku.contacts.enums import Channel
from kotopolku.contacts.languages import is_known_language
from kotopolku.contacts.models import ClientGroup, Contact, Topic
from kotopolku.contacts.schemas import (
    ContactChanged,
    ContactConflict,
    ContactCreated,
    ContactFilters,
    ContactIn,
    ContactOut,
    ContactPage,
    ContactPatch,
)
from kotopolku.contacts.selectors import ContactQuery, contact_get, contact_list, count_up_to, with_details
from kotopolku.contacts.services import (
    ContactData,
    contact_errors,
    contact_link_refused_record,
    contact_log,
    contact_update,
    topics_by_code,
)
from kotopolku.core.versioning import StaleVersion, etag, expected_version_from
from kotopolku.organisations.models import Organisation, ServicePoint

router = Router(tags=["contacts"])

# Beyond this many matches the list says "more than" instead of counting every row.
COUNT_LIMIT = 10_000


def _service_point(uuid: Any, field: str = "service_point") -> ServicePoint:
    point = ServicePoint.objects.filter(uuid=uuid, is_active=True).first()
    if point is None:
        raise ValidationError({field: _("Unknown service point.")})
    return point


def _contact_data(
    payload: ContactIn, point: ServicePoint, user: Any, existing: Contact | None = None
) -> ContactData:
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
    for name, messages in contact_errors(service_point=point, data=data, existing=existing, by=user).items():
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


# Fields every contact has: null is refused for these (the others take null for "none").
_REQUIRED = (
    "channel",
    "language",
    "interpreter",
    "topics",
    "duration_minutes",
    "outcome",
    "note",
    "happened_at",
)


def _as_sent(contact: Contact, patch: ContactPatch) -> ContactIn:
    """The stored contact with the fields of ``patch`` that were sent on top."""
    stored: dict[str, Any] = {
        "service_point": contact.service_point.uuid,
        "channel": contact.channel,
        "language": contact.language,
        "interpreter": contact.interpreter,
        "topics": [topic.code for topic in contact.topics.all()],
        "client_group": contact.client_group.code if contact.client_group else None,
        "duration_minutes": contact.duration_minutes,
        "outcome": contact.outcome,
        "organisation": contact.organisation.uuid if contact.organisation else None,
        "note": contact.note,
        "client": contact.client.uuid if contact.client else None,
        "happened_at": contact.happened_at,
    }
    sent = patch.model_dump(exclude_unset=True, exclude={"version"})
    blank = [name for name in _REQUIRED if name in sent and sent[name] is None]
    if blank:
        raise ValidationError({name: _("This field cannot be empty.") for name in blank})
    return ContactIn.model_construct(**{**stored, **sent})


@router.patch(
    "/contacts/{uuid}",
    response={200: ContactChanged, 409: ContactConflict},
    summary="Correct a desk contact",
    description=(
        "Only the fields sent change; `topics`, when sent, replaces the list. The advisor who logged it "
        "corrects it the same day, a coordinator any time (as on the desk's pages). Audited with the "
        'names of the changed fields. Send the version you read as `If-Match: "7"` or as `version`: '
        "when someone changed the contact since, nothing is saved and the answer is **409** with the "
        "current version and the fields they changed with their values."
    ),
)
def contact_patch(request: HttpRequest, response: HttpResponse, uuid: UUID, payload: ContactPatch) -> Any:
    contact = contact_get(uuid=uuid)
    action = "contacts.edit_own" if can(request.user, "contacts.edit_own", contact) else "contacts.correct"
    require(request.user, action, contact)
    data = _contact_data(_as_sent(contact, payload), contact.service_point, request.user, existing=contact)
    try:
        updated = contact_update(
            contact=contact,
            data=data,
            by=request.user,
            as_action=action,
            expected_version=expected_version_from(request, payload.version),
        )
    except StaleVersion as stale:
        return 409, _contact_conflict(stale)
    response["ETag"] = etag(updated.version)
    changed = (
        fields_changed_since(target=updated, version=contact.version)
        if updated.version != contact.version
        else []
    )
    return 200, ContactChanged(id=updated.uuid, version=updated.version, changed=changed)


def _contact_conflict(stale: StaleVersion) -> dict[str, Any]:
    current = cast(Contact, stale.current)
    stored = _out(with_details(Contact.objects.filter(pk=current.pk)).get()).model_dump(mode="json")
    names = fields_changed_since(target=current, version=stale.expected)
    return {
        "detail": _(
            "Someone else changed this contact after you read it. Nothing was saved: read it again and "
            "apply your changes to it."
        ),
        "version": current.version,
        "changed": {name: stored[name] for name in names if name in stored},
    }


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
