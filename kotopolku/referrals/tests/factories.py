from __future__ import annotations

import factory
from django.utils import timezone

from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.organisations.tests.factories import OrganisationFactory
from kotopolku.referrals.enums import ReferralStatus
from kotopolku.referrals.models import Referral, SharingConsent


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    client = factory.SubFactory(ClientFactory)
    service_point = factory.LazyAttribute(lambda o: o.client.service_point)
    organisation = factory.SubFactory(OrganisationFactory)
    reason = "Needs help with the family benefit application."
    message = "Speaks Russian; prefers mornings."
    shared_fields = ["name", "phone"]
    status = ReferralStatus.DRAFT
    created_by = factory.SubFactory(UserFactory)


class SentReferralFactory(ReferralFactory):
    status = ReferralStatus.SENT
    sent_at = factory.LazyFunction(timezone.now)


class SharingConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharingConsent

    client = factory.SubFactory(ClientFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    given_at = factory.LazyFunction(timezone.now)
