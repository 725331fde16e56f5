"""Service paths resolved for a municipality."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Prefetch, QuerySet

from kotopolku.catalogue.enums import StepChange
from kotopolku.catalogue.models import ServicePath, ServicePathStep, ServicePathVariant
from kotopolku.organisations.models import Municipality


@dataclass(frozen=True)
class ResolvedStep:
    step: ServicePathStep  # the step whose service and note apply
    common: ServicePathStep | None  # the common step it stands for (None: added locally)
    origin: str  # "common", "replaced" or "added"

    def note(self, language: str) -> str:
        return self.step.text("note", language)


def path_list() -> QuerySet[ServicePath]:
    return ServicePath.objects.prefetch_related("translations").order_by("key")


def _steps_queryset() -> QuerySet[ServicePathStep]:
    return ServicePathStep.objects.select_related("service", "service__organisation").prefetch_related(
        "service__translations"
    )


def path_with_steps(*, uuid: UUID | str) -> ServicePath:
    return (
        ServicePath.objects.prefetch_related(
            "translations",
            Prefetch("steps", queryset=_steps_queryset().order_by("position", "id")),
            Prefetch("variants", queryset=ServicePathVariant.objects.select_related("municipality")),
        )
        .select_related("life_event")
        .get(uuid=uuid)
    )


def resolve_steps(path: ServicePath, municipality: Municipality | None) -> list[ResolvedStep]:
    """The steps of ``path`` in ``municipality``: the common steps with the local variant's
    additions, replacements and removals applied, in position order. Uses prefetched steps."""
    steps = list(path.steps.all())
    common = [s for s in steps if s.variant_id is None]
    variant = None
    if municipality is not None:
        variant = next((v for v in path.variants.all() if v.municipality_id == municipality.pk), None)
    local = [s for s in steps if variant is not None and s.variant_id == variant.pk]
    changes = {s.replaces_id: s for s in local if s.change in (StepChange.REPLACE, StepChange.REMOVE)}
    resolved: list[tuple[int, int, ResolvedStep]] = []
    for step in common:
        change = changes.get(step.pk)
        if change is None:
            resolved.append((step.position, 0, ResolvedStep(step, step, "common")))
        elif change.change == StepChange.REPLACE:
            position = change.position or step.position
            resolved.append((position, 0, ResolvedStep(change, step, "replaced")))
    for step in local:
        if step.change == StepChange.ADD:
            resolved.append((step.position, 1, ResolvedStep(step, None, "added")))
    return [item for _, _, item in sorted(resolved, key=lambda t: (t[0], t[1], t[2].step.pk))]
