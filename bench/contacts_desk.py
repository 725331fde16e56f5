"""Desk contacts at scale: saving at the desk, the desk page, and the contacts API at 1M rows.

Needs the data of ``bench/generate_contacts.py`` (1 000 000 contacts, 8 service points, 3 years):

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_contacts_bench KOTOPOLKU_ENV=development
    .venv/bin/python bench/generate_contacts.py
    .venv/bin/python bench/contacts_desk.py [--repeat 200]

Every figure is server time of the real code path: the Django test client through the whole
middleware stack (session, CSRF-exempt test client, permission layer, form, service, audit), or
the service alone. Floors are the same SQL run by hand (the statements the request ran, timed
with a bare cursor), so the ratio shows what the framework adds. Saving also prints the CPU time
per call (``cpu p50/p95``): on a shared machine it moves far less with the neighbours' load than
the wall time does.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Measurement, measure, setup_django


def _floor(statements: list[str], repeat: int = 20) -> float:
    """p95 of running the captured SQL statements by hand, in ms."""
    from django.db import connection

    samples = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                if cursor.description:
                    cursor.fetchall()
            samples.append((time.perf_counter() - started) * 1000)
    return Measurement("floor", samples, 0).p95


def _captured_selects(work: Any) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        work()
    return [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]


def _with_cpu(work: Any) -> tuple[Any, list[float]]:
    """``work`` recording the CPU time of each call (ms): on a shared machine the wall time says
    as much about the neighbours as about the code, the process's own CPU time much less so."""
    samples: list[float] = []

    def timed(i: int) -> None:
        started = time.process_time()
        work(i)
        samples.append((time.process_time() - started) * 1000)

    return timed, samples


