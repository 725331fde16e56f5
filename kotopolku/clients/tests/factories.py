from __future__ import annotations

import factory
from django.utils import timezone

from kotopolku.clients.models import Client, Consent
from kotopolku.organisations.tests.factories import ServicePointFactory


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    service_point = factory.SubFactory(ServicePointFactory)
    given_names = factory.Sequence(lambda n: f"Anna{n}")
    family_name = "Ivanova"
    given_names_latin = factory.LazyAttribute(lambda o: o.given_names)
    family_name_latin = "Ivanova"
    birth_year = 1990

    @factory.post_generation
    def search_keys(obj: Client, create: bool, extracted: object, **kwargs: object) -> None:
        """Write the matching app's search keys, as the registration service does."""
        if not create:
            return
        try:
            from kotopolku.clients.matching.services import client_search_keys_refresh
        except ImportError:
            return
        client_search_keys_refresh(client=obj)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    client = factory.SubFactory(ClientFactory)
    purpose = "record_keeping"
    given_at = factory.LazyFunction(timezone.now)
