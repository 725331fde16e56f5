"""Server time of client search and of the duplicate check at registration (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_matching_bench KOTOPOLKU_ENV=development \\
        .venv/bin/python bench/clients_search.py --label 100k

Run ``bench/generate_clients.py --total N`` first. Measures ``client_search`` and
``client_duplicate_candidates`` (the real selectors, the user's grants loaded afresh on every
call as in a request) for an advisor of one service point and for a network user of all 20, who
sees there the clients they work with (``generate_clients.py`` puts them on 2 000 clients' teams);
each user looks for clients they may see. Queries are built from those clients, spelled another
way (another Latin spelling, the native script, names in another order, partial birth dates,
phone in local format, identity code). The floor is the candidate lookup alone as hand-written
SQL (one indexed ``key = ANY`` query with the same keys), so the ratio shows what key lookups +
ranking cost above it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import measure, setup_django

TARGETS = {"100k": (30.0, 60.0), "1m": (60.0, 60.0)}  # search, duplicate check (ms, p95)


def _variant(rng: random.Random, client: Any) -> dict[str, str]:
    """Another spelling of the client's names, from the generator's spelling lists."""
    from generate_clients import CULTURES

    def respell(text: str, kind: str) -> str:
        words = []
        for word in text.split():
            options = [
                spellings
                for culture in CULTURES.values()
                for native, spellings in culture[kind]
                if word in spellings
            ]
            words.append(rng.choice(options[0]) if options else word)
        return " ".join(words)

    return {
        "given": respell(client.given_names_latin, "given"),
        "family": respell(client.family_name_latin, "family"),
    }


def search_texts(rng: random.Random, clients: list[Any]) -> list[str]:
    texts = []
    for index, client in enumerate(clients):
        spelled = _variant(rng, client)
        kind = index % 6
        if kind == 0:
            texts.append(f"{spelled['given']} {spelled['family']}")
        elif kind == 1:
            texts.append(f"{spelled['family']} {spelled['given']} {client.birth_year}")
        elif kind == 2 and client.family_name:
            texts.append(f"{client.family_name} {client.given_names}")
        elif kind == 3 and client.birth_month:
            texts.append(f"{spelled['family']} {client.birth_month}.{client.birth_year}")
        elif kind == 4 and client.phone:
            local = "0" + client.phone[4:]
            texts.append(f"{local[:3]} {local[3:6]} {local[6:]}")
        elif kind == 5 and client.personal_identity_code:
            texts.append(client.personal_identity_code.lower())
        else:
            texts.append(f"{spelled['given']} {spelled['family']}")
    return texts


def duplicate_inputs(rng: random.Random, clients: list[Any]) -> list[dict[str, Any]]:
    inputs = []
    for client in clients:
        spelled = _variant(rng, client)
        inputs.append(
            {
                "service_point": client.service_point,
                "given_names": client.given_names,
                "family_name": client.family_name,
                "given_names_latin": spelled["given"],
                "family_name_latin": spelled["family"],
                "birth_year": client.birth_year,
                "birth_month": client.birth_month,
                "birth_day": client.birth_day,
                "phone": client.phone if rng.random() < 0.5 else "",
            }
        )
    return inputs


def floor_ms(point_ids: list[int], texts: list[str], repeat: int) -> float:
    """p95 of the hand-written candidate lookup for the same queries (selective keys, one query)."""
    from django.db import connection

    from kotopolku.clients.matching.keys import parse_query
    from kotopolku.clients.matching.selectors import _query_keys

    keys = []
    for text in texts:
        selective, broad = _query_keys(parse_query(text))
        keys.append(sorted(selective) or broad[:1])
    samples = []
    with connection.cursor() as cursor:
        for i in range(repeat):
            started = time.perf_counter()
            cursor.execute(
                "SELECT client_id, key FROM clients_clientnamekey"
                " WHERE service_point_id = ANY(%s) AND key = ANY(%s) LIMIT 400",
                [point_ids, keys[i % len(keys)]],
            )
            cursor.fetchall()
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return samples[max(0, round(0.95 * len(samples)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", choices=sorted(TARGETS), default="100k")
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--prefix", default="bench-speed", help="the data set (see generate_clients.py)")
    args = parser.parse_args()
    setup_django()
    from clients_common import bench_user
    from django.conf import settings
    from django.db import connection
    from generate_clients import setup_points

    from kotopolku.accounts.enums import Role
    from kotopolku.accounts.permissions import forget_grants
    from kotopolku.clients.matching.selectors import client_duplicate_candidates, client_search
    from kotopolku.clients.models import Client
    from kotopolku.clients.selectors import clients_visible

    if connection.vendor != "postgresql":
        raise SystemExit("clients_search.py measures PostgreSQL (DATABASE_URL)")
    settings.DEBUG = False  # as in production: no query log kept
    points, network = setup_points(args.prefix)
    point_ids = [p.pk for p in points]
    total = Client.objects.filter(service_point_id__in=point_ids).count()
    print(f"clients at the bench service points: {total}")
    advisor = bench_user("bench-advisor@example.test", points=[points[0]])
    network_user = bench_user("bench-network@example.test", network=network, role=Role.PERMIT_EXPERT)
    rng = random.Random(11)
    search_target, duplicate_target = TARGETS[args.label]

    for label, user, scope in (("advisor", advisor, [points[0].pk]), ("network", network_user, point_ids)):
        sample_ids = list(clients_visible(user=user).order_by("?").values_list("pk", flat=True)[:300])
        clients = list(Client.objects.filter(pk__in=sample_ids).select_related("service_point"))
        rng.shuffle(clients)
        texts = search_texts(rng, clients)
        inputs = duplicate_inputs(rng, clients)

        def search(i: int, user: Any = user, texts: list[str] = texts) -> Any:
            forget_grants(user)
            return client_search(user=user, text=texts[i % len(texts)])

        def duplicates(i: int, user: Any = user, inputs: list[dict[str, Any]] = inputs) -> Any:
            forget_grants(user)
            return client_duplicate_candidates(user=user, **inputs[i % len(inputs)])

        floor = floor_ms(scope, texts, args.repeat)
        result = measure(f"client_search {label} {args.label}", search, repeat=args.repeat)
        print(result.line(floor_ms=floor, target_ms=search_target))
        result = measure(f"client_duplicate_candidates {label} {args.label}", duplicates, repeat=args.repeat)
        print(result.line(floor_ms=floor, target_ms=duplicate_target))

        def same_person(client: Any, other: Any) -> bool:
            fields = ("given_names_latin", "family_name_latin", "birth_year", "birth_month", "birth_day")
            return other.pk == client.pk or all(getattr(client, f) == getattr(other, f) for f in fields)

        found = tied = 0
        for client, text in zip(clients[:100], texts[:100], strict=False):
            matches = client_search(user=user, text=text, limit=50)
            if any(same_person(client, m.client) for m in matches[:5]):
                found += 1
            elif len(matches) > 5 and any(
                m.client.pk == client.pk and m.score >= matches[4].score for m in matches[5:]
            ):
                tied += 1
        print(
            f"  (sanity: the client sought or a same-day namesake is in the first five: {found}/100; "
            f"beyond them at the fifth's score, among namesakes the query cannot tell apart: {tied}/100)"
        )


if __name__ == "__main__":
    main()
