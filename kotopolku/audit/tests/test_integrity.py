"""Attacks on the audit trail, each caught: by the keyed chain, by the checkpoints, or refused."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.audit.chain import LEGACY_SCHEME, event_digest, fields_of
from kotopolku.audit.checkpoints import (
    CheckpointInvalid,
    audit_checkpoint,
    checkpoint_parse,
    latest_checkpoint,
)
from kotopolku.audit.models import AuditEvent
from kotopolku.audit.services import audit_record
from kotopolku.audit.tasks import audit_checkpoint_periodic
from kotopolku.audit.verify import audit_chain_verify

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the audit table's triggers exist on PostgreSQL only"
)


def _events(count: int) -> list[AuditEvent]:
    user = UserFactory()
    return [
        audit_record(actor=user, action="clients.view", target_type="clients.client", target_id=f"c{n}")
        for n in range(count)
    ]


def _behind_the_guards(*statements: tuple[str, list[object]]) -> None:
    """What a database administrator could do: lift the triggers, change rows, put them back."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        for sql, params in statements:
            cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")


def _rechain_from(event_id: int, *, scheme: str | None = None) -> None:
    """Recompute every hash from ``event_id`` on, as someone rewriting history would."""
    prev = AuditEvent.objects.filter(id__lt=event_id).order_by("-id").values_list("hash", flat=True).first()
    prev = prev or "0" * 64
    updates = []
    for event in AuditEvent.objects.filter(id__gte=event_id).order_by("id"):
        used = scheme or event.scheme
        digest = event_digest(prev_hash=prev, fields=fields_of(event), scheme=used)
        updates.append(
            (
                "UPDATE audit_auditevent SET prev_hash = %s, hash = %s, scheme = %s WHERE id = %s",
                [prev, digest, used, event.id],
            )
        )
        prev = digest
    # Hashes are unique: write them through a placeholder first so no two rows collide midway.
    placeholders = [
        ("UPDATE audit_auditevent SET hash = %s WHERE id = %s", [f"tmp{params[3]}", params[3]])
        for _sql, params in updates
    ]
    _behind_the_guards(*placeholders, *updates)


