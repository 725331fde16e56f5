from __future__ import annotations

import factory

from kotopolku.organisations.enums import OrganisationKind
from kotopolku.organisations.models import Municipality, Network, Organisation, ServicePoint


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{900 + n % 99:03d}")
    name_fi = factory.Sequence(lambda n: f"Testikunta {n}")
    name_sv = factory.LazyAttribute(lambda o: o.name_fi)


def municipality(code: str = "698") -> Municipality:
    """A real municipality (loaded by migration) where one exists, else a made-up one."""
    return Municipality.objects.filter(code=code).first() or MunicipalityFactory(code=code)


class ServicePointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePoint

    name = factory.Sequence(lambda n: f"International House {n}")
    slug = factory.Sequence(lambda n: f"ih-{n}")
    municipality = factory.LazyFunction(lambda: municipality("698"))


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    lead = factory.SubFactory(ServicePointFactory)

    @factory.post_generation
    def members(self, create: bool, extracted: list[ServicePoint] | None, **kwargs: object) -> None:
        if create:
            self.service_points.set(extracted or [self.lead])


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = OrganisationKind.STATE_AUTHORITY