def _cpu_line(samples: list[float], repeat: int) -> str:
    measured = Measurement("cpu", samples[-repeat:], 0)
    return f"  cpu p50={measured.p50:.2f}ms p95={measured.p95:.2f}ms"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument(
        "--only", choices=["save"], help="Measure saving a contact only (the POST and the service)."
    )
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.db import connection
    from django.test import Client as HttpClient
    from django.utils import timezone

    from kotopolku.accounts.models import User
    from kotopolku.accounts.services import api_token_create
    from kotopolku.contacts.models import Contact, Topic
    from kotopolku.contacts.services import ContactData, contact_log
    from kotopolku.organisations.models import ServicePoint

    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL: set DATABASE_URL (see the docstring)")
    settings.DEBUG = False  # as in production: no query log kept per request
    point = ServicePoint.objects.filter(slug="bench-contacts-0").first()
    if point is None:
        sys.exit("No bench data: run bench/generate_contacts.py first")
    total = Contact.objects.count()
    print(f"contacts in the database: {total}")
    advisor = User.objects.get(email="bench.advisor.0.0@bench.kotopolku.invalid")
    coordinator = User.objects.get(email="bench.coordinator@bench.kotopolku.invalid")
    repeat = args.repeat

    # 1. Saving a desk contact through the real view: one POST, redirect back to the desk.
    desk = HttpClient(HTTP_HOST="localhost")
    desk.force_login(advisor)
    form = {
        "channel": "walk_in",
        "language": "uk",
        "interpreter": "none",
        "topics": ["kela", "housing"],
        "client_group": "temporary_protection",
        "duration_minutes": "15",
        "outcome": "guided",
        "note": "",
        "happened_at": "",
    }

    # As the desk page sends it: htmx posts the form urlencoded, with its HX-Request header.
    body = urlencode(form, doseq=True)

    def post_desk(i: int) -> None:
        response = desk.post(
            "/contacts/", body, content_type="application/x-www-form-urlencoded", HTTP_HX_REQUEST="true"
        )
        assert response.status_code == 302, response.status_code
        # A browser follows the redirect, which shows and consumes the confirmation message; the
        # bench does not, so drop the message cookie or it grows and spills into the session.
        desk.cookies.pop("messages", None)

    post_timed, post_cpu = _with_cpu(post_desk)
    saved = measure("desk POST /contacts/ (save a contact, whole request)", post_timed, repeat=repeat)

    topics = list(Topic.objects.filter(code__in=["kela", "housing"]))

    def log_service(i: int) -> None:
        contact_log(
            service_point=point,
            data=ContactData(
                channel="phone", language="ru", topics=topics, duration_minutes=10, outcome="information"
            ),
            by=advisor,
        )

    service_timed, service_cpu = _with_cpu(log_service)
    service = measure("contact_log service (validate, insert, topics, audit)", service_timed, repeat=repeat)

    # Floor: the same rows written by hand (contact, two topic links), one transaction.
    def raw_insert() -> None:
        with connection.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(
                "INSERT INTO contacts_contact (created_at, updated_at, uuid, service_point_id, happened_at,"
                " channel, language, interpreter, duration_minutes, outcome, note, logged_by_id, version)"
                " VALUES (now(), now(), gen_random_uuid(), %s, now(), 'phone', 'ru', 'none', 10,"
                " 'information', '', %s, 1) RETURNING id",
                [point.pk, advisor.pk],
            )
            new_id = cursor.fetchone()[0]
            cursor.execute(
                "INSERT INTO contacts_contacttopic (contact_id, topic_id, service_point_id, happened_at)"
                " VALUES (%s, %s, %s, now()), (%s, %s, %s, now())",
                [new_id, topics[0].pk, point.pk, new_id, topics[1].pk, point.pk],
            )
            cursor.execute("COMMIT")

    floor_samples = []
    for _ in range(50):
        started = time.perf_counter()
        raw_insert()
        floor_samples.append((time.perf_counter() - started) * 1000)
    insert_floor = Measurement("floor", floor_samples, 2).p95
    print(saved.line(floor_ms=insert_floor, target_ms=20) + _cpu_line(post_cpu, repeat))
    print(service.line(floor_ms=insert_floor, target_ms=20) + _cpu_line(service_cpu, repeat))
    if args.only == "save":
        return

    # 2. The desk page of an advisor with a busy day behind them (30 contacts today).
    busy = User.objects.get(email="bench.advisor.0.1@bench.kotopolku.invalid")
    start_of_day = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    today_count = Contact.objects.filter(logged_by=busy, happened_at__gte=start_of_day).count()
    for i in range(today_count, 30):
        contact_log(
            service_point=point,
            data=ContactData(
                channel="walk_in",
                language="ar",
                topics=topics,
                duration_minutes=10,
                outcome="guided",
                happened_at=start_of_day + timedelta(minutes=10 * i),
            ),
            by=busy,
        )
    today_count = max(today_count, 30)
    desk.force_login(busy)
    page = measure(
        f"desk GET /contacts/ ({today_count} contacts today; target <= 10 queries)",
        lambda i: desk.get("/contacts/"),
        repeat=repeat,
    )
    desk_floor = _floor(_captured_selects(lambda: desk.get("/contacts/")))
    print(page.line(floor_ms=desk_floor) + (" queries-target<=10 meets" if page.queries <= 10 else " MISSES"))

    # 3. The API list at scale, as a coordinator of all 8 service points and as an advisor of one.
    _, coordinator_token = api_token_create(user=coordinator, name="bench")
    _, advisor_token = api_token_create(user=advisor, name="bench")
    api = HttpClient(HTTP_HOST="localhost")
    today = timezone.localdate()
    cases: list[tuple[str, str, dict[str, Any]]] = [
        ("coordinator, no filter, page 1", coordinator_token, {}),
        ("coordinator, no filter, page 200", coordinator_token, {"page": 200}),
        ("advisor, last 30 days", advisor_token, {"date_from": (today - timedelta(days=30)).isoformat()}),
        (
            "coordinator, language=so, last 365 days",
            coordinator_token,
            {"language": "so", "date_from": (today - timedelta(days=365)).isoformat()},
        ),
        (
            "coordinator, topic=taxes, last 90 days",
            coordinator_token,
            {"topic": "taxes", "date_from": (today - timedelta(days=90)).isoformat()},
        ),
        (
            "advisor, channel=phone+language=ru+topic=kela, 3 years",
            advisor_token,
            {"channel": "phone", "language": "ru", "topic": "kela"},
        ),
        (
            "coordinator, one service point, one month, page_size=200",
            coordinator_token,
            {
                "service_point": str(point.uuid),
                "date_from": (today - timedelta(days=60)).isoformat(),
                "date_to": (today - timedelta(days=30)).isoformat(),
                "page_size": 200,
            },
        ),
    ]
    for label, token, params in cases:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

        def get(i: int, params: dict[str, Any] = params, headers: dict[str, str] = headers) -> None:
            response = api.get("/api/v1/contacts", params, **headers)
            assert response.status_code == 200, response.content[:300]

        result = measure(f"GET /api/v1/contacts {label}", get, repeat=max(20, repeat // 4), warmup=3)
        count = api.get("/api/v1/contacts", params, **headers).json()["count"]
        floor = _floor(
            _captured_selects(
                lambda params=params, headers=headers: api.get("/api/v1/contacts", params, **headers)
            )
        )
        print(result.line(floor_ms=floor) + f" matches={count}")


if __name__ == "__main__":
    main()
