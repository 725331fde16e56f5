"""Demo referrals: Rovaniemi's advisors refer clients to Kela, Migri, DVV and Vero, in every
status of the lifecycle; Kela's demo user answers them in the inbox."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.clients.models import Client
from kotopolku.organisations.demo import DemoTenancy
from kotopolku.referrals import services
from kotopolku.referrals.enums import SharedField
from kotopolku.referrals.models import Referral, ReferralEvent

ADVISOR = "advisor.rovaniemi@demo.kotopolku.fi"
PARTNER = "partner.kela@demo.kotopolku.fi"

PLANS = [
    # partner, reason, message, what happens, days since sent
    (
        "Kela",
        "Family benefit and housing allowance application",
        "Speaks Ukrainian; an interpreter is needed.",
        "sent",
        12,
    ),
    (
        "Kela",
        "Residence-based social security: decision on coverage",
        "Moved for work in March.",
        "opened",
        3,
    ),
    ("Kela", "Unemployment benefit after a fixed-term job ended", "", "accepted", 5),
    ("Kela", "Child benefit", "Has two children under 3.", "completed", 20),
    ("Kela", "Sickness allowance", "", "declined", 8),
    ("Migri", "Extended permit: the client needs an appointment for biometrics", "", "sent", 9),
    ("DVV", "Registration of a foreigner's personal data", "Passport copy brought to the desk.", "sent", 1),
    ("Vero", "Tax card for a new job", "", "draft", 0),
]


def load_demo(*, tenancy: DemoTenancy, stdout: Any) -> None:
    if Referral.objects.filter(service_point=tenancy.rovaniemi).exists():
        return
    advisor = User.objects.get(email=ADVISOR)
    partner_user = User.objects.get(email=PARTNER)
    clients = list(Client.objects.filter(service_point=tenancy.rovaniemi, status="active").order_by("id")[:8])
    if not clients:
        return
    now = timezone.now()
    for index, (short, reason, message, fate, days) in enumerate(PLANS):
        client = clients[index % len(clients)]
        organisation = tenancy.partners[short]
        if fate != "draft":
            services.sharing_consent_record(client=client, organisation=organisation, by=advisor)
        referral = services.referral_create(
            data=services.ReferralData(
                client=client,
                organisation=organisation,
                reason=reason,
                message=message,
                shared_fields=[SharedField.NAME, SharedField.PHONE, SharedField.LANGUAGES],
            ),
            by=advisor,
        )
        if fate == "draft":
            continue
        referral = services.referral_send(referral=referral, by=advisor)
        if fate != "sent":
            services.referral_mark_opened(referral=referral, by=partner_user)
        if fate in ("accepted", "completed"):
            referral = services.referral_accept(referral=referral, by=partner_user)
        if fate == "completed":
            services.referral_complete(
                referral=referral, by=partner_user, note="Decision made; client informed."
            )
        if fate == "declined":
            services.referral_decline(
                referral=referral,
                by=partner_user,
                reason="Not yet eligible: apply after four months of work.",
            )
        # The demo's history lies in the past, so that "waiting longer than 7 days" shows some.
        moved = now - timedelta(days=days)
        Referral.objects.filter(pk=referral.pk).update(sent_at=moved, created_at=moved)
        ReferralEvent.objects.filter(referral=referral, kind__in=["created", "sent"]).update(at=moved)
    stdout.write(f"Referrals: {len(PLANS)} at {tenancy.rovaniemi.name}")
