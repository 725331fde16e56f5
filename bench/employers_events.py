"""Employers and events at scale (issue figures), on PostgreSQL:

* matching one job opening against every client a user sees (100 000 clients with languages and
  desired occupations): p95 ≤ 200 ms, and its ratio to the ranking statement run by hand;
* an employer's timeline: at most 10 queries, p95 ≤ 3 × the same SELECTs run by hand;
* 500 registrations to one event from 50 concurrent threads in ≤ 10 s, exactly its capacity
  registered and the rest on the waiting list, none lost.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_employers_events KOTOPOLKU_ENV=development
    .venv/bin/python -m kotopolku migrate
    .venv/bin/python bench/employers_events.py --generate  # 5 000 employers, 20 000 openings, 100 000 clients
    .venv/bin/python bench/employers_events.py [--repeat 100]

``--clients``, ``--employers`` and ``--openings`` scale the data down (or up) for a quick run.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Measurement, measure, setup_django

PREFIX = "bench-ee"
POINTS = 20
LEVELS = ["pre_a1", "A1", "A2", "A2", "B1", "B1", "B2", "B2", "C1", "native"]
LANGUAGES = ["en", "en", "en", "fi", "fi", "ru", "uk", "ar", "fa", "so", "et", "zh", "vi", "tr", "fr"]


def _business_id(n: int) -> str:
    from stdnum.fi import ytunnus

    base = f"{4_000_000 + n:07d}"
    for check in "0123456789":
        if ytunnus.is_valid(f"{base}-{check}"):
            return f"{base}-{check}"
    return _business_id(n + 5_000_000)


def generate(*, clients: int, employers: int, openings: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from kotopolku.accounts.enums import Role
    from kotopolku.accounts.models import Membership, User
    from kotopolku.clients.models import Client, ClientLanguage
    from kotopolku.employers.models import (
        DesiredOccupation,
        Employer,
        EmployerActivity,
        JobOpening,
        JobSeekerProfile,
    )
    from kotopolku.employers.occupations import unit_groups
    from kotopolku.organisations.models import Municipality, ServicePoint

    rng = random.Random(16)
    today = timezone.localdate()
    municipalities = list(Municipality.objects.order_by("code")[:60])
    occupations = list(unit_groups())
    common = occupations[::7]  # the occupations most openings and seekers share
    with transaction.atomic():
        points = []
        for n in range(POINTS):
            point, _created = ServicePoint.objects.get_or_create(
                slug=f"{PREFIX}-{n}", defaults={"name": f"Bench point {n}", "municipality": municipalities[n]}
            )
            points.append(point)
        user, _created = User.objects.get_or_create(
            email=f"{PREFIX}@example.test", defaults={"full_name": "Bench"}
        )
        for point in points:
            Membership.objects.get_or_create(user=user, role=Role.COORDINATOR, service_point=point)
    print(f"generating {clients} clients …", flush=True)
    batch = 5_000
    made = 0
    while made < clients:
        size = min(batch, clients - made)
        with transaction.atomic():
            rows = [
                Client(
                    service_point=points[(made + i) % POINTS],
                    given_names_latin=f"Seeker{made + i}",
                    family_name_latin="Bench",
                    municipality=municipalities[rng.randrange(len(municipalities))],
                    birth_year=1960 + rng.randrange(45),
                )
                for i in range(size)
            ]
            Client.objects.bulk_create(rows, batch_size=batch)
            languages, wanted, profiles = [], [], []
            for client in rows:
                for code in set(rng.sample(LANGUAGES, rng.randint(1, 3))):
                    languages.append(ClientLanguage(client=client, language=code, level=rng.choice(LEVELS)))
                if rng.random() < 0.7:
                    for occupation in {
                        rng.choice(common if rng.random() < 0.6 else occupations) for _ in range(2)
                    }:
                        wanted.append(
                            DesiredOccupation(client=client, occupation=occupation, isco_code=occupation.code)
                        )
                    profiles.append(
                        JobSeekerProfile(
                            client=client,
                            service_point_id=client.service_point_id,
                            travel=rng.choice(["own", "region", "anywhere"]),
                            available_from=today + timedelta(days=rng.randint(-60, 60)),
                        )
                    )
            ClientLanguage.objects.bulk_create(languages, batch_size=batch)
            DesiredOccupation.objects.bulk_create(wanted, batch_size=batch)
            JobSeekerProfile.objects.bulk_create(profiles, batch_size=batch)
        made += size
        print(f"  {made}", flush=True)
    print(f"generating {employers} employers, {openings} openings …", flush=True)
    with transaction.atomic():
        companies = Employer.objects.bulk_create(
            [
                Employer(
                    service_point=points[n % POINTS],
                    business_id=_business_id(n),
                    name=f"Bench Oy {n}",
                    size_class=rng.choice(["micro", "small", "small", "medium", "large"]),
                    municipality=municipalities[rng.randrange(len(municipalities))],
                )
                for n in range(employers)
            ],
            batch_size=batch,
        )
        EmployerActivity.objects.bulk_create(
            [
                EmployerActivity(
                    employer=company,
                    service_point_id=company.service_point_id,
                    kind=rng.choice(["visit", "call", "recruitment_support", "settling_hire"]),
                    happened_on=today - timedelta(days=rng.randint(0, 700)),
                    outcome="Käynti ja rekrytointitarpeiden kartoitus.",
                )
                for company in companies
                for _ in range(rng.randint(2, 20))
            ],
            batch_size=batch,
        )
        JobOpening.objects.bulk_create(
            [
                JobOpening(
                    employer=(company := companies[n % len(companies)]),
                    service_point_id=company.service_point_id,
                    title=f"Opening {n}",
                    occupation=rng.choice(common if rng.random() < 0.7 else occupations),
                    municipality=company.municipality,
                    hours="full_time",
                    finnish_required=(finnish := rng.random() < 0.5),
                    other_languages=[] if finnish else ["en"],
                    visibility="advertised",
                    opens_on=today - timedelta(days=rng.randint(0, 60)),
                    starts_on=today + timedelta(days=rng.randint(0, 60)),
                )
                for n in range(openings)
            ],
            batch_size=batch,
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print("done", flush=True)


def _hand_floor(statements: list[tuple[str, Any]], repeat: int) -> float:
    from django.db import connection

    samples = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
            samples.append((time.perf_counter() - started) * 1000)
    return Measurement("floor", samples, 0).p95


def _selects(work: Any) -> list[tuple[str, Any]]:
    """The SELECT statements ``work`` runs, with their parameters, to be run again by hand."""
    from django.db import connection

    captured: list[tuple[str, Any]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")) and "pg_advisory" not in sql:
            captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        work()
    return captured


def bench_matching(repeat: int) -> None:
    from kotopolku.accounts.models import User
    from kotopolku.clients.models import Client
    from kotopolku.employers import matching
    from kotopolku.employers.models import JobOpening

    user = User.objects.get(email=f"{PREFIX}@example.test")
    candidates = JobOpening.objects.filter(title__startswith="Opening ").select_related(
        "occupation", "service_point"
    )
    openings = list(candidates.order_by("?")[: repeat + 10])
    clients = Client.objects.filter(service_point__slug__startswith=PREFIX).count()
    result = measure(
        f"match one opening against {clients} clients (top 50 with reasons)",
        lambda i: matching.clients_for_opening(opening=openings[i % len(openings)], user=user),
        repeat=repeat,
    )
    # The floor: the statements that find the candidates and rank them, run by hand.
    ranking = [s for s in _selects(lambda: matching.clients_for_opening(opening=openings[0], user=user))
               if "ORDER BY score" in s[0] or "occupations WHERE isco_code" in s[0]]  # fmt: skip
    floor = _hand_floor(ranking, max(20, repeat // 5))
    print(result.line(floor_ms=floor, target_ms=200), flush=True)


def bench_timeline(repeat: int) -> None:
    from django.db.models import Count

    from kotopolku.accounts.models import User
    from kotopolku.employers.models import Employer
    from kotopolku.employers.selectors import employer_timeline

    user = User.objects.get(email=f"{PREFIX}@example.test")
    busy = list(
        Employer.objects.filter(name__startswith="Bench Oy")
        .annotate(n=Count("activities"))
        .order_by("-n")[:20]
    )
    result = measure(
        f"employer timeline ({busy[0].n} activities at most)",
        lambda i: employer_timeline(employer=busy[i % len(busy)], user=user),
        repeat=repeat,
    )
    statements = _selects(lambda: employer_timeline(employer=busy[0], user=user))
    floor = _hand_floor(statements, repeat)
    verdict = "meets" if result.queries <= 10 and result.p95 <= 3 * floor else "MISSES"
    print(result.line(floor_ms=floor) + f" target<=10 queries and <=3x floor {verdict}", flush=True)


def bench_registrations(threads: int = 50, total: int = 500, capacity: int = 120) -> None:
    from django.db import connections
    from django.utils import timezone

    from kotopolku.events import services
    from kotopolku.events.models import Event, EventText, Registration
    from kotopolku.organisations.models import ServicePoint

    point = ServicePoint.objects.get(slug=f"{PREFIX}-0")
    start = timezone.now() + timedelta(days=7)
    event = Event.objects.create(
        service_point=point, kind="job_fair", status="published", starts_at=start,
        ends_at=start + timedelta(hours=3), place="Bench hall", capacity=capacity,
    )  # fmt: skip
    EventText.objects.create(event=event, language="fi", title="Bench")
    per_thread = total // threads

    def register(thread: int) -> int:
        try:
            for n in range(per_thread):
                services.registration_create(
                    event=event,
                    data=services.RegistrationData(
                        name=f"P{thread}-{n}", email=f"b{thread}-{n}@example.test", language="en"
                    ),
                )
        finally:
            connections.close_all()
        return per_thread

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        done = sum(pool.map(register, range(threads)))
    elapsed = time.perf_counter() - started
    registered = Registration.objects.filter(event=event, status="registered").count()
    waiting = Registration.objects.filter(event=event, status="waiting").count()
    exact = registered == capacity and registered + waiting == total == done
    print(
        f"{total} registrations from {threads} threads to one event (capacity {capacity}): "
        f"{elapsed:.2f}s registered={registered} waiting={waiting} lost={total - registered - waiting} "
        f"target<=10s {'meets' if elapsed <= 10 and exact else 'MISSES'}",
        flush=True,
    )
    event.delete()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--generate", action="store_true")
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--employers", type=int, default=5_000)
    parser.add_argument("--openings", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--only", choices=["matching", "timeline", "registrations"])
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL (set DATABASE_URL).")
    if args.generate:
        generate(clients=args.clients, employers=args.employers, openings=args.openings)
        return
    if args.only in (None, "matching"):
        bench_matching(args.repeat)
    if args.only in (None, "timeline"):
        bench_timeline(args.repeat)
    if args.only in (None, "registrations"):
        bench_registrations()


if __name__ == "__main__":
    main()
