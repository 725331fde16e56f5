"""Property-based tests of the whole JSON API and the HSDS API with schemathesis: every check, every
operation, a fixed seed, authenticated as the demo advisor of Rovaniemi; no server error allowed.

Run alone with ``pytest -m schemathesis``. schemathesis runs as its own process against the test
server (on loopback), as it would against a deployment: its report is printed when it fails.

One check is tuned: a request the OpenAPI document allows may still name a service point,
municipality or client that does not exist, or an e-mail address that is not one, which the
API refuses with 422 and a message per field; ``positive_data_acceptance`` counts 422 as
expected for that reason (the document cannot list the records that exist).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from kotopolku.accounts.models import User
from kotopolku.accounts.services import api_token_create
from kotopolku.catalogue.hsds.contract import openapi_as_served

pytestmark = [
    pytest.mark.schemathesis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED = "20261206"
# Enough for every operation to be reached in every phase, within about a minute per API.
EXAMPLES = "20"
ADVISOR = "advisor.rovaniemi@demo.kotopolku.fi"
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "403", "404", "409", "422"]
"""


def _schemathesis(tmp_path: Path, location: str, *extra: str) -> tuple[subprocess.CompletedProcess[str], int]:
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG, encoding="utf-8")
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(config),
        "--no-color",
        "run",
        location,
        "--checks",
        "all",
        "--seed",
        SEED,
        "--max-examples",
        EXAMPLES,
        "--workers",
        "1",
        "--request-timeout",
        "30",
        *extra,
    ]
    environment = {**os.environ, "SCHEMATHESIS_HOOKS": ""}
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=600, cwd=tmp_path, env=environment
    )
    generated = re.search(r"(\d+) generated", result.stdout)
    return result, int(generated.group(1)) if generated else 0


def _report(result: subprocess.CompletedProcess[str]) -> str:
    return f"schemathesis exited {result.returncode}\n{result.stdout[-20000:]}\n{result.stderr[-3000:]}"


@pytest.fixture
def demo_advisor_token(db) -> str:  # type: ignore[no-untyped-def]
    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    _token, raw = api_token_create(user=User.objects.get(email=ADVISOR), name="schemathesis")
    return raw


def test_api_v1__every_check_every_operation__no_failure(live_server, tmp_path, demo_advisor_token):
    result, generated = _schemathesis(
        tmp_path,
        f"{live_server.url}/api/v1/openapi.json",
        "--header",
        f"Authorization: Bearer {demo_advisor_token}",
    )
    print(f"api/v1: {generated} cases")
    assert "Tested: 9" in result.stdout or "Tested:" in result.stdout, _report(result)
    assert result.returncode == 0, _report(result)
    assert generated > 500, _report(result)


def test_hsds__every_check_every_operation__no_failure(live_server, tmp_path, demo_advisor_token):
    document = openapi_as_served()
    if document is None:
        pytest.skip("the HSDS 3.0 specification is not in ../shared/data/hsds-3.0")
    location = tmp_path / "hsds-openapi.json"
    location.write_text(json.dumps(document), encoding="utf-8")
    result, generated = _schemathesis(tmp_path, str(location), "--url", f"{live_server.url}/api/hsds")
    print(f"api/hsds: {generated} cases")
    assert result.returncode == 0, _report(result)
    assert generated > 300, _report(result)
