"""Actual figures against a project's targets. Each kind of target is counted from the table of
the app that keeps the facts (participants here; employers, events, plans and surveys there),
aggregated in the database."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from kotopolku.indicators.codes import PERSON_INDICATORS
from kotopolku.indicators.enums import ExitReason, LabourStatus, TargetKind
from kotopolku.indicators.models import Participant, Project, Target
from kotopolku.indicators.periods import Period
from kotopolku.indicators.permissions import small_cell


@dataclass
class TargetProgress:
    target: Target
    actual: Decimal | None
    explanation: Any = ""

    @property
    def label(self) -> str:
        detail = f" {self.target.detail}" if self.target.detail else ""
        return f"{self.target.get_kind_display()}{detail}"

    @property
    def percent(self) -> int | None:
        """Actual as a share of the target (lower end of a range), for the chart."""
        if self.actual is None or not self.target.value:
            return None
        return int((self.actual / self.target.value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def reached(self) -> bool:
        return self.actual is not None and self.actual >= self.target.value


def _participants(project: Project, points: list[int], period: Period) -> Any:
    return Participant.objects.filter(project=project, service_point_id__in=points)


def _work_or_education_share(
    project: Project, points: list[int], period: Period, individuals: bool
) -> tuple[Decimal | None, Any]:
    left = _participants(project, points, period).filter(
        exited_on__gte=period.start, exited_on__lte=period.end
    )
    counted = left.aggregate(
        left=Count("pk"),
        moved=Count(
            "pk",
            filter=Q(exit_reason__in=[ExitReason.EMPLOYED, ExitReason.EDUCATION])
            | Q(exit_status__in=[LabourStatus.EMPLOYED, LabourStatus.IN_EDUCATION]),
        ),
    )
    if not counted["left"]:
        return None, _("Nobody has left the project in the period yet.")
    if small_cell(counted["left"], individuals=individuals) is None:
        return None, _("Fewer than five persons: hidden.")
    share = Decimal(counted["moved"] * 100) / Decimal(counted["left"])
    return share.quantize(Decimal("0.1")), _(
        "%(moved)s of %(left)s who left moved to work or education."
    ) % counted


def _employers(points: list[int], period: Period, size: str) -> Decimal:
    from kotopolku.employers.selectors import supported_enterprises_by_size

    sizes = supported_enterprises_by_size(
        service_point_ids=points, date_from=period.start, date_to=period.end
    )
    return Decimal(sizes.get(size, 0) if size else sum(sizes.values()))


def _workshops(points: list[int], period: Period) -> Decimal:
    from kotopolku.events.enums import EventKind
    from kotopolku.events.models import Event

    return Decimal(
        Event.objects.filter(
            service_point_id__in=points,
            kind=EventKind.WORKSHOP,
            starts_at__date__gte=period.start,
            starts_at__date__lte=period.end,
        ).count()
    )


def _settlement_plans(points: list[int], period: Period) -> Decimal:
    from kotopolku.casework.enums import PlanKind
    from kotopolku.casework.models import Plan

    return Decimal(
        Plan.objects.filter(
            service_point_id__in=points,
            kind=PlanKind.SETTLEMENT,
            starts_on__gte=period.start,
            starts_on__lte=period.end,
        ).count()
    )


def _satisfaction(points: list[int], period: Period) -> tuple[Decimal | None, Any]:
    from kotopolku.surveys.models import Answer

    counted = Answer.objects.filter(
        question__measures_satisfaction=True,
        scale__isnull=False,
        response__survey__service_point_id__in=points,
        response__answered_on__gte=period.start,
        response__answered_on__lte=period.end,
    ).aggregate(mean=Avg("scale"), answers=Count("pk"))
    if not counted["answers"]:
        return None, _("No satisfaction answers in the period.")
    mean = Decimal(str(counted["mean"])).quantize(Decimal("0.01"))
    return mean, _("Mean of %(answers)s answers.") % {"answers": counted["answers"]}


def _indicator(
    project: Project, points: list[int], period: Period, code: str, individuals: bool
) -> Decimal | None:
    from kotopolku.indicators.selectors import indicator_table

    table = indicator_table(project=project, service_points=points, period=period, individuals=individuals)
    for row in table.rows:
        if row.code == code:
            value = row.cells["total"]
            return None if value is None else Decimal(value)
    return None


def target_progress(
    *, project: Project, points: list[int], period: Period, individuals: bool
) -> list[TargetProgress]:
    progress: list[TargetProgress] = []
    for target in project.targets.all():
        explanation: Any = ""
        actual: Decimal | None
        if target.kind == TargetKind.PARTICIPANTS:
            count = (
                _participants(project, points, period)
                .filter(entered_on__gte=period.start, entered_on__lte=period.end)
                .count()
            )
            shown = small_cell(count, individuals=individuals)
            actual = None if shown is None else Decimal(shown)
        elif target.kind == TargetKind.WORK_OR_EDUCATION_SHARE:
            actual, explanation = _work_or_education_share(project, points, period, individuals)
        elif target.kind == TargetKind.EMPLOYERS:
            actual = _employers(points, period, target.detail)
        elif target.kind == TargetKind.WORKSHOPS:
            actual = _workshops(points, period)
        elif target.kind == TargetKind.SETTLEMENT_PLANS:
            actual = _settlement_plans(points, period)
        elif target.kind == TargetKind.SATISFACTION:
            actual, explanation = _satisfaction(points, period)
        else:
            actual = _indicator(project, points, period, target.detail, individuals)
            if target.detail in PERSON_INDICATORS:
                explanation = PERSON_INDICATORS[target.detail].label
        if actual is None and not explanation:
            explanation = _("Fewer than five persons: hidden.")
        progress.append(TargetProgress(target=target, actual=actual, explanation=explanation))
    return progress
