from __future__ import annotations

from kotopolku.organisations.models import ServicePoint
from kotopolku.surveys.enums import QuestionKind
from kotopolku.surveys.models import Question, Survey

TEXTS = {
    "fi": (
        "Kysely",
        "Kuinka tyytyväinen olit?",
        "Mistä kuulit meistä?",
        ["Ystävältä", "Netistä"],
        "Terveisiä?",
    ),
    "en": (
        "Survey",
        "How satisfied were you?",
        "How did you hear of us?",
        ["A friend", "Online"],
        "Greetings?",
    ),
    "tr": ("Anket", "Ne kadar memnun kaldınız?", "Bizi nereden duydunuz?", ["Arkadaş", "İnternet"], "Mesaj?"),
}


def survey_with_questions(
    service_point: ServicePoint, *, languages: tuple[str, ...] = ("fi", "en")
) -> Survey:
    """A survey with a required satisfaction scale, a choice and a free-text question."""
    survey = Survey.objects.create(
        service_point=service_point, titles={code: TEXTS[code][0] for code in languages}
    )
    Question.objects.create(
        survey=survey, position=1, kind=QuestionKind.SCALE, required=True, measures_satisfaction=True,
        texts={code: {"text": TEXTS[code][1]} for code in languages},
    )  # fmt: skip
    Question.objects.create(
        survey=survey, position=2, kind=QuestionKind.CHOICE,
        texts={code: {"text": TEXTS[code][2], "choices": TEXTS[code][3]} for code in languages},
    )  # fmt: skip
    Question.objects.create(
        survey=survey,
        position=3,
        kind=QuestionKind.TEXT,
        texts={code: {"text": TEXTS[code][4]} for code in languages},
    )
    return survey
