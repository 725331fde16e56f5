from __future__ import annotations

from datetime import time

import factory

from kotopolku.catalogue.enums import ScheduleKind
from kotopolku.catalogue.models import (
    Address,
    Location,
    LocationTranslation,
    Schedule,
    Service,
    ServiceAtLocation,
    ServicePath,
    ServicePathStep,
    ServicePathTranslation,
    ServiceTranslation,
)
from kotopolku.organisations.tests.factories import OrganisationFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)


class ServiceTranslationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceTranslation

    service = factory.SubFactory(ServiceFactory)
    language = "fi"
    name = factory.Sequence(lambda n: f"Palvelu {n}")
    description = "Neuvontaa ja ohjausta."


def service_named(fi: str, *, en: str = "", sv: str = "", description: str = "", **kwargs: object) -> Service:
    service = ServiceFactory(**kwargs)
    ServiceTranslationFactory(service=service, language="fi", name=fi, description=description)
    if en:
        ServiceTranslationFactory(service=service, language="en", name=en, description="")
    if sv:
        ServiceTranslationFactory(service=service, language="sv", name=sv, description="")
    return service


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)


def location_named(name: str, **kwargs: object) -> Location:
    location = LocationFactory(**kwargs)
    LocationTranslation.objects.create(location=location, language="fi", name=name)
    Address.objects.create(location=location, address_1="Valtakatu 2", postal_code="96100", city="Rovaniemi")
    return location


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    kind = ScheduleKind.REGULAR
    freq = "WEEKLY"
    byday = "MO,TU,WE,TH,FR"
    opens_at = time(8, 0)
    closes_at = time(16, 0)


class ServicePathFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePath

    key = factory.Sequence(lambda n: f"path-{n}")
    life_situation = "work"

    @factory.post_generation
    def name(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        if create:
            ServicePathTranslation.objects.create(
                path=self, language="fi", name=extracted or f"Polku {self.key}"
            )


class ServicePathStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePathStep

    path = factory.SubFactory(ServicePathFactory)
    service = factory.SubFactory(ServiceFactory)
    position = factory.Sequence(lambda n: (n + 1) * 10)
