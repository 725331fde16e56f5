"""Benchmarks of the client registry on PostgreSQL: the clients list page, the audited profile
read, registration (with search keys and audit), the API read and the retention selection.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_clients_bench KOTOPOLKU_ENV=development \\
        .venv/bin/python -m kotopolku migrate
    DATABASE_URL=... KOTOPOLKU_ENV=development .venv/bin/python bench/clients_registry.py [--clients 200000]

Data: ``--clients`` registered clients spread over 20 service points (one of them, the measured
one, holds 1/20), 10 % closed, 2 % of those past the retention period; bulk-inserted once and
reused on later runs. Each line gives p50/p95 and the ratio to its floor: the same read as
hand-written SQL (list, retention) or a bare INSERT of the client row (registration).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import measure, setup_django

POINTS = 20
LIST_SQL = """
    SELECT c.*, s.name FROM clients_client c
    JOIN organisations_servicepoint s ON s.id = c.service_point_id
    LEFT JOIN organisations_municipality m ON m.id = c.municipality_id
    WHERE c.service_point_id = %s AND c.status <> 'merged'
    ORDER BY c.created_at DESC, c.id DESC LIMIT 50
"""
INSERT_SQL = """
    INSERT INTO clients_client (uuid, created_at, updated_at, service_point_id, given_names, family_name,
        given_names_latin, family_name_latin, gender, citizenships, phone, email, residence_basis,
        permit_type, personal_identity_code, identity_code_is_temporary, status)
    VALUES (%s, now(), now(), %s, 'Floor', '', 'Floor', 'Floor', 'not_told', '[]', '', '', 'unknown',
        '', '', false, 'active')
"""
BATCH = 5000
GIVEN = ["Muhammad", "Oleksandr", "Fatima", "Olena", "Ahmed", "Maryam", "Wei", "Hodan", "Kadri", "Nguyen Van"]
FAMILY = ["Rahimi", "Kovalenko", "Hassan", "Abdi", "Ivanova", "Karimi", "Wang", "Warsame", "Tamm", "Tran"]
WRITTEN = ["Мухаммед", "Олександр", "فاطمة", "Олена", "أحمد", "مریم", "王", "Hodan", "Kadri", "Nguyễn Văn"]


def _points() -> list:
    from kotopolku.organisations.models import Municipality, ServicePoint

    municipality = Municipality.objects.get(code="698")
    return [
        ServicePoint.objects.get_or_create(
            slug=f"bench-registry-{n}", defaults={"name": f"Bench registry {n}", "municipality": municipality}
        )[0]
        for n in range(POINTS)
    ]


def _generate(points: list, total: int) -> None:
    from django.utils import timezone

    from kotopolku.clients.models import Client

    existing = Client.objects.filter(service_point__in=points).count()
    if existing >= total:
        return
    rng = random.Random(7)
    now = timezone.now()
    rows = []
    for n in range(existing, total):
        status, closed_at = "active", None
        if n % 10 == 0:
            status = "closed"
            closed_at = now - dt.timedelta(days=365 * 6 if n % 500 == 0 else rng.randint(1, 1500))
        i = rng.randrange(len(GIVEN))
        rows.append(
            Client(
                uuid=uuid.uuid4(),
                service_point=points[n % POINTS],
                given_names=WRITTEN[i],
                family_name="",
                given_names_latin=GIVEN[i],
                family_name_latin=f"{FAMILY[rng.randrange(len(FAMILY))]}{n}",
                birth_year=rng.randint(1950, 2008),
                birth_month=rng.choice([None, rng.randint(1, 12)]),
                gender=rng.choice(["woman", "man", "not_told"]),
                citizenships=["UA"],
                status=status,
                closed_at=closed_at,
            )
        )
        if len(rows) == BATCH:
            Client.objects.bulk_create(rows)
            rows = []
    if rows:
        Client.objects.bulk_create(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client as HttpClient

    from kotopolku.accounts.enums import Role
    from kotopolku.accounts.models import Membership, User
    from kotopolku.clients.models import Client
    from kotopolku.clients.selectors import client_list, retention_due
    from kotopolku.clients.services import client_register

    points = _points()
    _generate(points, args.clients)
    point = points[0]
    user = User.objects.filter(email="bench-registry@example.test").first() or User.objects.create_user(
        "bench-registry@example.test", full_name="Bench Registry", language="en"
    )
    Membership.objects.get_or_create(user=user, role=Role.COORDINATOR, service_point=point)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE clients_client")  # steady state: visibility map set
    per_point = Client.objects.filter(service_point=point).count()
    print(f"scale: {Client.objects.count()} clients, {per_point} at the measured service point")

    def list_selector(_: int) -> None:
        from django.core.paginator import Paginator

        page = Paginator(client_list(user=user), 50).get_page(1)
        list(page)

    def list_sql(_: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM clients_client WHERE service_point_id = %s AND status <> 'merged'",
                [point.id],
            )
            cursor.execute(LIST_SQL, [point.id])
            cursor.fetchall()

    floor = measure("clients list SQL (floor)", list_sql, repeat=args.repeat)
    print(
        measure("clients list selector, first page of 50", list_selector, repeat=args.repeat).line(
            floor_ms=floor.p95
        )
    )

    http = HttpClient(HTTP_HOST="localhost")
    http.force_login(user)
    page = measure("GET /clients/ (whole request)", lambda _: http.get("/clients/"), repeat=args.repeat)
    print(page.line(target_ms=200))

    sample = list(Client.objects.filter(service_point=point).values_list("uuid", flat=True)[:500])
    profile = measure(
        "GET /clients/<uuid>/ audited profile read",
        lambda i: http.get(f"/clients/{sample[i % len(sample)]}/"),
        repeat=args.repeat,
    )
    print(profile.line(target_ms=200))
    api = measure(
        "GET /api/v1/clients/<uuid> audited API read",
        lambda i: http.get(f"/api/v1/clients/{sample[i % len(sample)]}"),
        repeat=args.repeat,
    )
    print(api.line(target_ms=150))

    def insert_floor(i: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(INSERT_SQL, [uuid.uuid4(), points[1].id])

    def register(i: int) -> None:
        client_register(
            service_point=points[1],
            fields={
                "given_names": "Олександр",
                "given_names_latin": "Oleksandr",
                "family_name_latin": f"Benchenko{i}",
                "birth_year": 1986,
                "phone": "+358401234567",
            },
            languages=[{"language": "uk", "level": "native", "needs_interpreter": False}],
            by=user,
        )

    floor = measure("client INSERT (floor)", insert_floor, repeat=args.repeat)
    print(
        measure("client_register (row, language, search keys, audit)", register, repeat=args.repeat).line(
            floor_ms=floor.p95
        )
    )

    def retention_sql(_: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.id FROM clients_client c JOIN organisations_servicepoint s ON s.id =
                c.service_point_id WHERE c.status = 'closed' AND c.closed_at < now() -
                make_interval(years => s.retention_years) ORDER BY c.closed_at
                """
            )
            cursor.fetchall()

    floor = measure("retention selection SQL (floor)", retention_sql, repeat=20, warmup=2)
    due = retention_due()
    print(
        measure(
            "retention_due (clients past the period)", lambda _: retention_due(), repeat=20, warmup=2
        ).line(floor_ms=floor.p95)
        + f" due={len(due)}"
    )
    Client.objects.filter(family_name_latin__in=["Floor"]).delete()
    Client.objects.filter(family_name_latin__startswith="Benchenko").delete()


if __name__ == "__main__":
    main()
