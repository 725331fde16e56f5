"""HSDS 3.0 API and import at scale (PostgreSQL). Generate the catalogue first:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_<you>_bench KOTOPOLKU_ENV=development
    .venv/bin/python -m kotopolku migrate && .venv/bin/python bench/catalogue_generate.py
    .venv/bin/python bench/hsds_api.py

Measures whole requests through the Django test client (middleware, views, serialisation):
``/api/hsds/services?per_page=50`` (and its query count at per_page 5 and 50), full-text
``search``, then exports the catalogue to HSDS JSON and times importing it into an emptied
catalogue (inside a transaction that is rolled back, so the generated data stays).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import measure, setup_django

# What an advisor types (see bench/catalogue_search.py): from about 1 % of the services to 20 %.
SEARCH_WORDS = [
    "kela",
    "asunto",
    "työpaikka",
    "tax card",
    "language course",
    "perhe",
    "suomen kielen kurssi",
    "oleskelulupa",
    "verokortti",
    "kotoutumiskoulutus rovaniemi",
    "bostad",
    "mental health",
    "asumistuki",
    "velkaneuvonta",
]


class Rollback(Exception):
    pass


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--skip", action="append", default=[], choices=["list", "search", "import"])
    skip = set(parser.parse_args().skip)
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from kotopolku.catalogue.models import Service

    if connection.vendor != "postgresql":
        raise SystemExit("Run this against PostgreSQL (DATABASE_URL).")
    total = Service.objects.count()
    print(f"hsds_api: catalogue of {total} services")
    client = Client(HTTP_HOST="localhost")
    rng = random.Random(3)

    with override_settings(ALLOWED_HOSTS=["localhost"]):
        if "list" not in skip:
            measure_list(client, total)
        if "search" not in skip:
            measure_search(client, rng)
    if "import" not in skip:
        measure_import()


def measure_list(client: Any, total: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages = max(1, total // 50)

    def page(i: int, per_page: int = 50, extra: str = "") -> None:
        response = client.get(f"/api/hsds/services?per_page={per_page}&page={i % pages + 1}{extra}")
        assert response.status_code == 200, response.content[:200]

    with connection.cursor() as cursor:

        def floor(i: int) -> None:
            cursor.execute(
                "SELECT s.uuid, t.name, t.description FROM catalogue_service s "
                "JOIN catalogue_servicetranslation t ON t.service_id = s.id AND t.language = 'fi' "
                "ORDER BY s.id LIMIT 50 OFFSET %s",
                [(i % pages) * 50],
            )
            cursor.fetchall()

        floor_ms = measure("sql floor: 50 services with their fi name", floor, repeat=100).p95

    listing = measure("GET /api/hsds/services?per_page=50", page, repeat=200)
    print(listing.line(floor_ms=floor_ms, target_ms=50))
    for per_page in (5, 50):
        with CaptureQueriesContext(connection) as captured:
            page(0, per_page)
        print(f"  queries at per_page={per_page}: {len(captured.captured_queries)}")
    for per_page in (5, 50):
        with CaptureQueriesContext(connection) as captured:
            page(0, per_page, "&full=true")
        print(f"  queries at per_page={per_page}&full=true: {len(captured.captured_queries)}")
    full = measure(
        "GET /api/hsds/services?per_page=50&full=true", lambda i: page(i, 50, "&full=true"), repeat=50
    )
    print(full.line())


def measure_search(client: Any, rng: random.Random) -> None:
    from kotopolku.catalogue.selectors import service_search

    print("  hits: " + ", ".join(f"{word!r} {service_search(text=word).count()}" for word in SEARCH_WORDS))

    def search(i: int) -> None:
        word = SEARCH_WORDS[rng.randrange(len(SEARCH_WORDS))]
        response = client.get("/api/hsds/services", {"search": word, "per_page": 20})
        assert response.status_code == 200

    print(measure("GET /api/hsds/services?search=<word>&per_page=20", search, repeat=200).line(target_ms=50))

    def selector(i: int) -> None:
        list(service_search(text=SEARCH_WORDS[i % len(SEARCH_WORDS)]).values_list("pk", flat=True)[:20])

    print(
        measure("service_search(text=<word>)[:20] (selector alone)", selector, repeat=200).line(target_ms=50)
    )


def measure_import() -> None:
    from django.db import connection, transaction

    from kotopolku.catalogue.hsds.export import hsds_export
    from kotopolku.catalogue.hsds.importer import hsds_import
    from kotopolku.catalogue.hsds.parse import read_path

    with tempfile.TemporaryDirectory() as directory:
        started = time.perf_counter()
        written = hsds_export(directory=Path(directory), language="fi")
        export_s = time.perf_counter() - started
        print(f"export-hsds (JSON): {written} in {export_s:.1f}s")
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "TRUNCATE catalogue_service, catalogue_location, catalogue_organisationprofile, "
                        "catalogue_organisationtranslation, organisations_organisation CASCADE"
                    )
                started = time.perf_counter()
                datasets = read_path(Path(directory))
                parsed_s = time.perf_counter() - started
                report = hsds_import(datasets=datasets, language="fi")
                import_s = time.perf_counter() - started
                verdict = "meets" if import_s <= 60 else "MISSES"
                print(
                    f"import-hsds of {report.created.get('service', 0)} services into an empty catalogue: "
                    f"{import_s:.1f}s (parsing {parsed_s:.1f}s) target<=60s {verdict}; "
                    f"created={sum(report.created.values())} refused={len(report.refused)}"
                )
                raise Rollback
        except Rollback:
            pass


if __name__ == "__main__":
    main()
