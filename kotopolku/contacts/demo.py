"""Demo data: a few hundred desk contacts of the last months at both demo service points."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import F
from django.utils import timezone

from kotopolku.accounts.models import User
from kotopolku.clients.models import Client
from kotopolku.contacts.enums import Channel, ContactOutcome, Interpreter
from kotopolku.contacts.models import ClientGroup, Contact, ContactTopic, Topic
from kotopolku.contacts.tallies import tallies_recount
from kotopolku.organisations.demo import DemoTenancy

DAYS = 120
PER_WORKDAY = {"rovaniemi": (1, 4), "kemi": (0, 3)}

LANGUAGES = {
    "rovaniemi": {"en": 30, "ru": 12, "uk": 12, "ar": 8, "fa": 6, "fi": 8, "so": 4, "tl": 4, "th": 4,
                  "vi": 3, "zh": 3, "fr": 2, "es": 2, "tr": 2},
    "kemi": {"ru": 20, "uk": 15, "en": 15, "ar": 8, "et": 8, "so": 6, "fi": 8, "th": 5, "vi": 4,
             "ckb": 3, "pl": 3, "ro": 3},
}  # fmt: skip
CHANNELS = {Channel.WALK_IN: 55, Channel.PHONE: 20, Channel.EMAIL: 10, Channel.CHAT: 3, Channel.VIDEO: 4,
            Channel.OUTREACH: 5, Channel.EVENT: 3}  # fmt: skip
TOPICS = {"residence_permits": 16, "registration": 14, "kela": 14, "taxes": 8, "housing": 10, "work": 14,
          "entrepreneurship": 3, "education": 9, "recognition": 4, "health_social": 7, "family": 6,
          "everyday": 8, "leisure": 2, "other": 3}  # fmt: skip
GROUPS = {"work": 28, "family": 18, "student": 14, "international_protection": 8, "temporary_protection": 12,
          "eu_nordic": 7, "returning_finn": 2, "employer": 4, "professional": 3, "unknown": 4}  # fmt: skip
OUTCOMES = {ContactOutcome.INFORMATION: 50, ContactOutcome.GUIDED: 30, ContactOutcome.REFERRED: 10,
            ContactOutcome.APPOINTMENT: 10}  # fmt: skip
GUIDED_TO = {"residence_permits": "Migri", "registration": "DVV", "kela": "Kela", "taxes": "Vero",
             "work": "Työllisyyspalvelut", "health_social": "Lapin hyvinvointialue", "leisure": "MoniNet",
             "entrepreneurship": "Business Rovaniemi", "education": "Lapin yliopisto"}  # fmt: skip
NOTES = [
    "Ohjattiin varaamaan aika Migrin palvelupisteeseen.",
    "Neuvottiin täyttämään Kelan lomake verkossa.",
    "Verokortin muutos tehtiin yhdessä OmaVerossa.",
    "Asked about Finnish courses starting in January.",
    "Needed help with the rental agreement terms.",
    "Tulkki puhelimitse, asia hoitui.",
    "Sovittiin uusi käynti ensi viikolle.",
]
ADVISORS = {
    "rovaniemi": ["advisor.rovaniemi@demo.kotopolku.fi", "coordinator@demo.kotopolku.fi"],
    "kemi": ["advisor.kemi@demo.kotopolku.fi"],
}
PERMIT_EXPERT = "permit.expert@demo.kotopolku.fi"


def _pick(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def load_demo(*, tenancy: DemoTenancy, stdout: Any) -> None:
    points = {"rovaniemi": tenancy.rovaniemi, "kemi": tenancy.kemi}
    if Contact.objects.filter(service_point__in=points.values()).exists():
        stdout.write("Desk contacts: the demo already has contacts; left as they are.")
        return
    rng = random.Random(20260101)
    users = {
        user.email: user
        for user in User.objects.filter(
            email__in=[*(e for emails in ADVISORS.values() for e in emails), PERMIT_EXPERT]
        )
    }
    topics = {topic.code: topic for topic in Topic.objects.filter(active=True)}
    groups = {group.code: group for group in ClientGroup.objects.filter(active=True)}
    partners = tenancy.partners
    today = timezone.localdate()
    contacts: list[Contact] = []
    chosen_topics: list[list[Topic]] = []
    for name, point in points.items():
        advisors = [users[email] for email in ADVISORS[name] if email in users]
        if not advisors:
            continue
        clients = list(Client.objects.filter(service_point=point).values_list("id", flat=True)[:50])
        for offset in range(DAYS, -1, -1):
            day = today - timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            low, high = PER_WORKDAY[name]
            for _ in range(rng.randint(low, high)):
                minute = rng.randint(9 * 60, 15 * 60 + 45)
                happened = timezone.make_aware(datetime.combine(day, time(minute // 60, minute % 60)))
                if happened > timezone.now():
                    continue
                codes = {_pick(rng, TOPICS) for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))}
                topic_list = sorted((topics[c] for c in codes if c in topics), key=lambda t: t.order)
                outcome = _pick(rng, OUTCOMES)
                organisation = None
                if outcome != ContactOutcome.INFORMATION:
                    target = GUIDED_TO.get(topic_list[0].code, "")
                    if target == "Työllisyyspalvelut":
                        target = (
                            "Työllisyyspalvelut Kemi" if name == "kemi" else "Työllisyyspalvelut Rovaniemi"
                        )
                    organisation = partners.get(target)
                channel = _pick(rng, CHANNELS)
                advisor = rng.choice(advisors)
                if "residence_permits" in codes and PERMIT_EXPERT in users and rng.random() < 0.5:
                    advisor, channel = users[PERMIT_EXPERT], rng.choice([Channel.PHONE, Channel.VIDEO])
                language = _pick(rng, LANGUAGES[name])
                interpreter = Interpreter.NONE
                if language not in ("fi", "sv", "en") and rng.random() < 0.25:
                    interpreter = rng.choice([Interpreter.PHONE, Interpreter.ON_SITE, Interpreter.VIDEO])
                linked = clients and rng.random() < 0.1
                contacts.append(
                    Contact(
                        service_point=point,
                        happened_at=happened,
                        channel=channel,
                        language=language,
                        interpreter=interpreter,
                        client_group=groups.get(_pick(rng, GROUPS)),
                        duration_minutes=rng.choice((5, 10, 10, 15, 15, 20, 30, 45, 60)),
                        outcome=outcome,
                        organisation=organisation,
                        # Notes only where a client is linked: anonymous contacts hold no personal data.
                        note=rng.choice(NOTES) if linked and rng.random() < 0.5 else "",
                        client_id=rng.choice(clients) if linked else None,
                        logged_by=advisor,
                    )
                )
                chosen_topics.append(topic_list)
    created = Contact.objects.bulk_create(contacts, batch_size=500)
    ContactTopic.objects.bulk_create(
        [
            ContactTopic(
                contact=contact,
                topic=topic,
                service_point_id=contact.service_point_id,
                happened_at=contact.happened_at,
            )
            for contact, topic_list in zip(created, chosen_topics, strict=True)
            for topic in topic_list
        ],
        batch_size=1000,
    )
    # Logged when they happened: the seven-day editing window then applies as in real use.
    Contact.objects.filter(pk__in=[c.pk for c in created]).update(created_at=F("happened_at"))
    tallies_recount()  # the day tallies of the desk statistics, counted from the rows above
    stdout.write(f"Desk contacts: {len(created)} demo contacts over the last {DAYS} days.")
