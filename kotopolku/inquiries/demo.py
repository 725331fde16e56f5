"""Demo inbox (idempotent): a few questions and one accessibility report wait for an answer."""

from __future__ import annotations

from typing import Any, TextIO

from django.db import transaction

from kotopolku.inquiries.enums import AnswerBy, InquiryKind
from kotopolku.inquiries.models import Inquiry

QUESTIONS = [
    (
        "rovaniemi",
        InquiryKind.QUESTION,
        "en",
        "Hello, I will move to Rovaniemi in March for work. Where do I register my address, "
        "and can I do it before I arrive?",
        AnswerBy.EMAIL,
        "maria.example@example.com",
        "",
    ),
    (
        "rovaniemi",
        InquiryKind.QUESTION,
        "ru",
        "Здравствуйте! Где можно учить финский язык вечером?",
        AnswerBy.PHONE,
        "",
        "+358401234567",
    ),
    (
        "kemi",
        InquiryKind.ACCESSIBILITY,
        "fi",
        "Palvelukartan linkki ei toimi ruudunlukijalla.",
        AnswerBy.EMAIL,
        "testi@example.com",
        "",
    ),
]


@transaction.atomic
def load_demo(*, tenancy: Any, stdout: TextIO) -> None:
    points = {"rovaniemi": tenancy.rovaniemi, "kemi": tenancy.kemi}
    for key, kind, language, question, answer_by, email, phone in QUESTIONS:
        Inquiry.objects.get_or_create(
            service_point=points[key],
            question=question,
            defaults={
                "kind": kind,
                "language": language,
                "answer_by": answer_by,
                "email": email,
                "phone": phone,
            },
        )
    stdout.write(f"Inbox: {len(QUESTIONS)} messages\n")
