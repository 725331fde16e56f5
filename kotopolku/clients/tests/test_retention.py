from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.tasks import clients_retention
from kotopolku.clients.tests.factories import ClientFactory

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def due(rovaniemi):  # type: ignore[no-untyped-def]
    return ClientFactory(
        service_point=rovaniemi,
        status=ClientStatus.CLOSED,
        closed_at=timezone.now() - dt.timedelta(days=2_000),
    )


def test_retention_command__dry_run__lists_and_changes_nothing(due):
    out = StringIO()
    call_command("clients", "retention", "--dry-run", stdout=out)
    assert str(due.uuid) in out.getvalue()
    assert "1 client record(s) would be anonymised." in out.getvalue()
    due.refresh_from_db()
    assert due.status == ClientStatus.CLOSED


def test_retention_command__enqueues_the_task(due, settings):
    settings.TASKS = IMMEDIATE
    out = StringIO()
    call_command("clients", "retention", stdout=out)
    assert "enqueued" in out.getvalue()
    due.refresh_from_db()
    assert due.status == ClientStatus.ANONYMISED


def test_retention_command__now__runs_in_process(due):
    call_command("clients", "retention", "--now", stdout=StringIO())
    due.refresh_from_db()
    assert due.status == ClientStatus.ANONYMISED


def test_retention_task__returns_the_anonymised_uuids(due, settings):
    settings.TASKS = IMMEDIATE
    result = clients_retention.enqueue()
    assert result.return_value == [str(due.uuid)]
