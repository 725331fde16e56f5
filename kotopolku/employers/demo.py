"""Demo data of the employers app, after the seeds: Rovaniemi works with some twenty employers
(the project's target), Kemi pilots its way of finding jobs in eight companies and visits
companies jointly with the Otetta project; openings include jobs where English is enough and
hidden jobs known through the companies. The companies and their business IDs are made up (the
IDs carry a valid check digit)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone
from stdnum.fi import ytunnus

from kotopolku.accounts.models import User
from kotopolku.casework.models import CodeListItem
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.models import Client, ClientLanguage
from kotopolku.employers import matching
from kotopolku.employers.enums import ActivityKind, OpeningStatus, PilotStatus
from kotopolku.employers.models import (
    DesiredOccupation,
    Employer,
    EmployerActivity,
    EmployerContact,
    EmployerOffice,
    IndustryClass,
    JobOpening,
    JobSeekerProfile,
    Placement,
    Proposal,
)
from kotopolku.employers.occupations import unit_groups
from kotopolku.organisations.demo import DemoTenancy
from kotopolku.organisations.models import Municipality

# name, size class, TOL 2008 division, ISCO-08 jobs they hire for, pilot?
ROVANIEMI_COMPANIES = [
    ("Napapiirin Elämysmatkat Oy", "small", "79", ["5113", "4221"], False),
    ("Revontuli Hotels Oy", "medium", "55", ["5120", "9112", "4224"], False),
    ("Ounaskosken Ravintolat Oy", "small", "56", ["5120", "5131", "9412"], False),
    ("Lapin Huskysafarit Ky", "micro", "93", ["5164", "5113"], False),
    ("Arktinen Rakennus Oy", "medium", "41", ["7112", "7115", "9313"], False),
    ("Rovaniemen Hoivapalvelut Oy", "medium", "87", ["5322", "3221"], False),
    ("Pohjolan Puhdistus Oy", "small", "81", ["9112", "5151"], False),
    ("Kemijoen Konepaja Oy", "small", "25", ["7212", "7223"], False),
    ("Santa's Digital Lab Oy", "micro", "62", ["2512", "2513"], False),
    ("Lapin Kuljetus ja Logistiikka Oy", "large", "49", ["8332", "9333"], False),
    ("Korundi Kahvila Oy", "micro", "56", ["5131", "9412"], False),
    ("Arctic Snow Resorts Oy", "large", "93", ["5113", "9629", "5120"], False),
]
KEMI_COMPANIES = [
    ("Perämeren Telakka Oy", "medium", "30", ["7214", "7212"], True),
    ("Kemin Sellu ja Paperi Oy", "large", "17", ["8171", "3115"], True),
    ("Lumilinna Elämykset Oy", "small", "93", ["5113", "5120"], True),
    ("Meri-Lapin Siivous Oy", "small", "81", ["9112"], True),
    ("Kemin Satamapalvelut Oy", "medium", "52", ["8344", "9333"], True),
    ("Tornion Metallityö Oy", "small", "25", ["7212", "7223"], True),
    ("Kivalon Kotihoito Oy", "micro", "88", ["5322"], True),
    ("Pohjanlahden Ravintolat Oy", "micro", "56", ["5120", "5131"], True),
]
PILOT_PLANS = [
    "Kartoitetaan yrityksen työvoimatarpeet ja ohjataan asiakkaita avoimiin ja piilotyöpaikkoihin.",
    "Perehdytysmalli englanninkieliselle työntekijälle; työkokeilu kahdelle asiakkaalle.",
    "Monimuotoisen rekrytoinnin valmennus esihenkilöille, sen jälkeen rekrytointitapahtuma.",
]
OPENING_TITLES = {
    "5120": "Kokki", "5131": "Tarjoilija", "9412": "Keittiöapulainen", "5113": "Matkaopas / Tour guide",
    "4221": "Matkatoimistovirkailija", "9112": "Siivooja", "4224": "Hotellin vastaanottovirkailija",
    "5164": "Koiravaljakko-opas", "7112": "Muurari", "7115": "Kirvesmies", "9313": "Rakennusapumies",
    "5322": "Kotihoitaja", "3221": "Sairaanhoitaja", "5151": "Siivoustyönjohtaja", "7212": "Hitsaaja",
    "7223": "Koneistaja", "2512": "Software developer", "2513": "Web developer",
    "8332": "Kuorma-autonkuljettaja", "9333": "Varastotyöntekijä", "9629": "Hissinhoitaja",
    "7214": "Levyseppä", "8171": "Prosessinhoitaja",
    "3115": "Konetekniikan asiantuntija", "8344": "Trukinkuljettaja",
}  # fmt: skip
ADVISORS = {"rovaniemi": "advisor.rovaniemi@demo.kotopolku.fi", "kemi": "advisor.kemi@demo.kotopolku.fi"}


def _business_id(seed: int) -> str:
    base = f"{3_100_000 + seed * 7:07d}"
    for check in "0123456789":
        if ytunnus.is_valid(f"{base}-{check}"):
            return f"{base}-{check}"
    return _business_id(seed + 1000)


def load_demo(*, tenancy: DemoTenancy, stdout: Any) -> None:
    points = {"rovaniemi": tenancy.rovaniemi, "kemi": tenancy.kemi}
    if Employer.objects.filter(service_point__in=points.values()).exists():
        stdout.write("Employers: the demo already has companies; left as they are.")
        return
    rng = random.Random(20260116)
    today = timezone.localdate()
    users = {u.email: u for u in User.objects.filter(email__in=ADVISORS.values())}
    occupations = {o.code: o for o in unit_groups()}
    industries = {i.code: i for i in IndustryClass.objects.filter(level=2)}
    home = {"rovaniemi": Municipality.objects.get(code="698"), "kemi": Municipality.objects.get(code="240")}
    openings: list[JobOpening] = []
    seed = 0
    for place, companies in (("rovaniemi", ROVANIEMI_COMPANIES), ("kemi", KEMI_COMPANIES)):
        point, advisor = points[place], users.get(ADVISORS[place])
        for name, size, industry, jobs, pilot in companies:
            seed += 1
            employer = Employer.objects.create(
                service_point=point,
                business_id=_business_id(seed),
                name=name,
                size_class=size,
                industry=industries.get(industry),
                municipality=home[place],
                is_pilot=pilot,
                pilot_status=rng.choice([PilotStatus.PLANNED, PilotStatus.ACTIVE, PilotStatus.ACTIVE])
                if pilot
                else PilotStatus.NONE,
                pilot_plan=rng.choice(PILOT_PLANS) if pilot else "",
            )
            EmployerOffice.objects.create(employer=employer, name="Päätoimipaikka", municipality=home[place])
            EmployerContact.objects.create(
                employer=employer,
                name=f"Henkilöstöpäällikkö {seed}",
                title="HR",
                email=f"hr{seed}@example.com",
            )
            for n in range(rng.randint(1, 4)):
                happened = today - dt.timedelta(days=rng.randint(3, 200))
                kind = rng.choice(list(ActivityKind))
                EmployerActivity.objects.create(
                    employer=employer,
                    service_point=point,
                    kind=kind,
                    happened_on=happened,
                    staff=advisor,
                    partner_project="Otetta-hanke" if kind == ActivityKind.JOINT_VISIT else "",
                    outcome="Käyty läpi työvoimatarpeet ja ulkomaisen työntekijän perehdytys.",
                    follow_up_on=today + dt.timedelta(days=rng.randint(-3, 10)) if n == 0 else None,
                )
            for code in jobs:
                finnish = rng.random() < 0.45
                openings.append(
                    JobOpening.objects.create(
                        employer=employer,
                        service_point=point,
                        title=OPENING_TITLES.get(code, "Työntekijä"),
                        occupation=occupations[code],
                        municipality=home[place],
                        hours=rng.choice(["full_time", "part_time", "shifts", "seasonal"]),
                        starts_on=today + dt.timedelta(days=rng.randint(7, 60)),
                        finnish_required=finnish,
                        other_languages=[] if finnish else ["en"],
                        visibility="hidden" if rng.random() < 0.3 else "advertised",
                        status=OpeningStatus.OPEN,
                        opens_on=today - dt.timedelta(days=rng.randint(1, 30)),
                        deadline=today + dt.timedelta(days=rng.randint(5, 40)),
                    )
                )
    _job_seekers(points, occupations, openings, users, rng, today)
    stdout.write(f"Employers: {Employer.objects.count()} companies, {len(openings)} job openings.")


def _job_seekers(points: dict[str, Any], occupations: dict[str, CodeListItem], openings: list[JobOpening],
                 users: dict[str, User], rng: random.Random, today: dt.date) -> None:  # fmt: skip
    """Give some demo clients what they look for in work, so that matching has something to show;
    and a few proposals and placements."""
    wanted = sorted({o.occupation.code for o in openings})
    for place, point in points.items():
        clients = list(
            Client.objects.filter(service_point=point, status=ClientStatus.ACTIVE).order_by("id")[:25]
        )
        for client in clients:
            codes = rng.sample(wanted, 2)
            for code in codes:
                DesiredOccupation.objects.get_or_create(
                    client=client, occupation=occupations[code], isco_code=code
                )
            JobSeekerProfile.objects.get_or_create(
                client=client,
                defaults={
                    "service_point": point,
                    "travel": rng.choice(["own", "region", "anywhere"]),
                    "available_from": today + dt.timedelta(days=rng.randint(-30, 30)),
                },
            )
            if not ClientLanguage.objects.filter(client=client, language="en").exists():
                ClientLanguage.objects.create(
                    client=client, language="en", level=rng.choice(["A2", "B1", "B2"])
                )
        advisor = users.get(ADVISORS[place])
        local = [o for o in openings if o.service_point_id == point.pk]
        for client, opening in zip(clients[:4], local, strict=False):
            Proposal.objects.create(
                opening=opening,
                client=client,
                service_point=point,
                consent_given_on=today - dt.timedelta(days=5),
                proposed_by=advisor,
                reasons=matching.explain_pair(opening=opening, client=client).reasons,
                result=rng.choice(["proposed", "interview", "hired"]),
            )
        for client in clients[4:7]:
            Placement.objects.create(
                client=client,
                service_point=point,
                employer=local[0].employer if local else None,
                organisation_name="" if local else "Lapin ammattiopisto",
                kind=rng.choice(["employment", "work_trial", "apprenticeship"]),
                starts_on=today - dt.timedelta(days=rng.randint(5, 90)),
                recorded_by=advisor,
            )
