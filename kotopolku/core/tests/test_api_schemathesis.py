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

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from kotopolku.accounts.models import User
from kotopolku.accounts.services import api_token_create
from kotopolku.api import api
from kotopolku.catalogue.hsds.contract import openapi_as_served
from kotopolku.core.testing.code_lists import restore_code_lists

pytestmark = [
    pytest.mark.schemathesis,
    pytest.mark.django_db(transaction=True),
]


SEED = "20261206"
# Per operation and phase: every operation is reached in every phase (the coverage phase adds its
# own cases, most of the run's time); over 102 operations both APIs took 9 minutes on each
# database while two runs shared a 2-core machine.
V1_EXAMPLES = "6"
HSDS_EXAMPLES = "5"
ADVISOR = "advisor.rovaniemi@demo.kotopolku.fi"
CONFIG = """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "403", "404", "409", "422", "429"]
"""


def _schemathesis(
    tmp_path: Path, location: str, examples: str, *extra: str
) -> tuple[subprocess.CompletedProcess[str], int]:
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
        examples,
        "--workers",
        "1",
        "--request-timeout",
        "30",
        *extra,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1200, cwd=tmp_path)
    generated = re.search(r"(\d+) generated", result.stdout)
    return result, int(generated.group(1)) if generated else 0


def _report(result: subprocess.CompletedProcess[str]) -> str:
    return f"schemathesis exited {result.returncode}\n{result.stdout[-20000:]}\n{result.stderr[-3000:]}"


def test_json_api_and_hsds__every_check_every_operation__no_failure(live_server, tmp_path):
    """One test for both APIs: the demo is loaded once."""
    restore_code_lists()
    call_command("demo", stdout=io.StringIO())
    _token, raw = api_token_create(user=User.objects.get(email=ADVISOR), name="schemathesis")

    result, generated = _schemathesis(
        tmp_path,
        f"{live_server.url}/api/v1/openapi.json",
        V1_EXAMPLES,
        "--header",
        f"Authorization: Bearer {raw}",
    )
    print(f"api/v1: {generated} cases")
    operations = sum(
        1
        for item in api.get_openapi_schema()["paths"].values()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    )
    assert re.search(rf"Tested: +{operations}\b", result.stdout), _report(result)
    assert result.returncode == 0, _report(result)
    assert generated > 400, _report(result)

    document = openapi_as_served()
    if document is None:
        pytest.skip("the HSDS 3.0 specification is not in ../shared/data/hsds-3.0")
    location = tmp_path / "hsds-openapi.json"
    location.write_text(json.dumps(document), encoding="utf-8")
    result, generated = _schemathesis(
        tmp_path, str(location), HSDS_EXAMPLES, "--url", f"{live_server.url}/api/hsds"
    )
    print(f"api/hsds: {generated} cases")
    assert re.search(r"Tested: +11\b", result.stdout), _report(result)
    assert result.returncode == 0, _report(result)
    assert generated > 300, _report(result)