def test_verify__goes_on_past_a_broken_link_and_reports_every_one():
    events = _events(6)
    _behind_the_guards(
        ("UPDATE audit_auditevent SET purpose = %s WHERE id = %s", ["curiosity", events[1].id]),
        ("DELETE FROM audit_auditevent WHERE id = %s", [events[3].id]),
        ("UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["x@example.test", events[5].id]),
    )
    report = audit_chain_verify()
    assert [(link.event_id, "changed" in link.reason) for link in report.broken] == [
        (events[1].id, True),
        (events[4].id, False),
        (events[5].id, True),
    ]
    assert report.checked == 5


def test_chain__is_keyed__rewriting_history_without_the_key_is_caught(settings):
    events = _events(4)
    _behind_the_guards(
        ("UPDATE audit_auditevent SET purpose = %s WHERE id = %s", ["curiosity", events[1].id]),
    )
    settings.AUDIT_KEY = "a key the attacker guessed"
    _rechain_from(events[1].id)
    settings.AUDIT_KEY = "development-only-audit-key-not-for-production"
    report = audit_chain_verify()
    assert {link.event_id for link in report.broken} == {event.id for event in events[1:]}


def test_chain__rewritten_as_unkeyed_sha256__is_caught():
    events = _events(3)
    _behind_the_guards(
        ("UPDATE audit_auditevent SET purpose = %s WHERE id = %s", ["curiosity", events[2].id]),
    )
    _rechain_from(events[2].id, scheme=LEGACY_SCHEME)
    [broken] = audit_chain_verify().broken
    assert broken.event_id == events[2].id and "unkeyed" in broken.reason


def test_chain__events_from_before_the_key__still_verify_and_link_to_keyed_ones():
    events = _events(3)
    # The chain as it was before it was keyed: plain SHA-256 over the same content.
    _rechain_from(events[0].id, scheme=LEGACY_SCHEME)
    assert audit_chain_verify().intact
    audit_record(actor=None, action="accounts.login", target_type="accounts.user", target_id="x")
    report = audit_chain_verify()
    assert report.intact and report.checked == 4
    assert AuditEvent.objects.order_by("-id").first().scheme == "hmac-sha256"


def test_checkpoint__cutting_the_tail__is_caught(checkpoint_dir):
    events = _events(5)
    audit_checkpoint()
    assert audit_chain_verify().intact
    _behind_the_guards(("DELETE FROM audit_auditevent WHERE id >= %s", [events[3].id]))
    report = audit_chain_verify()
    assert report.broken == []  # what is left still chains: only the checkpoint can tell
    assert any("missing" in problem for problem in report.checkpoint_problems)
    assert any("3 events up to event" in problem for problem in report.checkpoint_problems)


def test_checkpoint__newest_events_deleted_and_the_log_written_on__is_caught():
    events = _events(3)
    audit_checkpoint()
    _events(2)
    _behind_the_guards(("DELETE FROM audit_auditevent WHERE id >= %s", [events[2].id]))
    _events(3)  # the product goes on appending, chained to what is left
    report = audit_chain_verify()
    assert report.broken == []
    assert any(
        f"event {events[2].id}" in problem and "missing" in problem for problem in report.checkpoint_problems
    )


def test_checkpoint__history_rewritten_with_the_key_and_recomputed_hashes__is_caught():
    """Even someone holding the key (and rechaining every hash) cannot match the checkpoint."""
    events = _events(4)
    audit_checkpoint()
    _behind_the_guards(
        ("UPDATE audit_auditevent SET purpose = %s WHERE id = %s", ["curiosity", events[1].id]),
    )
    _rechain_from(events[1].id)
    report = audit_chain_verify()
    assert report.broken == []
    assert report.checkpoint_problems == [
        f"event {events[3].id} has another hash than at the checkpoint of "
        f"{report.checkpoint.created_at} (history up to it was rewritten)"
    ]


def test_checkpoint__emptied_table__is_caught(capsys):
    _events(3)
    audit_checkpoint()
    _behind_the_guards(("DELETE FROM audit_auditevent", []))
    with pytest.raises(CommandError, match="NOT intact: 0 broken link"):
        call_command("audit", "verify")
    assert "is missing" in capsys.readouterr().err


@on_postgres
def test_postgres__truncate_of_the_audit_table__is_refused():
    _events(2)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.count() == 2


def test_checkpoint__forged_or_altered_file__is_reported_and_not_trusted(checkpoint_dir):
    _events(2)
    _checkpoint, path = audit_checkpoint()
    data = json.loads(path.read_text())
    data["count"] = 1
    (checkpoint_dir / "checkpoint-99999999T999999-1.json").write_text(json.dumps(data))
    newest, problems = latest_checkpoint()
    assert newest is not None and newest.count == 2
    assert problems == [
        "checkpoint-99999999T999999-1.json: the checkpoint's signature does not hold "
        "(forged, altered or another key)"
    ]
    with pytest.raises(CheckpointInvalid):
        checkpoint_parse("{}")


def test_checkpoint__goes_to_a_file_and_the_log(caplog, checkpoint_dir):
    _events(2)
    with caplog.at_level(logging.INFO, logger="kotopolku.audit.checkpoint"):
        checkpoint, path = audit_checkpoint()
    assert path.parent == checkpoint_dir
    assert checkpoint_parse(path.read_text()) == checkpoint
    [line] = [record.getMessage() for record in caplog.records if record.name == "kotopolku.audit.checkpoint"]
    assert checkpoint_parse(line) == checkpoint
    assert checkpoint.count == 2 and checkpoint.last_hash == AuditEvent.objects.order_by("-id")[0].hash


def test_verify__against_a_checkpoint_saved_from_the_log(tmp_path, capsys):
    events = _events(3)
    checkpoint, _path = audit_checkpoint()
    saved = tmp_path / "from-the-log.txt"
    saved.write_text(
        f"2026-12-06 18:00:00 INFO kotopolku.audit.checkpoint audit checkpoint {checkpoint.to_json()}"
    )
    call_command("audit", "verify", "--checkpoint", str(saved))
    assert "matches" in capsys.readouterr().out
    _behind_the_guards(("DELETE FROM audit_auditevent WHERE id = %s", [events[2].id]))
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--checkpoint", str(saved))


def test_checkpoint_command_and_periodic_task__write_a_checkpoint_and_queue_the_next(capsys, checkpoint_dir):
    from django_tasks_db.models import DBTaskResult

    _events(1)
    call_command("audit", "checkpoint", "--schedule")
    assert "1 events" in capsys.readouterr().out
    queued = DBTaskResult.objects.filter(task_path=audit_checkpoint_periodic.module_path)
    assert queued.count() == 1
    call_command("audit", "checkpoint", "--schedule")  # already queued: not queued twice
    assert queued.count() == 1
    result = audit_checkpoint_periodic.call()
    assert result["count"] == 1
    assert len(list(checkpoint_dir.glob("checkpoint-*.json"))) == 3


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback that keeps what it receives."""
    import socket

    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message):  # type: ignore[no-untyped-def]
            received.append(message)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, received
    controller.stop()


def test_checkpoint__is_e_mailed_to_the_configured_address(settings, smtp_server, tmp_path, capsys):
    port, received = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.AUDIT_CHECKPOINT_EMAIL = "dpo@kemi.example"
    _events(2)
    checkpoint, _path = audit_checkpoint()
    [message] = received
    assert message["To"] == "dpo@kemi.example"
    body = message.get_payload(decode=True).decode()
    assert checkpoint_parse(body) == checkpoint
    # The auditor verifies against the checkpoint kept from the e-mail.
    kept = tmp_path / "mail.txt"
    kept.write_text(body)
    call_command("audit", "verify", "--checkpoint", str(kept))
    assert "matches" in capsys.readouterr().out


def test_periodic_task__mail_server_down__checkpoint_still_on_file_and_the_next_one_queued(
    settings, checkpoint_dir
):
    import socket

    from django_tasks_db.models import DBTaskResult

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 5
    settings.AUDIT_CHECKPOINT_EMAIL = "dpo@kemi.example"
    _events(1)
    with pytest.raises(OSError):
        audit_checkpoint_periodic.call()
    assert len(list(checkpoint_dir.glob("checkpoint-*.json"))) == 1
    assert DBTaskResult.objects.filter(task_path=audit_checkpoint_periodic.module_path).count() == 1
