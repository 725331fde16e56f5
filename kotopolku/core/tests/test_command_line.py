"""``python -m kotopolku`` outside development: a missing setting is one line saying how to set it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kotopolku.env import BASE_DIR


def _run(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "AUDIT_KEY", "KOTOPOLKU_ENV"}}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "kotopolku", "check"],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "env, missing",
    [({}, "SECRET_KEY is not set"), ({"SECRET_KEY": "s" * 50}, "AUDIT_KEY is not set")],
)
def test_command__without_a_required_secret__prints_one_line_and_how_to_set_it(env, missing):
    result = _run(**env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"kotopolku: {missing}")
    assert "KOTOPOLKU_ENV=development" in line and "openssl rand" in line


def test_command__in_development__needs_no_secret():
    assert _run(KOTOPOLKU_ENV="development").returncode == 0
