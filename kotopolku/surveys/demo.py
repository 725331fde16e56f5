"""A demo survey (idempotent): Rovaniemi's client satisfaction survey in Finnish, English and
Russian, with answers of the past three months so that the results can be tried."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta
from typing import Any, TextIO

from django.db import transaction
from django.utils import timezone

from kotopolku.surveys.enums import AnswerChannel, QuestionKind
from kotopolku.surveys.models import Answer, Question, Survey, SurveyResponse

SURVEY_UUID = uuid.uuid5(uuid.NAMESPACE_URL, "https://kotopolku.invalid/demo/surveys/satisfaction")
TITLES = {"fi": "Miten onnistuimme?", "en": "How did we do?", "ru": "Как мы справились?"}
QUESTIONS: list[dict[str, Any]] = [
    {
        "kind": QuestionKind.SCALE,
        "satisfaction": True,
        "required": True,
        "texts": {
            "fi": {"text": "Kuinka tyytyväinen olit palveluun?"},
            "en": {"text": "How satisfied were you with the service?"},
            "ru": {"text": "Насколько вы довольны обслуживанием?"},
        },
    },
    {
        "kind": QuestionKind.CHOICE,
        "satisfaction": False,
        "required": False,
        "texts": {
            "fi": {"text": "Mistä kuulit meistä?", "choices": ["Ystävältä", "Netistä", "Viranomaiselta"]},
            "en": {
                "text": "How did you hear about us?",
                "choices": ["From a friend", "Online", "From an authority"],
            },
            "ru": {"text": "Как вы узнали о нас?", "choices": ["От друга", "В интернете", "От ведомства"]},
        },
    },
    {
        "kind": QuestionKind.TEXT,
        "satisfaction": False,
        "required": False,
        "texts": {
            "fi": {"text": "Mitä voisimme tehdä paremmin?"},
            "en": {"text": "What could we do better?"},
            "ru": {"text": "Что мы могли бы сделать лучше?"},
        },
    },
]
FREE_TEXTS = {
    "fi": "Enemmän aikoja iltaisin.",
    "en": "Please open earlier in the morning.",
    "ru": "Спасибо, всё понятно.",
}


@transaction.atomic
def load_demo(*, tenancy: Any, stdout: TextIO) -> None:
    survey, _ = Survey.objects.update_or_create(
        uuid=SURVEY_UUID, defaults={"service_point": tenancy.rovaniemi, "titles": TITLES, "is_open": True}
    )
    for position, spec in enumerate(QUESTIONS, start=1):
        Question.objects.update_or_create(
            survey=survey,
            position=position,
            defaults={
                "kind": spec["kind"],
                "texts": spec["texts"],
                "required": spec["required"],
                "measures_satisfaction": spec["satisfaction"],
            },
        )
    if not survey.responses.exists():
        rng = random.Random(2026)
        questions = list(survey.questions.order_by("position"))
        today = timezone.localdate()
        for index in range(60):
            language = rng.choice(["fi", "fi", "en", "en", "ru"])
            response = SurveyResponse.objects.create(
                survey=survey,
                language=language,
                channel=rng.choice(AnswerChannel.values),
                answered_on=today - timedelta(days=rng.randint(0, 90)),
            )
            rows = [Answer(response=response, question=questions[0], scale=rng.choice([3, 4, 4, 5, 5, 5]))]
            rows.append(Answer(response=response, question=questions[1], choice=rng.randint(0, 2)))
            if index % 6 == 0:
                rows.append(Answer(response=response, question=questions[2], text=FREE_TEXTS[language]))
            Answer.objects.bulk_create(rows)
    stdout.write(f"Surveys: 1 survey with {survey.responses.count()} answers\n")
