"""Benchmark: full-text search over service names and descriptions (catalogue.selectors.service_search).

Target: p95 <= 50 ms at 10 000 services (fi/sv/en texts each). Measures the search as the staff
list runs it: a page of 20 services (``--page``, default the first) with the count, through
``SearchPaginator`` (words in many services are counted up to 1 001, "more than 1 000", and
paged by name matches first, the rest newest first; words in few are ranked and counted by one
query; two to four queries for the first page, each line says how many). ``--count-apart``
measures the older way instead: ``service_search`` ranking every match, paged by Django's
``Paginator`` (an exact count apart).
The floor is the full ranking as one hand-written SQL query (ids of the best 20 only, no count).
Each line names the query and how many services it matches (QUERIES: what an advisor types,
from about 1 % of the services to all of them).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_catalogue_bench KOTOPOLKU_ENV=development \\
        .venv/bin/python -m kotopolku migrate
    DATABASE_URL=... .venv/bin/python bench/catalogue_search.py [--repeat 200]

Data: bench/catalogue_generate.py (10 000 services / 3 000 organisations / 15 000 locations) is
run first when the database holds fewer than 10 000 services.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import measure, setup_django

# What an advisor types, from narrow to broad; the hit counts are printed with each line (on the
# catalogue of bench/catalogue_generate.py they range from about 1 % to every service).
QUERIES = [
    # (label, text, language)
    ("municipality", "rovaniemi", None),
    ("fi word", "asunto", None),
    ("prefix", "velkaneuv", None),
    ("fi compound", "oleskelulupa", None),
    ("fi three words", "suomen kielen kurssi", None),
    ("en two words", "tax card", "en"),
    ("fi word", "työpaikka", None),
    ("service and place", "kotoutumiskoulutus helsinki", None),
    ("common fi word", "perhe", None),
    ("en two words", "language course", "en"),
    ("agency", "kela", None),
    ("common fi word", "neuvonta", None),
    ("sv word", "bostad", "sv"),
    ("every service", "palvelu", None),
    ("no match", "xylofoni", None),
]
PAGE = 20


def ensure_data(minimum: int) -> int:
    from kotopolku.catalogue.models import Service

    count = Service.objects.count()
    if count >= minimum:
        return count
    try:
        from catalogue_generate import generate  # bench/catalogue_generate.py (the HSDS bench's generator)
    except ImportError:
        minimal_generate(services=minimum - count)
    else:
        generate(services=minimum, organisations=3_000, locations=15_000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return Service.objects.count()


def minimal_generate(*, services: int, seed: int = 11) -> None:
    """Fallback when bench/catalogue_generate.py is absent: services with fi/sv/en names and
    descriptions only (what the search reads), in bulk."""
    import random

    from kotopolku.catalogue.models import Service, ServiceTranslation
    from kotopolku.organisations.models import Organisation

    rng = random.Random(seed)
    words = {
        "fi": [
            "neuvonta",
            "kotoutuminen",
            "työnhaku",
            "asuminen",
            "terveys",
            "perhe",
            "opiskelu",
            "yrittäjyys",
            "kielikurssi",
            "oleskelulupa",
            "verotus",
            "sosiaaliturva",
            "lapset",
            "nuoret",
            "tulkkaus",
            "kirjasto",
            "liikunta",
            "velkaneuvonta",
        ],
        "sv": [
            "rådgivning",
            "integration",
            "jobbsökning",
            "boende",
            "hälsa",
            "familj",
            "studier",
            "företagande",
            "språkkurs",
            "uppehållstillstånd",
            "beskattning",
            "socialskydd",
            "barn",
            "unga",
            "tolkning",
            "bibliotek",
        ],
        "en": [
            "advice",
            "integration",
            "job",
            "search",
            "housing",
            "health",
            "family",
            "studies",
            "entrepreneurship",
            "language",
            "course",
            "residence",
            "permit",
            "taxation",
            "social",
            "security",
            "children",
            "youth",
            "interpreting",
            "library",
        ],
    }
    organisations = Organisation.objects.bulk_create(
        [Organisation(name=f"Bench organisation {i}", short_name="BENCH", kind="ngo") for i in range(300)]
    )
    for start in range(0, services, 2000):
        batch = Service.objects.bulk_create(
            [Service(organisation=rng.choice(organisations)) for _ in range(min(2000, services - start))]
        )
        ServiceTranslation.objects.bulk_create(
            [
                ServiceTranslation(
                    service=service,
                    language=code,
                    name=" ".join(rng.choice(vocabulary) for _ in range(3)).capitalize() + f" {service.pk}",
                    description=" ".join(rng.choice(vocabulary) for _ in range(40)),
                )
                for service in batch
                for code, vocabulary in words.items()
            ]
        )


def floor_ms(text: str, language: str | None, repeat: int) -> float:
    """p95 of the same search as hand-written SQL: the best 20 service ids by rank, no count.

    The tsquery is a scalar subquery (computed once, and the GIN index always used), as the
    selector does; see ``tsquery_param_sql``.
    """
    from django.db import connection

    from kotopolku.catalogue.selectors.search import search_terms, tsquery_param_sql, tsquery_text

    tsquery = tsquery_param_sql(language)
    where = f"search_document @@ {tsquery}" + (" AND language = %s" if language else "")
    sql = (
        f"SELECT service_id, max(ts_rank(search_name, {tsquery})) AS best "
        f"FROM catalogue_servicetranslation "
        f"WHERE {where} GROUP BY service_id ORDER BY best DESC LIMIT {PAGE}"
    )
    query = tsquery_text(search_terms(text))
    per_tsquery = [query] * tsquery.count("%s")
    params: list[str] = per_tsquery + per_tsquery + ([language] if language else [])

    def work(_: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return measure("floor", work, repeat=repeat).p95


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--page", type=int, default=1, help="the page number to ask for (default 1)")
    parser.add_argument(
        "--count-apart",
        action="store_true",
        help="the search as it was: service_search ranked in full, count() and the page apart (Paginator)",
    )
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL (DATABASE_URL=postgres://…).")
    from django.core.paginator import Paginator
    from django.db import reset_queries

    from kotopolku.catalogue.models import Service, ServiceTranslation
    from kotopolku.catalogue.selectors import SearchPaginator, service_search
    from kotopolku.catalogue.selectors.search import COUNT_CAP
    from kotopolku.catalogue.selectors.services import _for_list

    total = ensure_data(args.services)
    print(
        f"catalogue_search: {total} services, {ServiceTranslation.objects.count()} translations; "
        + (
            "Paginator(service_search) (exact count apart, all matches ranked)"
            if args.count_apart
            else f"SearchPaginator (the staff list: count capped at {COUNT_CAP}, names ranked first)"
        )
        + f"; page {args.page} of {PAGE}"
    )
    for label, text, language in QUERIES:
        matches = service_search(text=text, language=language).count()

        def work(_: int, text: str = text, language: str | None = language, matches: int = matches) -> None:
            if args.count_apart:
                page = Paginator(service_search(text=text, language=language), PAGE).get_page(args.page)
                assert page.paginator.count == matches
            else:
                listed = _for_list(Service.objects.all())  # service_list's queryset, no filters
                page = SearchPaginator(listed, PAGE, text=text, language=language).get_page(args.page)
                # exact, or "more than COUNT_CAP" for words in many services
                counted = page.paginator.count
                assert counted == matches or (page.paginator.capped and counted == COUNT_CAP + 1 < matches)
            [row.uuid for row in page.object_list]

        reset_queries()  # the query log holds 9 000 queries; the harness counts by its length
        result = measure(
            f"service_search[{label!r} {language or 'any'}; {matches} hits]", work, repeat=args.repeat
        )
        print(result.line(floor_ms=floor_ms(text, language, args.repeat), target_ms=50))


if __name__ == "__main__":
    main()
