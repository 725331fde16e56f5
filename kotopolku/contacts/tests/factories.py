from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.contacts.enums import Channel, ContactOutcome
from kotopolku.contacts.models import Contact, ContactTopic, Topic
from kotopolku.contacts.tallies import contact_tally, tallies_apply
from kotopolku.organisations.tests.factories import ServicePointFactory


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact
        skip_postgeneration_save = True

    service_point = factory.SubFactory(ServicePointFactory)
    happened_at = factory.LazyFunction(timezone.now)
    channel = Channel.WALK_IN
    language = "en"
    duration_minutes = 10
    outcome = ContactOutcome.INFORMATION
    logged_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def topic_codes(self, create: bool, extracted: list[str] | None, **kwargs: Any) -> None:
        if create:
            topics = list(Topic.objects.filter(code__in=extracted or ["housing"]))
            for topic in topics:
                ContactTopic.objects.create(
                    contact=self, topic=topic, service_point=self.service_point, happened_at=self.happened_at
                )
            # As the services do: the day tallies of the desk statistics count the contact.
            tallies_apply(contact_tally(self, [topic.pk for topic in topics]))
