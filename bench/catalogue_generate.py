"""Generate a service catalogue at national scale, fast (bulk inserts).

Defaults: 3 000 organisations, 15 000 locations, 10 000 services, each with fi/sv/en
translations, opening hours, phones, languages, services at 1–2 locations and 1–3 PTV service
classes. Run against your own PostgreSQL database:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_<you>_bench KOTOPOLKU_ENV=development \\
        .venv/bin/python -m kotopolku migrate
    DATABASE_URL=... .venv/bin/python bench/catalogue_generate.py [--services 10000] [--reset]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import setup_django

MARK = "BENCH"
BATCH = 2000

# Service vocabulary: compound words as in the national catalogue (topic + kind of service), so that
# a search word matches a realistic share of the services (about 1–3 %), not all of them.
TOPICS_FI = [
    "kotoutumis",
    "työnhaku",
    "asumis",
    "terveys",
    "perhe",
    "opiskelu",
    "yritys",
    "kieli",
    "oleskelulupa",
    "vero",
    "sosiaaliturva",
    "lapsi",
    "nuoriso",
    "vanhus",
    "vapaaehtois",
    "tulkkaus",
    "kirjasto",
    "liikunta",
    "kulttuuri",
    "mielenterveys",
    "velka",
    "oikeus",
    "ajokortti",
    "maahanmuutto",
    "rekisteröinti",
    "päivähoito",
    "koulu",
    "eläke",
    "työttömyys",
    "vammais",
]
KINDS_FI = [
    "neuvonta",
    "palvelu",
    "koulutus",
    "tuki",
    "ohjaus",
    "kurssi",
    "hakemus",
    "ryhmä",
    "valmennus",
    "keskus",
]
TOPICS_SV = [
    "integrations",
    "jobbsöknings",
    "boende",
    "hälso",
    "familje",
    "studie",
    "företags",
    "språk",
    "uppehålls",
    "skatte",
    "social",
    "barn",
    "ungdoms",
    "äldre",
    "frivillig",
    "tolk",
    "biblioteks",
    "idrotts",
    "kultur",
    "skuld",
]
KINDS_SV = ["rådgivning", "tjänst", "utbildning", "stöd", "handledning", "kurs", "grupp", "center"]
TOPICS_EN = [
    "integration",
    "job search",
    "housing",
    "health",
    "family",
    "study",
    "business",
    "language",
    "residence permit",
    "tax",
    "social security",
    "children",
    "youth",
    "seniors",
    "volunteering",
    "interpreting",
    "library",
    "sports",
    "culture",
    "mental health",
    "debt",
    "legal",
    "driving licence",
    "immigration",
    "registration",
    "daycare",
]
KINDS_EN = [
    "advice",
    "service",
    "training",
    "support",
    "guidance",
    "course",
    "application",
    "group",
    "centre",
]
_SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "nu",
    "pe",
    "ri",
    "sa",
    "tu",
    "va",
    "ko",
    "li",
    "ma",
    "ne",
    "po",
    "ra",
    "si",
    "te",
]


def _vocabulary(topics: list[str], kinds: list[str], joiner: str) -> list[str]:
    return [f"{topic}{joiner}{kind}" for topic in topics for kind in kinds]


WORDS_FI = _vocabulary(TOPICS_FI, KINDS_FI, "")
WORDS_SV = _vocabulary(TOPICS_SV, KINDS_SV, "")
WORDS_EN = _vocabulary(TOPICS_EN, KINDS_EN, " ")
FILLER = sorted({"".join(random.Random(n).choices(_SYLLABLES, k=4)) for n in range(4000)})


CITIES = [
    ("Rovaniemi", "96100"),
    ("Kemi", "94100"),
    ("Tornio", "95400"),
    ("Oulu", "90100"),
    ("Helsinki", "00100"),
    ("Tampere", "33100"),
    ("Turku", "20100"),
    ("Kajaani", "87100"),
    ("Joensuu", "80100"),
    ("Vaasa", "65100"),
]
LANGUAGES = ["fi", "sv", "en", "ru", "ar", "so", "uk", "fa", "et", "zh"]


def _text(rng: random.Random, words: list[str], count: int) -> str:
    return " ".join(rng.choice(words) for _ in range(count))


def _description(rng: random.Random, words: list[str]) -> str:
    """About 25 words: mostly general language, a few service words."""
    return " ".join(rng.choice(words) if rng.random() < 0.1 else rng.choice(FILLER) for _ in range(25))


def reset() -> None:
    from kotopolku.catalogue.models import Location, Service
    from kotopolku.organisations.models import Organisation

    Service.objects.filter(organisation__short_name=MARK).delete()
    Location.objects.filter(organisation__short_name=MARK).delete()
    Organisation.objects.filter(short_name=MARK).delete()


def generate(*, services: int, organisations: int, locations: int, seed: int = 7) -> dict[str, int]:
    from django.db import transaction

    from kotopolku.catalogue.models import (
        Address,
        Language,
        Location,
        LocationTranslation,
        OrganisationProfile,
        OrganisationTranslation,
        Phone,
        Schedule,
        Service,
        ServiceAtLocation,
        ServiceClassification,
        ServiceTranslation,
        TaxonomyTerm,
    )
    from kotopolku.organisations.enums import OrganisationKind
    from kotopolku.organisations.models import Organisation

    rng = random.Random(seed)
    counts: dict[str, int] = {}
    kinds = list(OrganisationKind.values)
    terms = list(
        TaxonomyTerm.objects.filter(taxonomy__key="ptv-service-classes").values_list("pk", flat=True)
    )
    if not terms:
        raise SystemExit("No PTV service classes: run migrate first.")

    def bulk(model, rows):  # type: ignore[no-untyped-def]
        created = model.objects.bulk_create(rows, batch_size=BATCH)
        counts[model.__name__] = counts.get(model.__name__, 0) + len(created)
        return created

    with transaction.atomic():
        orgs = bulk(
            Organisation,
            [
                Organisation(
                    name=f"Organisaatio {n} {_text(rng, WORDS_FI, 1)}",
                    name_sv=f"Organisation {n}",
                    name_en=f"Organisation {n}",
                    short_name=MARK,
                    kind=rng.choice(kinds),
                    email=f"info{n}@example.fi",
                    website=f"https://org{n}.example.fi",
                )
                for n in range(organisations)
            ],
        )
        bulk(OrganisationProfile, [OrganisationProfile(organisation=org, legal_status="ry") for org in orgs])
        bulk(
            OrganisationTranslation,
            [
                OrganisationTranslation(
                    organisation=org, language=language, description=_text(rng, words, 12)
                )
                for org in orgs
                for language, words in (("fi", WORDS_FI), ("sv", WORDS_SV), ("en", WORDS_EN))
            ],
        )
        locs = bulk(
            Location,
            [
                Location(
                    organisation=rng.choice(orgs),
                    latitude=Decimal(f"{rng.uniform(60, 69):.6f}"),
                    longitude=Decimal(f"{rng.uniform(21, 29):.6f}"),
                )
                for _ in range(locations)
            ],
        )
        bulk(
            LocationTranslation,
            [
                LocationTranslation(location=loc, language=language, name=f"{prefix} {n}")
                for n, loc in enumerate(locs)
                for language, prefix in (("fi", "Toimipiste"), ("sv", "Verksamhetsställe"), ("en", "Office"))
            ],
        )
        addresses = []
        for n, loc in enumerate(locs):
            city, postal = rng.choice(CITIES)
            addresses.append(
                Address(location=loc, address_1=f"Katu {n % 200 + 1}", postal_code=postal, city=city)
            )
        bulk(Address, addresses)
        svcs = bulk(
            Service,
            [
                Service(
                    organisation=rng.choice(orgs),
                    url=f"https://palvelu{n}.example.fi",
                    minimum_age=rng.choice([None, 16, 18]),
                )
                for n in range(services)
            ],
        )
        bulk(
            ServiceTranslation,
            [
                ServiceTranslation(
                    service=svc,
                    language=language,
                    name=f"{_text(rng, words, 2).capitalize()} {n}",
                    description=_description(rng, words),
                    application_process=_text(rng, words, 8),
                )
                for n, svc in enumerate(svcs)
                for language, words in (("fi", WORDS_FI), ("sv", WORDS_SV), ("en", WORDS_EN))
            ],
        )
        sals = []
        for svc in svcs:
            for loc in rng.sample(locs, rng.choice([1, 1, 2])):
                sals.append(ServiceAtLocation(service=svc, location=loc))
        bulk(ServiceAtLocation, sals)
        schedules = [
            Schedule(
                service=svc,
                freq="WEEKLY",
                byday="MO,TU,WE,TH,FR",
                opens_at=dt.time(8 + rng.randrange(3)),
                closes_at=dt.time(15 + rng.randrange(3)),
            )
            for svc in svcs
        ]
        schedules += [
            Schedule(location=loc, freq="WEEKLY", byday="MO,WE", opens_at=dt.time(9), closes_at=dt.time(12))
            for loc in locs
        ]
        bulk(Schedule, schedules)
        bulk(Phone, [Phone(service=svc, number=f"+358 40 {n:07d}") for n, svc in enumerate(svcs)])
        bulk(
            Language,
            [
                Language(service=svc, code=code)
                for svc in svcs
                for code in rng.sample(LANGUAGES, rng.choice([1, 2, 3]))
            ],
        )
        bulk(
            ServiceClassification,
            [
                ServiceClassification(service=svc, term_id=term, uuid=uuid.uuid4())
                for svc in svcs
                for term in rng.sample(terms, rng.choice([1, 2, 3]))
            ],
        )
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--organisations", type=int, default=3_000)
    parser.add_argument("--locations", type=int, default=15_000)
    parser.add_argument("--reset", action="store_true", help="Delete earlier generated data first.")
    args = parser.parse_args()
    setup_django()
    if args.reset:
        reset()
    started = time.perf_counter()
    counts = generate(services=args.services, organisations=args.organisations, locations=args.locations)
    elapsed = time.perf_counter() - started
    print(f"catalogue_generate: {sum(counts.values())} rows in {elapsed:.1f}s")
    for name, number in counts.items():
        print(f"  {name}: {number}")


if __name__ == "__main__":
    main()
