"""Demo events, after the seeds: Rovaniemi's co-design workshops (3–6 in the project plan; the
ones held keep their notes and the organisations that took part), a Welcome event, a job fair
with employers, info sessions, a language café and a city tour; Kemi's pop-up visits. Upcoming
events have registrations (one full, with a waiting list); past ones attendance and walk-ins."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from typing import Any

from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.employers.models import Employer
from kotopolku.events.enums import Attendance, EventKind, EventStatus, RegistrationStatus
from kotopolku.events.models import Event, EventText, HeadCount, Registration, WorkshopOutput
from kotopolku.organisations.demo import DemoTenancy

# kind, days from today, hours, (fi, sv, en) titles, place, capacity, target groups, languages
EVENTS = [
    ("rovaniemi", EventKind.WORKSHOP, -120, 3, ("Yhteiskehittämistyöpaja 1: palvelupolku",
     "Samutvecklingsverkstad 1: servicestigen", "Co-design workshop 1: the service path"),
     "Rovaniemen kaupungintalo, Hallituskatu 7", 25, ["professionals"], ["fi", "en"]),
    ("rovaniemi", EventKind.WORKSHOP, -60, 3, ("Yhteiskehittämistyöpaja 2: työnantajat",
     "Samutvecklingsverkstad 2: arbetsgivare", "Co-design workshop 2: employers"),
     "Business Rovaniemi, Valtakatu 31", 25, ["employers", "professionals"], ["fi", "en"]),
    ("rovaniemi", EventKind.WORKSHOP, -20, 3, ("Yhteiskehittämistyöpaja 3: asiakkaiden ääni",
     "Samutvecklingsverkstad 3: kundernas röst", "Co-design workshop 3: clients' voices"),
     "Pääkirjasto, Jorma Eskon tie 6", 30, ["newcomers", "everyone"], ["en", "fi", "ru", "uk", "ar"]),
    ("rovaniemi", EventKind.WORKSHOP, 25, 3, ("Yhteiskehittämistyöpaja 4: palvelumalli",
     "Samutvecklingsverkstad 4: servicemodellen", "Co-design workshop 4: the service model"),
     "Rovaniemen kaupungintalo, Hallituskatu 7", 25, ["professionals"], ["fi", "en"]),
    ("rovaniemi", EventKind.WELCOME, 10, 2, ("Tervetuloa Rovaniemelle", "Välkommen till Rovaniemi",
     "Welcome to Rovaniemi"), "International House Rovaniemi", 40, ["newcomers", "family"], ["en", "fi"]),
    ("rovaniemi", EventKind.JOB_FAIR, 18, 4, ("Rekrytointimessut: töitä ilman suomen kieltä",
     "Rekryteringsmässa: jobb utan finska", "Job fair: jobs without Finnish"), "Lappia-talo", 150,
     ["job_seekers", "employers"], ["en", "fi"]),
    ("rovaniemi", EventKind.INFO_SESSION, 5, 2, ("Infotilaisuus: verokortti ja Kela",
     "Info: skattekort och FPA", "Info session: tax card and Kela"), "International House Rovaniemi", 3,
     ["newcomers", "work"], ["en", "ru"]),
    ("rovaniemi", EventKind.LANGUAGE_CAFE, -7, 2, ("Kielikahvila", "Språkcafé", "Language café"),
     "Kahvila Korundi", None, ["everyone"], ["fi", "en"]),
    ("rovaniemi", EventKind.CITY_TOUR, 30, 2, ("Kaupunkikierros uusille asukkaille",
     "Stadsvandring för nya invånare", "City tour for new residents"), "Lordin aukio", 20,
     ["newcomers", "family"], ["en", "fi"]),
    ("kemi", EventKind.POP_UP, 3, 3, ("International Pointti pop-up: Kemin kirjasto",
     "International Pointti pop-up: Kemi bibliotek", "International Pointti pop-up: Kemi library"),
     "Kemin kaupunginkirjasto", None, ["everyone"], ["fi", "en", "ru"]),
    ("kemi", EventKind.INFO_SESSION, -14, 2, ("Työelämän pelisäännöt", "Arbetslivets spelregler",
     "Rules of Finnish working life"), "Pointti, Kemi", 30, ["job_seekers"], ["fi", "en", "ar"]),
]  # fmt: skip
NAMES = [
    "Olena",
    "Ahmed",
    "Maria",
    "Dmitri",
    "Ana",
    "Li",
    "Fatima",
    "John",
    "Sara",
    "Yusuf",
    "Nguyen",
    "Amina",
]
LANGUAGES = ["en", "uk", "ru", "ar", "fa", "so", "vi", "zh", "tl", "th"]


def load_demo(*, tenancy: DemoTenancy, stdout: Any) -> None:
    points = {"rovaniemi": tenancy.rovaniemi, "kemi": tenancy.kemi}
    if Event.objects.filter(service_point__in=points.values()).exists():
        stdout.write("Events: the demo already has events; left as they are.")
        return
    rng = random.Random(20260201)
    creator = User.objects.filter(email="coordinator@demo.kotopolku.fi").first()
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    partners = [p for p in tenancy.partners.values()]
    for place, kind, days, hours, titles, where, capacity, groups, languages in EVENTS:
        start = (now + dt.timedelta(days=days)).replace(hour=15 if kind != EventKind.LANGUAGE_CAFE else 17)
        event = Event.objects.create(
            service_point=points[place],
            kind=kind,
            status=EventStatus.PUBLISHED,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=hours),
            place=where,
            capacity=capacity,
            target_groups=groups,
            languages=languages,
            created_by=creator,
        )
        for language, title in zip(("fi", "sv", "en"), titles, strict=True):
            EventText.objects.create(event=event, language=language, title=title)
        if kind == EventKind.JOB_FAIR:
            event.organiser_employers.set(Employer.objects.filter(service_point=points[place])[:6])
        if partners:
            event.organiser_organisations.set(rng.sample(partners, min(2, len(partners))))
        past = days < 0
        if kind == EventKind.WORKSHOP and past:
            event.participating_organisations.set(rng.sample(partners, min(4, len(partners))))
            WorkshopOutput.objects.create(
                event=event,
                title="Muistiinpanot / Notes",
                note="Toive: lista työpaikoista, joissa ei tarvita suomen kieltä.\n"
                "Wish: a list of jobs that do not need Finnish.\nPalveluaika myös iltaisin.",
                added_by=creator,
            )
        _registrations(event, capacity, past, rng)
        if past:
            for language in rng.sample(LANGUAGES, 3):
                for gender in ("woman", "man"):
                    HeadCount.objects.create(
                        event=event, language=language, gender=gender, count=rng.randint(1, 6)
                    )
    stdout.write(f"Events: {Event.objects.count()} events with registrations and head counts.")


def _registrations(event: Event, capacity: int | None, past: bool, rng: random.Random) -> None:
    wanted = (capacity + 2) if capacity and capacity <= 5 else rng.randint(4, 12)
    for n in range(wanted):
        registered = capacity is None or n < capacity
        Registration.objects.create(
            event=event,
            service_point_id=event.service_point_id,
            name=f"{rng.choice(NAMES)} {n + 1}",
            email=f"demo.{event.pk}.{n}@example.com",
            contact_key=f"demo.{event.pk}.{n}@example.com",
            language=rng.choice(LANGUAGES),
            status=RegistrationStatus.REGISTERED if registered else RegistrationStatus.WAITING,
            attendance=(rng.choice([Attendance.PRESENT, Attendance.PRESENT, Attendance.ABSENT])
                        if past and registered else Attendance.UNKNOWN),
            cancel_token=secrets.token_urlsafe(32),
        )  # fmt: skip
