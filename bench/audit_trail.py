"""The audit trail at scale: appending an event, verifying the keyed chain, writing a checkpoint.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_audit_bench KOTOPOLKU_ENV=development
    .venv/bin/python -m kotopolku migrate
    .venv/bin/python bench/audit_trail.py --events 1000000 [--repeat 200]

``--events`` fills the audit table up to that many events first (a realistic mix of reads,
changes and refusals, chained and keyed as the product writes them; written in bulk, not through
``audit_record``). Then it prints:

- ``append``: ``audit_record`` as a service calls it (the advisory lock, the last hash, the HMAC,
  the insert), against the floor of the bare INSERT of the same row;
- ``verify``: ``audit verify`` end to end (every event's HMAC and link, then the checkpoint), as
  events per second; the floor is reading the rows alone;
- ``checkpoint``: taking and writing a signed checkpoint.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Measurement, measure, setup_django

ACTIONS = [
    ("clients.view", "clients.client", "client service", "done"),
    ("contacts.log", "contacts.contact", "", "done"),
    ("clients.change", "clients.client", "correction", "done"),
    ("clients.view", "clients.client", "client service", "denied"),
    ("accounts.login", "accounts.user", "", "done"),
]


def fill(target: int, batch: int = 5000) -> None:
    import uuid

    from django.db import transaction
    from django.utils import timezone

    from kotopolku.audit.chain import GENESIS_HASH, KEYED_SCHEME, event_digest, hashed_fields
    from kotopolku.audit.models import AuditEvent
    from kotopolku.audit.services import lock_chain

    have = AuditEvent.objects.count()
    started = time.perf_counter()
    when = timezone.now() - timedelta(days=365)
    while have < target:
        with transaction.atomic():
            lock_chain()
            prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS_HASH
            rows = []
            for n in range(min(batch, target - have)):
                action, target_type, purpose, outcome = ACTIONS[(have + n) % len(ACTIONS)]
                when += timedelta(seconds=3)
                fields = hashed_fields(
                    occurred_at=when,
                    actor_id=None,
                    actor_label=f"advisor{(have + n) % 400}@kemi.example",
                    organisation_label="International Pointti Kemi",
                    service_point_id=(have + n) % 20 + 1,
                    action=action,
                    target_type=target_type,
                    target_id=str(uuid.uuid4()),
                    purpose=purpose,
                    ip=f"10.{(have + n) % 250}.{n % 250}.7",
                    request_id=uuid.uuid4().hex,
                    outcome=outcome,
                    details={"fields": ["phone"]} if action == "clients.change" else {},
                )
                digest = event_digest(prev_hash=prev, fields=fields)
                stored = {key: value for key, value in fields.items() if key != "occurred_at"}
                rows.append(
                    AuditEvent(occurred_at=when, prev_hash=prev, hash=digest, scheme=KEYED_SCHEME, **stored)
                )
                prev = digest
            AuditEvent.objects.bulk_create(rows)
        have += len(rows)
    print(f"fill: {have} events in the table ({time.perf_counter() - started:.1f}s)")


def bench_append(repeat: int) -> None:
    from django.db import connection, transaction

    from kotopolku.audit.models import AuditEvent
    from kotopolku.audit.services import audit_record

    def append(_n: int) -> None:
        with transaction.atomic():
            audit_record(actor=None, action="clients.view", target_type="clients.client", target_id="bench")

    result = measure("append (audit_record: lock, last hash, HMAC, insert)", append, repeat=repeat)
    table = AuditEvent._meta.db_table
    samples = []
    with connection.cursor() as cursor:
        for n in range(repeat):
            started = time.perf_counter()
            with transaction.atomic():
                cursor.execute(
                    f"INSERT INTO {table} (occurred_at, actor_label, organisation_label, action, target_type,"
                    " target_id, purpose, request_id, outcome, details, prev_hash, hash, scheme)"
                    " VALUES (now(), '', '', 'clients.view', 'clients.client', 'bench', '', '', 'done', '{}',"
                    " %s, %s, 'hmac-sha256')",
                    ["0" * 64, f"floor-{time.time_ns()}-{n}"],
                )
                transaction.set_rollback(True)
            samples.append((time.perf_counter() - started) * 1000)
    print(result.line(floor_ms=Measurement("floor", samples, 1).p95))


def bench_verify(runs: int) -> None:
    from django.db import connection
    from django.test.utils import override_settings

    from kotopolku.audit.checkpoints import audit_checkpoint
    from kotopolku.audit.models import AuditEvent
    from kotopolku.audit.verify import audit_chain_verify

    with tempfile.TemporaryDirectory() as directory, override_settings(AUDIT_CHECKPOINT_DIR=directory):
        started = time.perf_counter()
        checkpoint, _path = audit_checkpoint()
        print(f"checkpoint: {checkpoint.count} events, {(time.perf_counter() - started) * 1000:.1f}ms")
        count = AuditEvent.objects.count()
        table = AuditEvent._meta.db_table
        for run in range(runs):
            started = time.perf_counter()
            report = audit_chain_verify()
            elapsed = time.perf_counter() - started
            assert report.intact, (report.broken[:3], report.checkpoint_problems)
            floor_started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT * FROM {table} ORDER BY id")
                while cursor.fetchmany(5000):
                    pass
            floor = time.perf_counter() - floor_started
            print(
                f"verify run {run + 1}: {report.checked} events in {elapsed:.1f}s "
                f"({report.checked / elapsed:,.0f} events/s); reading the rows alone {floor:.1f}s "
                f"ratio={elapsed / floor:.1f}x; checkpoint matches ({count} events)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--verify-runs", type=int, default=2)
    args = parser.parse_args()
    setup_django()
    fill(args.events)
    bench_append(args.repeat)
    bench_verify(args.verify_runs)


if __name__ == "__main__":
    main()
