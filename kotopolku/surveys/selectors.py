"""Reads of surveys: the coordinator's results, the monitoring figure, the public form."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.db.models import Avg, Count, Prefetch, Q, QuerySet

from kotopolku.accounts.permissions import require, service_point_ids
from kotopolku.organisations.models import ServicePoint
from kotopolku.surveys.enums import QuestionKind
from kotopolku.surveys.models import SCALE_MAX, SCALE_MIN, Answer, HelpfulVote, Question, Survey


def survey_list(*, user: object) -> QuerySet[Survey]:
    require(user, "surveys.view")
    return (
        Survey.objects.filter(service_point_id__in=service_point_ids(user, "surveys.view"))
        .select_related("service_point")
        .annotate(response_count=Count("responses"))
        .order_by("-created_at")
    )


def survey_detail(*, user: object, uuid: UUID | str, action: str = "surveys.view") -> Survey:
    survey = (
        Survey.objects.select_related("service_point")
        .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("position", "id")))
        .get(uuid=uuid)
    )
    require(user, action, survey)
    return survey


@dataclass
class QuestionResult:
    question: Question
    count: int = 0
    average: float | None = None
    distribution: list[tuple[str, int]] = field(default_factory=list)
    average_by_language: list[tuple[str, float, int]] = field(default_factory=list)
    average_by_channel: list[tuple[str, float, int]] = field(default_factory=list)
    texts: list[tuple[date, str, str]] = field(default_factory=list)  # (date, language, text)


def _averages(rows: Iterable[tuple[str, int]]) -> list[tuple[str, float, int]]:
    sums: dict[str, list[int]] = defaultdict(list)
    for key, value in rows:
        sums[key].append(value)
    return sorted((key, sum(values) / len(values), len(values)) for key, values in sums.items())


def survey_results(
    *, user: object, survey: Survey, start: date | None = None, end: date | None = None, language: str = "fi"
) -> list[QuestionResult]:
    """Per question: count, average and distribution (scales), counts per option (choices), the
    free-text answers; averages by language and channel. Answers of the period only."""
    require(user, "surveys.view", survey)
    answers = Answer.objects.filter(response__survey=survey)
    if start is not None:
        answers = answers.filter(response__answered_on__gte=start)
    if end is not None:
        answers = answers.filter(response__answered_on__lte=end)
    rows = answers.values_list(
        "question_id",
        "scale",
        "choice",
        "text",
        "response__language",
        "response__channel",
        "response__answered_on",
    ).order_by("-response__answered_on", "-id")
    by_question: dict[int, list[tuple[int | None, int | None, str, str, str, date]]] = defaultdict(list)
    for question_id, scale, choice, text, lang, channel, answered_on in rows:
        by_question[question_id].append((scale, choice, text, lang, channel, answered_on))
    results = []
    for question in survey.questions.all():
        items = by_question.get(question.pk, [])
        result = QuestionResult(question=question, count=len(items))
        if question.kind == QuestionKind.SCALE:
            values = [item[0] for item in items if item[0] is not None]
            counts = Counter(values)
            result.distribution = [(str(n), counts.get(n, 0)) for n in range(SCALE_MIN, SCALE_MAX + 1)]
            result.average = sum(values) / len(values) if values else None
            result.average_by_language = _averages(
                (item[3], item[0]) for item in items if item[0] is not None
            )
            result.average_by_channel = _averages((item[4], item[0]) for item in items if item[0] is not None)
        elif question.kind == QuestionKind.CHOICE:
            counts = Counter(item[1] for item in items if item[1] is not None)
            result.distribution = [
                (label, counts.get(index, 0)) for index, label in enumerate(question.choices_in(language))
            ]
        else:
            result.texts = [(item[5], item[3], item[2]) for item in items if item[2]]
        results.append(result)
    return results


@dataclass(frozen=True)
class Satisfaction:
    average: float | None
    answers: int


def average_satisfaction(
    *, service_points: Iterable[ServicePoint | int], start: date | None = None, end: date | None = None
) -> Satisfaction:
    """The average (1–5) of the answers to questions that measure satisfaction, at these service
    points in the period: the figure the funder's quality target (4.5 / 5) is compared with."""
    ids = [point if isinstance(point, int) else point.pk for point in service_points]
    answers = Answer.objects.filter(
        question__measures_satisfaction=True, scale__isnull=False, response__survey__service_point_id__in=ids
    )
    if start is not None:
        answers = answers.filter(response__answered_on__gte=start)
    if end is not None:
        answers = answers.filter(response__answered_on__lte=end)
    figures = answers.aggregate(average=Avg("scale"), answers=Count("id"))
    average = figures["average"]
    return Satisfaction(average=float(average) if average is not None else None, answers=figures["answers"])


def helpful_summary(*, user: object, service_point: ServicePoint) -> list[tuple[str, int, int]]:
    """Per page: (page, yes votes, no votes), most voted first."""
    require(user, "surveys.view", service_point)
    rows = (
        HelpfulVote.objects.filter(service_point=service_point)
        .values("page")
        .annotate(total=Count("id"), yes=Count("id", filter=Q(helpful=True)))
        .order_by("-total", "page")[:100]
    )
    return [(row["page"], row["yes"], row["total"] - row["yes"]) for row in rows]


def open_survey(*, service_point: ServicePoint, uuid: UUID | str) -> Survey | None:
    """An open survey of the service point, for the public form."""
    return (
        Survey.objects.filter(service_point=service_point, uuid=uuid, is_open=True)
        .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("position", "id")))
        .first()
    )


def open_surveys(*, service_point: ServicePoint) -> QuerySet[Survey]:
    return Survey.objects.filter(service_point=service_point, is_open=True).order_by("-created_at")
