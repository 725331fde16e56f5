"""The duplicates app in a client's timeline and data export (``clients.hooks``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from kotopolku.clients.hooks import TimelineEntry
from kotopolku.duplicates.models import DuplicatePair, PairStatus


def _pairs_of(client: Any) -> Any:
    return DuplicatePair.objects.filter(Q(first=client) | Q(second=client)).select_related("first", "second")


def pair_timeline(client: Any, user: Any) -> list[TimelineEntry]:
    """Decisions that this record and another are different people."""
    entries = []
    for pair in _pairs_of(client).filter(status=PairStatus.DIFFERENT, decided_at__isnull=False):
        other = pair.second if pair.first_id == client.pk else pair.first
        entries.append(
            TimelineEntry(
                when=pair.decided_at,
                kind="duplicates",
                title=_("Judged a different person from another record"),
                detail=other.display_name,
            )
        )
    return entries


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
