from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.services import membership_grant
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.audit.models import AuditEvent
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


def test_membership_grant__at_a_service_point__is_audited_there_once():
    point = ServicePointFactory()
    admin, user = UserFactory(), UserFactory()
    membership_grant(user=user, role=Role.ADVISOR, by=admin, service_point=point)
    membership_grant(user=user, role=Role.ADVISOR, by=admin, service_point=point)
    event = AuditEvent.objects.get(action="accounts.membership_granted")
    assert (event.actor, event.target_id, event.service_point_id) == (admin, str(user.uuid), point.id)
    assert event.details["role"] == Role.ADVISOR
