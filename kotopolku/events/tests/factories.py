from __future__ import annotations

import datetime as dt
import secrets

import factory
from django.utils import timezone

from kotopolku.events.models import Event, EventText, Registration
from kotopolku.organisations.tests.factories import ServicePointFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    service_point = factory.SubFactory(ServicePointFactory)
    kind = "info_session"
    status = "published"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    place = "Pääkirjasto, Jorma Eton tie 6"
    capacity = 20
    languages = factory.LazyFunction(lambda: ["fi", "en"])

    @factory.post_generation
    def title(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            EventText.objects.create(event=self, language="fi", title=extracted or "Infotilaisuus")
            EventText.objects.create(event=self, language="en", title=f"{extracted or 'Info session'} (en)")


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    service_point = factory.LazyAttribute(lambda o: o.event.service_point)
    name = factory.Sequence(lambda n: f"Osallistuja {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.test")
    contact_key = factory.LazyAttribute(lambda o: o.email)
    language = "en"
    status = "registered"
    cancel_token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
