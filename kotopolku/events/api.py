"""Events and registrations over the API: ``events``, ``events/{id}/registrations`` (staff), and
the public read of published events with registration (``public/events``, no login)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from kotopolku.accounts.permissions import require
from kotopolku.audit.services import audit_record
from kotopolku.core.api_docs import PUBLIC_ERRORS
from kotopolku.core.api_schemas import Line
from kotopolku.core.versioning import expected_version_from
from kotopolku.employers.api.common import service_point_for
from kotopolku.employers.models import Employer
from kotopolku.events import selectors, services
from kotopolku.events.models import Event, Registration
from kotopolku.events.schemas import (
    AttendanceIn,
    EventIn,
    EventOut,
    EventTextIn,
    PublicEventOut,
    PublicRegistrationOut,
    RegistrationIn,
    RegistrationOut,
)
from kotopolku.organisations.models import Organisation, ServicePoint

router = Router(tags=["events"])
public_router = Router(tags=["public"])


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def site_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _texts(event: Event) -> dict[str, EventTextIn]:
    return {t.language: EventTextIn(title=t.title, description=t.description) for t in event.texts.all()}


def _event_out(event: Event) -> EventOut:
    counts = selectors.event_counts(event=event)
    return EventOut(
        id=event.uuid,
        service_point=event.service_point.uuid,
        kind=event.kind,
        status=event.status,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        texts=_texts(event),
        place=event.place,
        online_url=event.online_url,
        capacity=event.capacity,
        registered=counts["registered"],
        waiting=counts["waiting"],
        registration_deadline=event.registration_deadline,
        target_groups=list(event.target_groups),
        languages=list(event.languages),
        version=event.version,
    )


def _event_data(payload: EventIn) -> services.EventData:
    errors: dict[str, list[str]] = {}

    def organisations(uuids: list[UUID], field: str) -> list[Organisation]:
        found = list(Organisation.objects.filter(uuid__in=uuids, is_active=True))
        if len(found) != len(set(uuids)):
            errors[field] = [_("Unknown organisation.")]
        return found

    employers = list(Employer.objects.filter(uuid__in=payload.organiser_employers))
    if len(employers) != len(set(payload.organiser_employers)):
        errors["organiser_employers"] = [_("Unknown employer.")]
    unknown_languages = set(payload.texts) - {"fi", "sv", "en"}
    if unknown_languages:
        errors["texts"] = [_("Give the texts in fi, sv or en.")]
    data = services.EventData(
        kind=payload.kind,
        status=payload.status,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        titles={lang: text.title for lang, text in payload.texts.items()},
        descriptions={lang: text.description for lang, text in payload.texts.items()},
        place=payload.place,
        online_url=payload.online_url,
        capacity=payload.capacity,
        registration_deadline=payload.registration_deadline,
        public_registration=payload.public_registration,
        target_groups=payload.target_groups,
        languages=payload.languages,
        organiser_organisations=organisations(payload.organiser_organisations, "organiser_organisations"),
        organiser_employers=employers,
        participating_organisations=organisations(
            payload.participating_organisations, "participating_organisations"
        ),
    )
    if errors:
        raise ValidationError(errors)
    return data


def _event(request: HttpRequest, uuid: UUID, action: str) -> Event:
    event = selectors.event_get(uuid=uuid)
    require(request.user, action, event)
    return event


@router.get("/events", response=list[EventOut], summary="Events of the user's service points")
def event_index(request: HttpRequest, upcoming: bool = True, kind: Line = "") -> list[EventOut]:
    require(request.user, "events.view")
    events = selectors.event_list(user=request.user, upcoming_only=upcoming, kind=kind[:20])[:500]
    return [_event_out(e) for e in events]


@router.post("/events", response={201: EventOut})
def event_create(request: HttpRequest, payload: EventIn) -> tuple[int, EventOut]:
    point = service_point_for(request, payload.service_point, "events.manage")
    event = services.event_create(service_point=point, data=_event_data(payload), by=request.user)  # type: ignore[arg-type]
    return 201, _event_out(selectors.event_get(uuid=event.uuid))


@router.get("/events/{uuid}", response=EventOut)
def event_read(request: HttpRequest, uuid: UUID) -> EventOut:
    return _event_out(_event(request, uuid, "events.view"))


@router.put("/events/{uuid}", response=EventOut)
def event_change(request: HttpRequest, uuid: UUID, payload: EventIn) -> EventOut:
    event = _event(request, uuid, "events.manage")
    services.event_update(
        event=event,
        data=_event_data(payload),
        expected_version=expected_version_from(request, payload.version),
        by=request.user,  # type: ignore[arg-type]
    )
    return _event_out(selectors.event_get(uuid=uuid))


def _registration_out(registration: Registration) -> RegistrationOut:
    return RegistrationOut(
        id=registration.uuid,
        name=registration.name,
        email=registration.email,
        phone=registration.phone,
        language=registration.language,
        needs=registration.needs,
        status=registration.status,
        attendance=registration.attendance,
        client=registration.client.uuid if registration.client else None,
        registered_at=registration.created_at,
    )


@router.get("/events/{uuid}/registrations", response=list[RegistrationOut])
def registration_index(request: HttpRequest, uuid: UUID) -> list[RegistrationOut]:
    event = _event(request, uuid, "events.registrations")
    registrations = list(selectors.registration_list(event=event))
    audit_record(
        actor=request.user,
        action="events.registrations",
        target=event,
        purpose="event registrations",
        details={"registrations": len(registrations)},
    )
    return [_registration_out(r) for r in registrations]


@router.post(
    "/events/{uuid}/registrations", response={201: RegistrationOut}, summary="Register a person (staff)"
)
def registration_create(
    request: HttpRequest, uuid: UUID, payload: RegistrationIn
) -> tuple[int, RegistrationOut]:
    event = _event(request, uuid, "events.registrations")
    registration = services.registration_create(
        event=event, data=_registration_data(payload), by=request.user, site_url=site_url(request)
    )
    return 201, _registration_out(registration)


def _registration(request: HttpRequest, event_uuid: UUID, uuid: UUID) -> Registration:
    registration = selectors.registration_get(uuid=uuid)
    if registration.event.uuid != event_uuid:
        raise ValidationError({"registration": _("The registration is not for this event.")})
    require(request.user, "events.registrations", registration)
    return registration


@router.put("/events/{uuid}/registrations/{registration}/attendance", response=RegistrationOut)
def attendance_mark(
    request: HttpRequest, uuid: UUID, registration: UUID, payload: AttendanceIn
) -> RegistrationOut:
    found = _registration(request, uuid, registration)
    found = services.attendance_mark(registration=found, attendance=payload.attendance, by=request.user)  # type: ignore[arg-type]
    return _registration_out(found)


@router.delete("/events/{uuid}/registrations/{registration}", response=RegistrationOut, summary="Cancel")
def registration_cancel(request: HttpRequest, uuid: UUID, registration: UUID) -> RegistrationOut:
    found = _registration(request, uuid, registration)
    found = services.registration_cancel(registration=found, by=request.user, site_url=site_url(request))
    return _registration_out(found)


def _registration_data(payload: RegistrationIn) -> services.RegistrationData:
    return services.RegistrationData(
        name=payload.name,
        email=payload.email,
        phone=payload.phone,
        language=payload.language,
        needs=payload.needs,
    )


def public_event_out(event: Any, language: str | None, base_url: str) -> PublicEventOut:
    from django.urls import reverse

    text = event.text_in(language)
    places_left = None if event.capacity is None else max(event.capacity - event.registered_count, 0)
    now = timezone.now()
    registration_open = (
        event.status == "published"
        and event.public_registration
        and event.starts_at > now
        and (event.registration_deadline is None or event.registration_deadline >= now)
    )
    return PublicEventOut(
        id=event.uuid,
        service_point=event.service_point.name,
        kind=event.kind,
        cancelled=event.status == "cancelled",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        title=text.title if text else "",
        description=text.description if text else "",
        texts=_texts(event),
        place=event.place,
        online_url=event.online_url,
        places_left=places_left,
        registration_open=registration_open,
        target_groups=list(event.target_groups),
        languages=list(event.languages),
        page=base_url + reverse("events:public_event", args=[event.uuid]),
    )


@public_router.get(
    "/public/events",
    response=list[PublicEventOut],
    auth=None,
    openapi_extra=PUBLIC_ERRORS,
    summary="Published events (public)",
)
def public_events(request: HttpRequest, service_point: Line = "") -> list[PublicEventOut]:
    ids = None
    if service_point:
        ids = list(ServicePoint.objects.filter(slug=service_point[:60]).values_list("id", flat=True))
    base = site_url(request)
    return [
        public_event_out(e, get_language(), base)
        for e in selectors.published_events(service_point_ids=ids)[:500]
    ]


@public_router.get("/public/events/{uuid}", response=PublicEventOut, auth=None, openapi_extra=PUBLIC_ERRORS)
def public_event(request: HttpRequest, uuid: UUID) -> PublicEventOut:
    event = (
        selectors.published_events(since=timezone.now() - dt.timedelta(days=365)).filter(uuid=uuid).first()
    )
    if event is None:
        from django.http import Http404

        raise Http404
    return public_event_out(event, get_language(), site_url(request))


@public_router.post(
    "/public/events/{uuid}/registrations",
    response={201: PublicRegistrationOut},
    auth=None,
    openapi_extra=PUBLIC_ERRORS,
    summary="Register to a published event (rate limited per address)",
)
def public_register(
    request: HttpRequest, uuid: UUID, payload: RegistrationIn
) -> tuple[int, PublicRegistrationOut]:
    event = selectors.published_event_get(uuid=uuid)
    try:
        services.registration_attempt_check(address=client_address(request))
    except services.RateLimited:
        raise HttpError(429, _("Too many registrations from your address. Try again in an hour.")) from None
    if payload.website:
        raise ValidationError({"website": _("Leave this field empty.")})
    if not event.public_registration:
        raise ValidationError({"__all__": _("The event is not open for registration.")})
    registration = services.registration_create(
        event=event, data=_registration_data(payload), site_url=site_url(request)
    )
    return 201, PublicRegistrationOut(id=registration.uuid, status=registration.status)


router.add_router("", public_router)
