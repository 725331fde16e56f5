"""Demo data of case work: open and closed cases, a household, assessments (one client assessed
twice), plans in every status (one started from the "moved for work" service path), steps due
and overdue, follow-ups, case notes and a transfer waiting for Rovaniemi's answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.casework import services
from kotopolku.casework.enums import PlanKind, PlanStatus, StepOwner, StepStatus
from kotopolku.casework.models import Case, FollowUp, Plan, Step
from kotopolku.clients.enums import ClientStatus, ConsentPurpose
from kotopolku.clients.models import Client, Consent
from kotopolku.organisations.demo import DemoTenancy

ADVISORS = {"rovaniemi": "advisor.rovaniemi@demo.kotopolku.fi", "kemi": "advisor.kemi@demo.kotopolku.fi"}


def _assessment(
    *, occupation: str, level: str, field: str, fi_level: str, conclusion: str, goals: str
) -> Any:
    return services.AssessmentData(
        languages=[
            {"language": "fi", "listening": fi_level, "speaking": fi_level, "reading": "A1", "writing": "A1"},
            {"language": "en", "listening": "B2", "speaking": "B1", "reading": "B2", "writing": "B1"},
        ],
        literacy="literate",
        reads_latin=True,
        education=[
            {"level": level, "field": field, "country": "UA", "year": 2014, "recognition_needed": True}
        ],
        work_history=[{"occupation": occupation, "title": "", "country": "UA", "years": 6}],
        occupation=occupation,
        family_situation="Puoliso ja kaksi lasta, lapset aloittavat koulun syksyllä.",
        service_needs=["housing", "work", "education"],
        service_needs_note="Tutkinnon tunnustaminen ja suomen kielen kurssi.",
        own_goals=goals,
        conclusion=conclusion,
    )


def load_demo(*, tenancy: DemoTenancy, stdout: Any) -> None:
    points = {"rovaniemi": tenancy.rovaniemi, "kemi": tenancy.kemi}
    if Case.objects.filter(service_point__in=points.values()).exists():
        stdout.write("Case work: the demo cases are there already.")
        return
    advisors = {key: User.objects.filter(email=email).first() for key, email in ADVISORS.items()}
    if None in advisors.values():
        stdout.write("Case work: no demo advisors; skipped.")
        return
    today = timezone.localdate()
    clients = {
        key: list(
            Client.objects.filter(service_point=point, status=ClientStatus.ACTIVE).order_by(
                "created_at", "id"
            )[:10]
        )
        for key, point in points.items()
    }
    rovaniemi, kemi = clients["rovaniemi"], clients["kemi"]
    if len(rovaniemi) < 6 or len(kemi) < 2:
        stdout.write("Case work: too few demo clients; skipped.")
        return
    aino, kalle = advisors["rovaniemi"], advisors["kemi"]
    for client in rovaniemi:
        Client.objects.filter(pk=client.pk).update(responsible_worker=aino)
        client.responsible_worker = aino
        services.case_open(client=client, by=aino, opened_because="desk", opening_note="Asiointi neuvonnassa")
    for client in kemi[:3]:
        services.case_open(client=client, by=kalle, opened_because="referral_in")

    # A family of three at Rovaniemi; one settlement plan for them all.
    main, spouse, child = rovaniemi[0], rovaniemi[1], rovaniemi[2]
    household = services.household_create(
        client=main, name=f"{main.family_name_latin or main.family_name} family", by=aino
    )
    services.household_add(household=household, client=spouse, relation="spouse", by=aino)
    services.household_add(household=household, client=child, relation="child", by=aino)

    # Assessments: the main person twice (the profile shows what changed), two others once.
    services.assessment_create(
        client=main,
        by=aino,
        data=_assessment(
            occupation="2221",
            level="6",
            field="091",
            fi_level="pre_a1",
            conclusion="settlement",
            goals="Haluan töihin sairaanhoitajaksi.",
        ),
    )
    services.assessment_create(
        client=main,
        by=aino,
        data=_assessment(
            occupation="2221",
            level="6",
            field="091",
            fi_level="A2",
            conclusion="integration",
            goals="Haluan töihin sairaanhoitajaksi ja opiskella suomea B1-tasolle.",
        ),
    )
    services.assessment_create(
        client=rovaniemi[3],
        by=aino,
        data=_assessment(
            occupation="7212",
            level="3",
            field="071",
            fi_level="A1",
            conclusion="integration",
            goals="Hitsaajan työ Rovaniemellä.",
        ),
    )
    services.assessment_create(
        client=kemi[0],
        by=kalle,
        data=_assessment(
            occupation="5120",
            level="4",
            field="101",
            fi_level="A1",
            conclusion="settlement",
            goals="Oma ravintola.",
        ),
    )

    partners = dict(tenancy.partners)
    kela = partners.get("Kela")
    te = partners.get("Työllisyyspalvelut") or next(iter(partners.values()))

    # An active settlement plan for the family, started from the "moved for work" path.
    from kotopolku.catalogue.models import ServicePath

    path = ServicePath.objects.filter(key="work").first()
    settlement = services.plan_create(
        client=main,
        by=aino,
        service_path=path,
        data=services.PlanData(
            kind=PlanKind.SETTLEMENT,
            starts_on=today - dt.timedelta(days=40),
            ends_on=today + dt.timedelta(days=20),
            summary="Perheen asettautuminen Rovaniemelle: rekisteröinti, verokortti, Kela, koulu.",
            partners=[p for p in (kela,) if p is not None],
            household=household,
        ),
    )
    goal = services.goal_add(plan=settlement, text="Lapset aloittavat koulun", by=aino)
    services.step_add(
        plan=settlement,
        by=aino,
        data=services.StepData(
            goal=goal,
            text="Ilmoittautuminen kouluun",
            owner=StepOwner.ADVISOR,
            owner_user=aino,
            due_on=today + dt.timedelta(days=3),
        ),
    )
    services.step_add(
        plan=settlement,
        by=aino,
        data=services.StepData(
            goal=goal,
            text="Koulun aloituspalaveri tulkin kanssa",
            owner=StepOwner.CLIENT,
            due_on=today - dt.timedelta(days=2),
        ),
    )
    dated = list(Step.objects.filter(plan=settlement, due_on__isnull=True).order_by("position", "id"))
    for index, step in enumerate(dated):
        Step.objects.filter(pk=step.pk).update(
            due_on=today - dt.timedelta(days=30) + dt.timedelta(days=8 * index),
            status=StepStatus.DONE if index < 2 else StepStatus.TODO,
        )
    services.plan_set_status(plan=settlement, status=PlanStatus.ACTIVE, by=aino)
    services.follow_up_plan(plan=settlement, planned_on=today + dt.timedelta(days=5), by=aino)
    held = services.follow_up_plan(plan=settlement, planned_on=today - dt.timedelta(days=10), by=aino)
    services.follow_up_record(
        follow_up=held,
        held_on=today - dt.timedelta(days=10),
        notes="Rekisteröinti tehty, verokortti haettu.",
        by=aino,
    )

    # A draft integration plan with a partner's step, and one completed, one ended early.
    integration = services.plan_create(
        client=rovaniemi[3],
        by=aino,
        data=services.PlanData(
            kind=PlanKind.INTEGRATION,
            starts_on=today,
            ends_on=today + dt.timedelta(days=365),
            summary="Suomen kieli B1-tasolle ja hitsaajan pätevyys.",
            partners=[te],
        ),
    )
    language_goal = services.goal_add(plan=integration, text="Suomen kieli B1-tasolle", by=aino)
    services.step_add(
        plan=integration,
        by=aino,
        data=services.StepData(
            goal=language_goal,
            text="Kotoutumiskoulutuksen haku",
            owner=StepOwner.PARTNER,
            organisation=te,
            due_on=today + dt.timedelta(days=6),
        ),
    )
    for client, status, reason in (
        (rovaniemi[4], PlanStatus.COMPLETED, ""),
        (rovaniemi[5], PlanStatus.ENDED, "Muutti Ouluun"),
    ):
        plan = services.plan_create(
            client=client,
            by=aino,
            data=services.PlanData(
                kind=PlanKind.SETTLEMENT,
                starts_on=today - dt.timedelta(days=200),
                ends_on=today - dt.timedelta(days=20),
            ),
        )
        services.goal_add(plan=plan, text="Asettautuminen", by=aino)
        plan = services.plan_set_status(plan=plan, status=PlanStatus.ACTIVE, by=aino)
        services.plan_set_status(plan=plan, status=status, reason=reason, by=aino)

    # Notes: one ordinary, one with special-category data where the client consented.
    services.note_add(
        client=main,
        service_point=main.service_point,
        by=aino,
        special_category=False,
        text="Perhe toivoo asuntoa koulun läheltä.",
    )
    if not Consent.objects.in_force().filter(client=spouse, purpose=ConsentPurpose.SPECIAL_CATEGORY).exists():
        Consent.objects.create(
            client=spouse, purpose=ConsentPurpose.SPECIAL_CATEGORY, given_at=timezone.now(), recorded_by=aino
        )
    services.note_add(
        client=spouse,
        service_point=spouse.service_point,
        by=aino,
        special_category=True,
        text="Tarvitsee esteettömän asunnon (liikuntarajoite).",
    )

    # Kemi asks Rovaniemi to take over a client who moves there.
    moving = Case.objects.get(client=kemi[1], status="open")
    services.transfer_request(
        case=moving,
        to_service_point=tenancy.rovaniemi,
        reason="Muuttaa Rovaniemelle",
        client_consented=True,
        by=kalle,
    )
    in_demo = list(points.values())
    cases = Case.objects.filter(service_point__in=in_demo).count()
    plans = Plan.objects.filter(service_point__in=in_demo).count()
    follow_ups = FollowUp.objects.filter(plan__service_point__in=in_demo).count()
    stdout.write(
        f"Case work: {cases} cases, a household of 3, {plans} plans, {follow_ups} follow-ups "
        "and a transfer waiting."
    )
