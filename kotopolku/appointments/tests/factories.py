from __future__ import annotations

from datetime import time, timedelta

import factory
from django.utils import timezone

from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.appointments.enums import AppointmentChannel, AppointmentKind, AppointmentStatus
from kotopolku.appointments.models import Appointment, Availability
from kotopolku.organisations.tests.factories import ServicePointFactory


class AvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Availability

    worker = factory.SubFactory(UserFactory)
    service_point = factory.SubFactory(ServicePointFactory)
    weekday = 0
    starts = time(9, 0)
    ends = time(12, 0)
    slot_minutes = 30


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    service_point = factory.SubFactory(ServicePointFactory)
    kind = AppointmentKind.ADVISOR
    worker = factory.SubFactory(UserFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=30))
    channel = AppointmentChannel.ON_SITE
    contact_name = "Maija Työnantaja"
    status = AppointmentStatus.BOOKED
    language = "en"
