from __future__ import annotations

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
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
        ("area=clients", 61),
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


@pytest.mark.parametrize(
    "language, sentence, purpose, heading",
    [
        ("en", "viewed a client&#x27;s data.", "client service", "IP address"),
        ("fi", "katsoi asiakkaan tietoja.", "asiakaspalvelu", "IP-osoite"),
        ("sv", "visade en klients uppgifter.", "klientservice", "IP-adress"),
    ],
)
def test_audit_log__reads_as_sentences_in_the_staff_language(
    coordinator_client, language, sentence, purpose, heading
):
    advisor = User.objects.get(email="advisor@example.test")
    audit_record(
        actor=advisor,
        action="clients.view",
        target_type="clients.client",
        target_id="0f8fad5b-d9cb-469f-a165-70867728950e",
        purpose="client service",
        service_point_id=Membership.objects.get(user=advisor).service_point_id,
    )
    coordinator_client.cookies["django_language"] = language
    response = coordinator_client.get("/audit/?area=clients")
    body = response.content.decode()
    assert sentence in body and purpose in body
    assert f'<th scope="col">{heading}</th>' in body
    assert "clients.view" not in body and "clients.client" not in body
    # Targets in words: the client's record is a link, its UUID not shown as text.
    assert ">0f8fad5b-d9cb-469f-a165-70867728950e<" not in body
    assert 'href="/clients/0f8fad5b-d9cb-469f-a165-70867728950e/"' in body


def test_audit_log__names_users_and_the_username_of_a_failed_login(client):
    point = ServicePointFactory()
    coordinator = UserFactory(email="coordinator@example.test")
    Membership.objects.create(user=coordinator, role=Role.COORDINATOR, service_point=point)
    colleague = UserFactory(email="new.advisor@example.test")
    audit_record(
        actor=coordinator, action="accounts.membership_granted", target=colleague, service_point_id=point.id
    )
    client.force_login(coordinator)
    client.cookies["django_language"] = "en"
    body = client.get("/audit/").content.decode()
    assert "gave a user a role." in body
    assert "User: new.advisor@example.test" in body
    assert str(colleague.uuid) not in body


def test_audit_log__reading_it__is_itself_audited_with_the_filters(coordinator_client):
    coordinator_client.get("/audit/?area=clients&outcome=denied")
    event = AuditEvent.objects.filter(action="audit.view", outcome="done").get()
    assert event.actor_label == "coordinator@example.test"
    assert event.details == {"filters": {"area": "clients", "outcome": "denied"}, "page": 1}
