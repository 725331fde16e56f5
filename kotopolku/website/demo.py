"""Demo sites (idempotent): Rovaniemi and Kemi publish their sites, with their catalogue
locations for address and hours, and a few questions wait in the inbox."""

from __future__ import annotations

from datetime import date
from typing import Any, TextIO

from django.db import transaction

from kotopolku.catalogue.demo import demo_uuid
from kotopolku.catalogue.models import Location
from kotopolku.website.enums import AnswerBy, InquiryKind
from kotopolku.website.models import Inquiry, Site

LOCATIONS = {"rovaniemi": "ih-rovaniemi", "kemi": "pointti-kemi"}

QUESTIONS = [
    ("rovaniemi", InquiryKind.QUESTION, "en", "Hello, I will move to Rovaniemi in March for work. Where do I register my address, and can I do it before I arrive?", AnswerBy.EMAIL, "maria.example@example.com", ""),
    ("rovaniemi", InquiryKind.QUESTION, "ru", "Здравствуйте! Где можно учить финский язык вечером?", AnswerBy.PHONE, "", "+358401234567"),
    ("kemi", InquiryKind.ACCESSIBILITY, "fi", "Palvelukartan linkki ei toimi ruudunlukijalla.", AnswerBy.EMAIL, "testi@example.com", ""),
]  # fmt: skip


@transaction.atomic
def load_demo(*, tenancy: Any, stdout: TextIO) -> None:
    points = {"rovaniemi": tenancy.rovaniemi, "kemi": tenancy.kemi}
    for key, point in points.items():
        location = Location.objects.filter(uuid=demo_uuid("location", LOCATIONS[key])).first()
        Site.objects.update_or_create(
            service_point=point,
            defaults={"location": location, "is_published": True, "accessibility_assessed_on": date(2026, 11, 30)},
        )
    for key, kind, language, question, answer_by, email, phone in QUESTIONS:
        Inquiry.objects.get_or_create(
            service_point=points[key], question=question,
            defaults={"kind": kind, "language": language, "answer_by": answer_by, "email": email, "phone": phone},
        )  # fmt: skip
    stdout.write(f"Website: {len(points)} public sites, {len(QUESTIONS)} messages in the inbox\n")
