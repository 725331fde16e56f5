"""The duplicates app in a client's timeline and data export (``clients.hooks``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, F, Q, When
from django.utils.translation import gettext as _

from kotopolku.clients.hooks import TimelineEntry, TimelineQuery
from kotopolku.duplicates.models import DuplicatePair, PairStatus


def _pairs_of(client: Any) -> Any:
    return DuplicatePair.objects.filter(Q(first=client) | Q(second=client)).select_related("first", "second")


def _pair_entry(when: Any, data: dict[str, Any]) -> TimelineEntry:
    latin = " ".join(part for part in (data.get("given_latin"), data.get("family_latin")) if part)
    written = " ".join(part for part in (data.get("given"), data.get("family")) if part)
    return TimelineEntry(
        when=when,
        kind="duplicates",
        title=_("Judged a different person from another record"),
        detail=latin or written or str(_("(no name)")),
    )


def _pair_rows(client: Any, allowed: Any) -> Any:
    def other(name: str) -> Any:
        return Case(When(first=client, then=F(f"second__{name}")), default=F(f"first__{name}"))

    return (
        DuplicatePair.objects.filter(Q(first=client) | Q(second=client))
        .filter(status=PairStatus.DIFFERENT, decided_at__isnull=False)
        .annotate(
            other_given_latin=other("given_names_latin"),
            other_family_latin=other("family_name_latin"),
            other_given=other("given_names"),
            other_family=other("family_name"),
        )
    )


# Decisions that this record and another are different people, in the one timeline query.
pair_timeline = TimelineQuery(
    rows=_pair_rows,
    when="decided_at",
    data={
        "given_latin": "other_given_latin",
        "family_latin": "other_family_latin",
        "given": "other_given",
        "family": "other_family",
    },
    entry=_pair_entry,
)


def pair_export(client: Any) -> list[dict[str, Any]]:
    return [
        {
            "other_record": str((pair.second if pair.first_id == client.pk else pair.first).uuid),
            "probability": pair.probability,
            "reasons": pair.reasons,
            "status": pair.status,
            "decided_at": pair.decided_at.isoformat() if pair.decided_at else None,
        }
        for pair in _pairs_of(client)
    ]
