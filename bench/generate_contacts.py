"""Generate desk contacts at scale: 1 000 000 contacts over 3 years at several service points.

Rows go in with PostgreSQL COPY (psycopg 3), ids reserved from the sequence so the topic links
(1–3 per contact, through the M2M table) are copied right after. Idempotent: the bench service
points are found by slug; with --reset their contacts are removed first.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_contacts_bench KOTOPOLKU_ENV=development
    .venv/bin/python -m kotopolku migrate
    .venv/bin/python bench/generate_contacts.py [--contacts 1000000] [--service-points 8] [--reset]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import setup_django

SLUG = "bench-contacts-{n}"
ADVISORS_PER_POINT = 6
BATCH = 50_000

LANGUAGES = {"en": 24, "ru": 14, "uk": 12, "ar": 8, "fi": 8, "fa": 5, "so": 5, "et": 5, "zh": 3,
             "vi": 3, "th": 3, "tr": 2, "fr": 2, "es": 2, "ku": 1, "ckb": 1, "tl": 1, "pl": 1, "ro": 1,
             "sv": 1}  # fmt: skip
CHANNELS = {"walk_in": 55, "phone": 20, "email": 10, "chat": 3, "video": 4, "outreach": 5, "event": 3}
TOPICS = {"residence_permits": 16, "registration": 14, "kela": 14, "taxes": 8, "housing": 10, "work": 14,
          "entrepreneurship": 3, "education": 9, "recognition": 4, "health_social": 7, "family": 6,
          "everyday": 8, "leisure": 2, "other": 3}  # fmt: skip
OUTCOMES = {"information": 50, "guided": 30, "referred": 10, "appointment": 10}
INTERPRETERS = {"none": 85, "phone": 8, "on_site": 5, "video": 2}
DURATIONS = [5, 10, 10, 15, 15, 20, 30, 45, 60]


def _weighted(rng: random.Random, weights: dict[str, int], k: int) -> list[str]:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def bench_world(points: int) -> tuple[list[int], dict[int, list[int]]]:
    """The bench service points (one network) and their advisors; created once."""
    from kotopolku.accounts.enums import Role
    from kotopolku.accounts.models import Membership, User
    from kotopolku.organisations.models import Municipality, Network, ServicePoint

    municipalities = list(Municipality.objects.order_by("code")[:points])
    ids: list[int] = []
    advisors: dict[int, list[int]] = {}
    for n in range(points):
        point, _ = ServicePoint.objects.get_or_create(
            slug=SLUG.format(n=n),
            defaults={
                "name": f"Bench service point {n}",
                "municipality": municipalities[n % len(municipalities)],
            },
        )
        ids.append(point.pk)
        advisors[point.pk] = []
        for a in range(ADVISORS_PER_POINT):
            user, created = User.objects.get_or_create(
                email=f"bench.advisor.{n}.{a}@bench.kotopolku.invalid",
                defaults={"full_name": f"Bench Advisor {n}.{a}"},
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            Membership.objects.get_or_create(user=user, role=Role.ADVISOR, service_point=point)
            advisors[point.pk].append(user.pk)
    network, _ = Network.objects.get_or_create(
        slug="bench-contacts", defaults={"name": "Bench network", "lead_id": ids[0]}
    )
    network.service_points.set(ids)
    coordinator, _ = User.objects.get_or_create(
        email="bench.coordinator@bench.kotopolku.invalid", defaults={"full_name": "Bench Coordinator"}
    )
    Membership.objects.get_or_create(user=coordinator, role=Role.COORDINATOR, network=network)
    return ids, advisors


def generate(*, contacts: int, points: int, years: int, reset: bool, seed: int = 11) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from kotopolku.contacts.models import ClientGroup, Contact, ContactTopic, Topic
    from kotopolku.organisations.models import Organisation

    started = time.perf_counter()
    point_ids, advisors = bench_world(points)
    existing = Contact.objects.filter(service_point_id__in=point_ids)
    if reset:
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM contacts_contacttopic WHERE contact_id IN "
                "(SELECT id FROM contacts_contact WHERE service_point_id = ANY(%s))",
                [point_ids],
            )
        existing._raw_delete(existing.db)
    have = existing.count()
    if have >= contacts:
        print(f"{have} bench contacts already there; nothing to do (--reset to start over)")
        return
    wanted = contacts - have
    rng = random.Random(f"{seed}-{have}")  # a fresh stream when topping up: new uuids
    topic_ids = {t.code: t.pk for t in Topic.objects.all()}
    group_ids = list(ClientGroup.objects.values_list("id", flat=True))
    organisation_ids = list(Organisation.objects.values_list("id", flat=True)[:50]) or [None]
    now = timezone.now()
    span = int(dt.timedelta(days=365 * years).total_seconds())
    # The busier service points get more contacts, as in life (Helsinki vs. Kajaani).
    point_weights = [max(1, points - i) for i in range(len(point_ids))]

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('contacts_contact', 'id'))")
        first_id = cursor.fetchone()[0]
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('contacts_contact', 'id'), %s)", [first_id + wanted]
        )
        raw = cursor.connection  # psycopg 3 connection
        made = 0
        while made < wanted:
            size = min(BATCH, wanted - made)
            languages = _weighted(rng, LANGUAGES, size)
            channels = _weighted(rng, CHANNELS, size)
            outcomes = _weighted(rng, OUTCOMES, size)
            interpreters = _weighted(rng, INTERPRETERS, size)
            places = rng.choices(point_ids, weights=point_weights, k=size)
            links: list[tuple[int, int, int, dt.datetime]] = []
            with raw.cursor().copy(
                "COPY contacts_contact (id, created_at, updated_at, uuid, service_point_id, happened_at,"
                " channel, language, interpreter, client_group_id, duration_minutes, outcome,"
                " organisation_id, note, client_id, logged_by_id, version) FROM STDIN"
            ) as copy:
                for i in range(size):
                    contact_id = first_id + made + i
                    happened = now - dt.timedelta(seconds=rng.randrange(span))
                    outcome = outcomes[i]
                    point = places[i]
                    copy.write_row(
                        (
                            contact_id,
                            happened,
                            happened,
                            uuid.UUID(int=rng.getrandbits(128), version=4),
                            point,
                            happened,
                            channels[i],
                            languages[i],
                            interpreters[i],
                            rng.choice(group_ids) if rng.random() < 0.9 else None,
                            rng.choice(DURATIONS),
                            outcome,
                            rng.choice(organisation_ids) if outcome != "information" else None,
                            "",
                            None,
                            rng.choice(advisors[point]),
                            1,
                        )
                    )
                    for code in set(_weighted(rng, TOPICS, rng.choice((1, 1, 1, 2, 2, 3)))):
                        links.append((contact_id, topic_ids[code], point, happened))
            with raw.cursor().copy(
                "COPY contacts_contacttopic (contact_id, topic_id, service_point_id, happened_at) FROM STDIN"
            ) as copy:
                for link in links:
                    copy.write_row(link)
            made += size
            elapsed = time.perf_counter() - started
            print(f"  {made:>9} / {wanted} contacts  ({elapsed:.0f} s)", flush=True)
    # The rows went in by COPY, past the services: count the desk statistics' day tallies again.
    from kotopolku.contacts.tallies import tallies_recount

    tallies_recount()
    with connection.cursor() as cursor:
        # As autovacuum would do in time: statistics, and the visibility map for index-only scans.
        cursor.execute("VACUUM ANALYZE contacts_contact")
        cursor.execute("VACUUM ANALYZE contacts_contacttopic")
        cursor.execute("VACUUM ANALYZE contacts_desktally")
    total = Contact.objects.filter(service_point_id__in=point_ids).count()
    links_total = ContactTopic.objects.count()
    print(
        f"done: {total} contacts, {links_total} topic links at {len(point_ids)} service points "
        f"in {time.perf_counter() - started:.0f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--service-points", type=int, default=8)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--reset", action="store_true")
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL: set DATABASE_URL (see the docstring)")
    generate(contacts=args.contacts, points=args.service_points, years=args.years, reset=args.reset)


if __name__ == "__main__":
    main()
