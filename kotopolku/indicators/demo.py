"""Demo data of monitoring, after the seeds: the three ESF+ projects with their planned targets
(Rovaniemi and Kemi from their applications, Kajaani from its final report), and the demo clients
of Rovaniemi and Kemi as participants with entry data, some of them left and followed up.

The Rovaniemi and Kemi plans do not quote a funder's code, so those projects carry none."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.clients.enums import ClientStatus, ConsentPurpose
from kotopolku.clients.models import Client, Consent
from kotopolku.clients.services import consent_record
from kotopolku.employers.enums import ActivityKind
from kotopolku.employers.models import Employer, EmployerActivity, IndustryClass
from kotopolku.indicators import services
from kotopolku.indicators.corrections import participant_correct
from kotopolku.indicators.enums import ExitReason, IscedGroup, LabourStatus, TargetKind
from kotopolku.indicators.models import Participant, Project
from kotopolku.indicators.project_services import budget_line_add
from kotopolku.organisations.demo import DemoTenancy
from kotopolku.organisations.models import Municipality

PRIORITY_4 = "4 Työllistävä, osaava ja osallistava Suomi"
OBJECTIVE_4_1 = "4.1 Polkuja töihin"
PROGRAMME = "Uudistuva ja osaava Suomi 2021–2027 (ESR+)"

# (kind, detail, value, upper end, note)
TargetRow = tuple[str, str, Decimal | int, int | None, str]
ROVANIEMI_TARGETS: list[TargetRow] = [
    (TargetKind.PARTICIPANTS, "", 200, None, ""),
    (TargetKind.WORK_OR_EDUCATION_SHARE, "", 50, None, "yksilöohjaukseen osallistuneista"),
    (TargetKind.EMPLOYERS, "", 20, None, ""),
    (TargetKind.WORKSHOPS, "", 3, 6, "yhteiskehittämisen työpajat"),
    (TargetKind.SATISFACTION, "", Decimal("4.5"), None, "hyvällä tasolla"),
]
KEMI_TARGETS: list[TargetRow] = [
    (TargetKind.PARTICIPANTS, "", 310, None, ""),
    (TargetKind.EMPLOYERS, "", 100, None, ""),
    (TargetKind.EMPLOYERS, "micro", 16, None, ""),
    (TargetKind.EMPLOYERS, "small", 50, None, ""),
    (TargetKind.EMPLOYERS, "medium", 30, None, ""),
    (TargetKind.EMPLOYERS, "large", 4, None, ""),
    (TargetKind.INDICATOR, "EECO02", 250, None, "työttömät (hakemus 6.2)"),
]
KAJAANI_TARGETS: list[TargetRow] = [
    (TargetKind.PARTICIPANTS, "", 105, None, ""),
    (TargetKind.EMPLOYERS, "", 13, None, "toteutunut 21 (loppuraportti)"),
]
# (category, amount in euros, for the service point rather than the whole project)
ROVANIEMI_BUDGET = [
    ("Henkilöstökulut", "412000", True),
    ("Ostopalvelut", "38500", True),
    ("Matkakulut", "12000", False),
    ("Flat rate -kustannukset (15 %)", "61800", False),
]
KEMI_BUDGET = [
    ("Henkilöstökulut", "455000", True),
    ("Ostopalvelut", "52000", True),
    ("Flat rate -kustannukset (15 %)", "68250", False),
]
KEMI_TOWN_ID = "0000001-9"  # a valid business ID of the demo's town of Kemi (not the real one)
STATUSES = [LabourStatus.UNEMPLOYED] * 5 + [
    LabourStatus.LONG_TERM_UNEMPLOYED,
    LabourStatus.IN_EDUCATION,
    LabourStatus.EMPLOYED,
    LabourStatus.INACTIVE,
]


def _project(values: dict[str, Any], by: User) -> Project:
    existing = Project.objects.filter(name=values["name"]).first()
    return existing or services.project_save(by=by, values=values)


def load_demo(*, tenancy: DemoTenancy, stdout: Any) -> None:
    if Project.objects.exists():
        stdout.write("Monitoring: the demo already has projects; left as they are.")
        return
    coordinator = User.objects.get(email="coordinator@demo.kotopolku.fi")
    kemi_advisor = User.objects.get(email="advisor.kemi@demo.kotopolku.fi")
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=["698", "240", "205"])}
    rovaniemi = _project(
        {
            "name": "International Rovaniemi",
            "programme": PROGRAMME,
            "priority": PRIORITY_4,
            "specific_objective": OBJECTIVE_4_1,
            "starts_on": dt.date(2024, 8, 1),
            "ends_on": dt.date(2027, 5, 31),
        },
        coordinator,
    )
    kemi = _project(
        {
            "name": "International Pointti Kemi",
            "programme": PROGRAMME,
            "priority": PRIORITY_4,
            "specific_objective": OBJECTIVE_4_1,
            "starts_on": dt.date(2024, 5, 1),
            "ends_on": dt.date(2027, 4, 30),
        },
        coordinator,
    )
    kajaani = _project(
        {
            "name": "TOPPA Kajaani",
            "funder_code": "S21941",
            "funder": "ESR",
            "programme": "Kestävää kasvua ja työtä 2014–2020",
            "priority": "3 Työllisyys ja työvoiman liikkuvuus",
            "specific_objective": (
                "6.1 Nuorten ja muiden heikossa työmarkkina-asemassa olevien työllistymisen edistäminen"
            ),
            "starts_on": dt.date(2020, 3, 1),
            "ends_on": dt.date(2022, 6, 30),
        },
        coordinator,
    )
    services.project_point_set(
        by=coordinator, project=rovaniemi, municipality=municipalities["698"], service_point=tenancy.rovaniemi
    )
    services.project_point_set(
        by=coordinator, project=kemi, municipality=municipalities["240"], service_point=tenancy.kemi
    )
    if "205" in municipalities:
        services.project_point_set(by=coordinator, project=kajaani, municipality=municipalities["205"])
    for project, targets in (
        (rovaniemi, ROVANIEMI_TARGETS),
        (kemi, KEMI_TARGETS),
        (kajaani, KAJAANI_TARGETS),
    ):
        for kind, detail, value, value_max, note in targets:
            services.target_set(
                by=coordinator,
                project=project,
                kind=kind,
                detail=detail,
                value=Decimal(value),
                value_max=None if value_max is None else Decimal(value_max),
                note=note,
            )
    for project, point, lines in (
        (rovaniemi, tenancy.rovaniemi, ROVANIEMI_BUDGET),
        (kemi, tenancy.kemi, KEMI_BUDGET),
    ):
        for category, amount, own_point in lines:
            budget_line_add(
                by=coordinator,
                project=project,
                category=category,
                amount=Decimal(amount),
                service_point=point if own_point else None,
            )
    enrolled = _participants(rovaniemi, tenancy.rovaniemi, coordinator, seed=1)
    enrolled += _participants(kemi, tenancy.kemi, kemi_advisor, seed=2)
    corrected = _correct_one(kemi, kemi_advisor)
    _public_body(tenancy.kemi, municipalities["240"])
    stdout.write(
        f"Monitoring: 3 projects with their targets and budgets, {enrolled} participants "
        f"({corrected} with corrected entry data), a public body supported in Kemi."
    )


def _correct_one(project: Project, by: User) -> int:
    """A participant whose status was entered in EURA 2021 and then corrected: the page shows
    that the start data must be entered again."""
    participant = (
        Participant.objects.filter(
            project=project, entry_in_eura_on__isnull=False, labour_status="unemployed"
        )
        .order_by("pk")
        .first()
    )
    if participant is None:
        return 0
    participant_correct(
        by=by,
        participant=participant,
        data={"labour_status": LabourStatus.LONG_TERM_UNEMPLOYED},
        reason="TE-palvelujen todistuksen mukaan työttömyys oli kestänyt yli 12 kuukautta.",
        version=participant.version,
    )
    return 1


def _public_body(point: Any, municipality: Municipality) -> None:
    """The town of Kemi as an employer supported by the project (EECO18): industry 84."""
    industry = IndustryClass.objects.filter(code="84").first()
    if industry is None or Employer.objects.filter(business_id=KEMI_TOWN_ID, service_point=point).exists():
        return
    employer = Employer.objects.create(
        service_point=point,
        business_id=KEMI_TOWN_ID,
        name="Kemin kaupunki",
        size_class="large",
        industry=industry,
        municipality=municipality,
    )
    EmployerActivity.objects.create(
        employer=employer,
        service_point=point,
        kind=ActivityKind.VISIT,
        happened_on=timezone.localdate() - dt.timedelta(days=30),
    )


def _participants(project: Project, point: Any, by: User, *, seed: int) -> int:
    rng = random.Random(seed)
    today = timezone.localdate()
    clients = list(
        Client.objects.filter(
            service_point=point, status=ClientStatus.ACTIVE, birth_year__isnull=False
        ).order_by("pk")
    )
    count = 0
    for index, client in enumerate(clients):
        if index % 4 == 3:
            continue  # not everyone takes part in the project
        if (
            not Consent.objects.in_force()
            .filter(client=client, purpose=ConsentPurpose.ESF_PARTICIPANT)
            .exists()
        ):
            consent_record(client=client, purpose=ConsentPurpose.ESF_PARTICIPANT, by=by)
        entered_on = min(project.starts_on + dt.timedelta(days=rng.randrange(0, 700)), today)
        if Participant.objects.filter(project=project, client=client).exists():
            continue
        participant = services.participant_enrol(
            by=by,
            client=client,
            project=project,
            entered_on=entered_on,
            data={
                "labour_status": rng.choice(STATUSES),
                "isced": rng.choice([IscedGroup.ISCED_0_2, IscedGroup.ISCED_3_4, IscedGroup.ISCED_5_8]),
                "foreign_background": True,
            },
        )
        count += 1
        if index % 3 == 0 and entered_on + dt.timedelta(days=120) < today:
            exited_on = entered_on + dt.timedelta(days=rng.randrange(60, 120))
            reason = rng.choice([ExitReason.EMPLOYED, ExitReason.COMPLETED, ExitReason.EDUCATION])
            status = {
                ExitReason.EMPLOYED: LabourStatus.EMPLOYED,
                ExitReason.EDUCATION: LabourStatus.IN_EDUCATION,
            }
            services.participant_exit(
                by=by,
                participant=participant,
                exited_on=exited_on,
                reason=reason,
                status=status.get(reason, LabourStatus.UNEMPLOYED),
            )
            services.participant_eura_mark(by=by, participant=participant, part="entry", on=entered_on)
            first = participant.follow_ups.get(kind="4w")
            if first.due_on < today:
                services.follow_up_record(
                    by=by,
                    follow_up=first,
                    done_on=first.due_on,
                    results={
                        "employed": reason == ExitReason.EMPLOYED,
                        "job_searching": reason == ExitReason.COMPLETED,
                        "in_education": reason == ExitReason.EDUCATION,
                    },
                )
    return count
