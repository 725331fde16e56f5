"""A backup restored elsewhere verifies: the chain, the key from the environment and the checkpoints
kept outside the database are all an auditor needs (README: "Backup and restore")."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.audit.checkpoints import audit_checkpoint
from kotopolku.audit.services import audit_record
from kotopolku.env import BASE_DIR

RESTORED = "kp_integrity_audit_restore"

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore are PostgreSQL's"),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed"),
]


def _libpq_env() -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        PGHOST=str(db["HOST"] or "127.0.0.1"), PGPORT=str(db["PORT"] or 5432), PGUSER=str(db["USER"] or "")
    )
    if db["PASSWORD"]:
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg(*command: str) -> None:
    subprocess.run(command, env=_libpq_env(), check=True, capture_output=True, timeout=300)


def _verify_in(database: str, checkpoint_dir: str) -> subprocess.CompletedProcess[str]:
    """What the auditor runs: the product's command against the restored database."""
    db = connection.settings_dict
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}:{port}/{database}"
    env = {
        **os.environ,
        "KOTOPOLKU_ENV": "development",
        "DATABASE_URL": url,
        "AUDIT_KEY": settings.AUDIT_KEY,
        "AUDIT_CHECKPOINT_DIR": checkpoint_dir,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "kotopolku", "audit", "verify"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.django_db(transaction=True)
def test_dump_restored_into_another_database__verifies_against_the_checkpoint(tmp_path, checkpoint_dir):
    user = UserFactory()
    for n in range(25):
        audit_record(actor=user, action="clients.view", target_type="clients.client", target_id=f"c{n}")
    audit_checkpoint()
    dump = tmp_path / "kotopolku.dump"
    _pg("pg_dump", "--format=custom", f"--file={dump}", str(connection.settings_dict["NAME"]))
    _pg("dropdb", "--if-exists", RESTORED)
    _pg("createdb", RESTORED)
    try:
        _pg("pg_restore", "--no-owner", f"--dbname={RESTORED}", str(dump))
        result = _verify_in(RESTORED, str(checkpoint_dir))
        assert result.returncode == 0, result.stderr
        assert "Audit chain intact: 25 events verified" in result.stdout
        assert "(25 events) matches" in result.stdout

        # A later checkpoint tells that this backup lacks what was written after it.
        audit_record(actor=user, action="clients.view", target_type="clients.client", target_id="later")
        audit_checkpoint()
        result = _verify_in(RESTORED, str(checkpoint_dir))
        assert result.returncode == 1
        assert "is missing" in result.stderr
    finally:
        _pg("dropdb", "--if-exists", RESTORED)
