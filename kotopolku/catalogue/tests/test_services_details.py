"""Writes of a service's phone numbers, contacts, prices and opening hours."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kotopolku.audit.models import AuditEvent
from kotopolku.catalogue.models import Contact, CostOption, Phone, Schedule, Service
from kotopolku.catalogue.services import (
    contact_remove,
    cost_option_save,
    phone_save,
    schedule_remove,
    schedule_save,
)
from kotopolku.catalogue.tests.factories import ServiceAtLocationFactory, location_named, service_named

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - dt.timedelta(days=400)


def _aged(*services: Service) -> None:
    Service.objects.filter(pk__in=[s.pk for s in services]).update(updated_at=LONG_AGO)


def test_phone_save__two_owners__is_refused_and_nothing_written(coordinator):
    service = service_named("Neuvonta")
    location = location_named("Paikka")
    with pytest.raises(ValidationError):
        phone_save(
            phone=Phone(service=service, location=location, number="+358 16 3222500"),
            texts={},
            by=coordinator,
        )
    assert not Phone.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="catalogue.phone").exists()


def test_phone_save__keeps_texts_of_other_languages(coordinator):
    service = service_named("Neuvonta")
    phone = Phone.objects.create(
        service=service,
        number="+358 16 3222500",
        texts={"de": {"description": "Zentrale"}, "fi": {"description": "Vaihde"}},
    )
    phone_save(phone=phone, texts={"sv": {"description": "Växel"}}, by=coordinator)
    phone.refresh_from_db()
    assert phone.texts == {"de": {"description": "Zentrale"}, "sv": {"description": "Växel"}}


def test_schedule_save__of_a_location__touches_the_location_and_every_service_there(coordinator):
    first, second, elsewhere = service_named("A"), service_named("B"), service_named("C")
    location = location_named("Paikka")
    for service in (first, second):
        ServiceAtLocationFactory(service=service, location=location)
    _aged(first, second, elsewhere)
    schedule = Schedule(location=location, kind="exception", valid_from=dt.date(2026, 12, 6), is_closed=True)
    schedule_save(schedule=schedule, by=coordinator)
    touched = set(Service.objects.filter(updated_at__gt=LONG_AGO).values_list("pk", flat=True))
    assert touched == {first.pk, second.pk}
    event = AuditEvent.objects.get(action="catalogue.schedule_added")
    assert event.details["location"] == str(location.uuid)
    _aged(first, second)
    schedule_remove(schedule=schedule, by=coordinator)
    assert Service.objects.filter(updated_at__gt=LONG_AGO).count() == 2


def test_schedule_save__invalid_rule__is_refused_whole(coordinator):
    service = service_named("Neuvonta")
    with pytest.raises(ValidationError):
        schedule_save(
            schedule=Schedule(service=service, kind="exception", opens_at=dt.time(8)), by=coordinator
        )
    assert not Schedule.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="catalogue.schedule").exists()


def test_cost_option_save__amount_too_large_for_the_column__is_refused(coordinator):
    service = service_named("Neuvonta")
    with pytest.raises(ValidationError):
        cost_option_save(
            cost_option=CostOption(service=service, amount=Decimal("1e12")), texts={}, by=coordinator
        )
    assert not CostOption.objects.exists()


def test_contact_remove__audits_its_phones(coordinator):
    service = service_named("Neuvonta")
    contact = Contact.objects.create(service=service, name="Aino")
    phone = Phone.objects.create(contact=contact, number="+358 40 1234567")
    contact_remove(contact=contact, by=coordinator)
    event = AuditEvent.objects.get(action="catalogue.contact_removed")
    assert event.details == {"service": str(service.uuid), "phones": [str(phone.uuid)]}
    assert not Phone.objects.exists()
