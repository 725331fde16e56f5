from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from kotopolku.casework.models import CodeListItem
from kotopolku.employers.models import Employer, EmployerActivity, JobOpening, Placement
from kotopolku.employers.occupations import occupation_items
from kotopolku.organisations.tests.factories import ServicePointFactory, municipality

# Valid business IDs (Y-tunnus) for tests: seven digits and the check digit.
_BASES = iter(range(1_000_000, 9_999_999))


def business_id() -> str:
    from stdnum.fi import ytunnus

    while True:
        base = f"{next(_BASES):07d}"
        for check in "0123456789":
            candidate = f"{base}-{check}"
            if ytunnus.is_valid(candidate):
                return candidate


def occupation(code: str = "5120") -> CodeListItem:
    return occupation_items().get(code=code)


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    service_point = factory.SubFactory(ServicePointFactory)
    business_id = factory.LazyFunction(business_id)
    name = factory.Sequence(lambda n: f"Yritys {n} Oy")
    size_class = "small"
    municipality = factory.LazyFunction(lambda: municipality("698"))


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerActivity

    employer = factory.SubFactory(EmployerFactory)
    service_point = factory.LazyAttribute(lambda o: o.employer.service_point)
    kind = "visit"
    happened_on = factory.LazyFunction(timezone.localdate)


class OpeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobOpening

    employer = factory.SubFactory(EmployerFactory)
    service_point = factory.LazyAttribute(lambda o: o.employer.service_point)
    title = "Kokki"
    occupation = factory.LazyFunction(lambda: occupation("5120"))
    municipality = factory.LazyFunction(lambda: municipality("698"))
    hours = "full_time"
    finnish_required = False
    other_languages = factory.LazyFunction(lambda: ["en"])
    visibility = "advertised"
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    client = factory.SubFactory("kotopolku.clients.tests.factories.ClientFactory")
    service_point = factory.LazyAttribute(lambda o: o.client.service_point)
    kind = "employment"
    starts_on = factory.LazyFunction(timezone.localdate)
