"""The retention page's "run now": queue the retention task for the user's service points."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kotopolku.accounts.enums import Role
from kotopolku.audit.models import AuditEvent
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.tasks import clients_retention
from kotopolku.clients.tests.conftest import staff
from kotopolku.clients.tests.factories import ClientFactory

pytestmark = pytest.mark.django_db

URL = reverse("clients:retention")
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def logged_in(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def closed_long_ago(point, **kwargs):  # type: ignore[no-untyped-def]
    return ClientFactory(
        service_point=point,
        status=ClientStatus.CLOSED,
        closed_at=timezone.now() - dt.timedelta(days=6 * 365),
        **kwargs,
    )


def test_retention_page__coordinator__has_the_run_button_when_records_are_due(client, coordinator, rovaniemi):
    logged_in(client, coordinator)
    assert "Anonymise these records now" not in client.get(URL).content.decode()
    closed_long_ago(rovaniemi)
    assert "Anonymise these records now" in client.get(URL).content.decode()


def test_run_now__coordinator__queues_the_task_audits_and_confirms(
    client, coordinator, rovaniemi, kemi, django_assert_max_num_queries
):
    due = closed_long_ago(rovaniemi)
    logged_in(client, coordinator)
    with django_assert_max_num_queries(16):
        response = client.post(URL)
    assert response.status_code == 302 and response["Location"] == URL
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "kotopolku.clients.tasks.clients_retention"
    assert queued.args_kwargs["kwargs"] == {
        "service_point_ids": [rovaniemi.pk],
        "requested_by": coordinator.pk,
    }
    event = AuditEvent.objects.get(action="clients.retention_run")
    assert (event.actor, event.outcome, event.purpose) == (coordinator, "done", "retention period")
    assert event.details == {"task": str(queued.id), "service_points": [rovaniemi.pk], "due": 1}
    page = client.get(URL).content.decode()
    assert "The retention run was started." in page
    due.refresh_from_db()
    assert due.status == ClientStatus.CLOSED  # the worker anonymises, not the request


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.PERMIT_EXPERT])
def test_run_now__other_roles__are_refused_and_audited(client, rovaniemi, role):
    due = closed_long_ago(rovaniemi)
    user = staff(role, rovaniemi, language="en")
    logged_in(client, user)
    assert client.post(URL).status_code == 403
    assert AuditEvent.objects.filter(actor=user, action="clients.retention", outcome="denied").exists()
    assert not DBTaskResult.objects.exists()
    assert not AuditEvent.objects.filter(action="clients.retention_run").exists()
    due.refresh_from_db()
    assert due.status == ClientStatus.CLOSED


def test_run_now__get_is_still_only_a_listing(client, coordinator, rovaniemi):
    closed_long_ago(rovaniemi)
    logged_in(client, coordinator)
    assert client.get(URL).status_code == 200
    assert not DBTaskResult.objects.exists()


def test_run_now__anonymises_only_the_requesters_service_points(
    client, coordinator, rovaniemi, kemi, settings
):
    settings.TASKS = IMMEDIATE
    own, elsewhere = closed_long_ago(rovaniemi), closed_long_ago(kemi)
    logged_in(client, coordinator)
    client.post(URL)
    own.refresh_from_db()
    elsewhere.refresh_from_db()
    assert own.status == ClientStatus.ANONYMISED and elsewhere.status == ClientStatus.CLOSED
    erased = AuditEvent.objects.get(action="clients.erase", target_id=str(own.uuid))
    assert (erased.actor, erased.purpose) == (coordinator, "retention period")


def test_retention_task__requester_who_lost_the_role__anonymises_nothing(coordinator, rovaniemi, settings):
    settings.TASKS = IMMEDIATE
    due = closed_long_ago(rovaniemi)
    coordinator.memberships.update(role=Role.ADVISOR)
    result = clients_retention.enqueue(service_point_ids=[rovaniemi.pk], requested_by=coordinator.pk)
    assert result.return_value == []
    due.refresh_from_db()
    assert due.status == ClientStatus.CLOSED
