from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.audit.services import audit_record
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client):
    point = ServicePointFactory()
    coordinator = UserFactory(email="coordinator@example.test")
    Membership.objects.create(user=coordinator, role=Role.COORDINATOR, service_point=point)
    advisor = UserFactory(email="advisor@example.test")
    Membership.objects.create(user=advisor, role=Role.ADVISOR, service_point=point)
    outsider = UserFactory(email="outsider@example.test")
    Membership.objects.create(user=outsider, role=Role.ADVISOR, service_point=ServicePointFactory())
    for n in range(60):
        audit_record(
            actor=advisor,
            action="clients.view",
            target_type="clients.client",
            target_id=f"c{n}",
            service_point_id=point.id,
        )
    audit_record(
        actor=advisor,
        action="clients.merge",
        target_type="clients.client",
        target_id="c1",
        service_point_id=point.id,
        outcome=Outcome.DENIED,
    )
    audit_record(actor=outsider, action="clients.view", target_type="clients.client", target_id="secret")
    client.force_login(coordinator)
    return client


def test_audit_log__coordinator__sees_events_of_their_service_point_paginated(
    coordinator_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = coordinator_client.get("/audit/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "advisor@example.test" in body
    assert "outsider@example.test" not in body
    assert response.context["page"].paginator.num_pages == 2


@pytest.mark.parametrize(
    "query, expected",
    [
        ("action=clients.merge", 1),
        ("outcome=denied", 1),
        ("target=c7", 1),
        ("actor=advisor@", 61),
        ("target=secret", 0),
    ],
)
def test_audit_log__filters(coordinator_client, query, expected):
    response = coordinator_client.get(f"/audit/?{query}")
    assert response.context["page"].paginator.count == expected


def test_audit_log__bad_period__is_a_field_error(coordinator_client):
    response = coordinator_client.get("/audit/?since=2026-05-01&until=2026-01-01")
    assert response.status_code == 400
    assert response.context["form"].errors["until"]
    assert coordinator_client.get("/audit/?since=not-a-date").status_code == 400


def test_audit_log__advisor__is_denied_and_the_attempt_is_audited(client):
    advisor = UserFactory()
    Membership.objects.create(user=advisor, role=Role.ADVISOR, service_point=ServicePointFactory())
    client.force_login(advisor)
    assert client.get("/audit/").status_code == 403
    assert AuditEvent.objects.filter(actor=advisor, action="audit.view", outcome=Outcome.DENIED).exists()
