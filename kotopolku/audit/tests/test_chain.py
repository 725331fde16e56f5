from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.audit.services import audit_record
from kotopolku.audit.verify import audit_chain_verify

pytestmark = pytest.mark.django_db


def _three_events():
    user = UserFactory()
    return [
        audit_record(
            actor=user,
            action="clients.view",
            target_type="clients.client",
            target_id="a1",
            purpose="client service",
        ),
        audit_record(
            actor=user,
            action="clients.change",
            target_type="clients.client",
            target_id="a1",
            details={"fields": ["phone"]},
        ),
        audit_record(
            actor=None, action="accounts.login", outcome=Outcome.DENIED, target_id="nobody@example.test"
        ),
    ]


def _tamper(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")


def test_events__chain__links_each_to_the_one_before():
    first, second, third = _three_events()
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    report = audit_chain_verify()
    assert report.intact and report.checked == 3


def test_verify__row_edited_behind_the_orm__reports_that_event():
    _first, second, _third = _three_events()
    _tamper(
        "UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["someone.else@example.test", second.id]
    )
    [broken] = audit_chain_verify().broken
    assert broken.event_id == second.id
    assert "changed" in broken.reason


def test_verify__row_deleted_behind_the_orm__reports_the_next_event():
    _first, second, third = _three_events()
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [second.id])
    [broken] = audit_chain_verify().broken
    assert broken.event_id == third.id


def test_verify_command__broken_chain__fails_naming_the_event(capsys):
    _first, second, _third = _three_events()
    call_command("audit", "verify")
    assert "3 events verified" in capsys.readouterr().out
    _tamper("UPDATE audit_auditevent SET purpose = %s WHERE id = %s", ["curiosity", second.id])
    with pytest.raises(CommandError, match="NOT intact: 1 broken link"):
        call_command("audit", "verify")
    assert f"Broken at event {second.id}: content" in capsys.readouterr().err


def test_orm__refuses_to_change_or_delete_events():
    event = _three_events()[0]
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.update(purpose="x")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only"
)
@pytest.mark.parametrize(
    "statement", ["UPDATE audit_auditevent SET purpose = 'x'", "DELETE FROM audit_auditevent"]
)
def test_postgres_trigger__refuses_update_and_delete(statement):
    _three_events()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEvent.objects.count() == 3


def test_event__records_request_context(client):
    client.get("/healthz")  # no audit
    user = UserFactory()
    client.force_login(user)
    client.get("/", HTTP_X_REQUEST_ID="ctx-request-42", REMOTE_ADDR="198.51.100.7")
    client.post("/accounts/logout/", HTTP_X_REQUEST_ID="ctx-request-43", REMOTE_ADDR="198.51.100.7")
    event = AuditEvent.objects.get(action="accounts.logout")
    assert event.request_id == "ctx-request-43"
    assert event.ip == "198.51.100.7"
    assert event.actor == user


def test_verify__command_without_operation__is_refused():
    with pytest.raises(CommandError):
        call_command("audit", "rewrite")
