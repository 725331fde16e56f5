"""The employers app's part in a client's timeline and data export: proposals to employers and
placements. Both stay when a client is anonymised (they name no one once the client record is
blank, and placements are the facts behind the funder's results)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.clients.hooks import TimelineEntry
from kotopolku.employers.models import Placement, Proposal


def _midday(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def employment_timeline(client: Any, user: Any) -> Iterator[TimelineEntry]:
    for proposal in Proposal.objects.filter(client=client).select_related("opening__employer"):
        yield TimelineEntry(
            when=proposal.created_at,
            kind="proposal",
            title=_("Proposed to %(employer)s: %(title)s")
            % {"employer": proposal.opening.employer.name, "title": proposal.opening.title},
            detail=proposal.get_result_display(),
        )
    for placement in Placement.objects.filter(client=client).select_related("employer"):
        where = placement.employer.name if placement.employer else placement.organisation_name
        yield TimelineEntry(
            when=_midday(placement.starts_on),
            kind="placement",
            title=_("%(kind)s: %(where)s") % {"kind": placement.get_kind_display(), "where": where},
        )


def employment_export(client: Any) -> dict[str, Any]:
    return {
        "proposals": [
            {
                "id": str(p.uuid),
                "employer": p.opening.employer.name,
                "opening": p.opening.title,
                "consent_given_on": p.consent_given_on.isoformat(),
                "result": p.result,
                "proposed_at": p.created_at.isoformat(),
            }
            for p in Proposal.objects.filter(client=client).select_related("opening__employer")
        ],
        "placements": [
            {
                "id": str(p.uuid),
                "kind": p.kind,
                "employer": p.employer.name if p.employer else None,
                "organisation": p.organisation_name,
                "starts_on": p.starts_on.isoformat(),
                "ends_on": p.ends_on.isoformat() if p.ends_on else None,
            }
            for p in Placement.objects.filter(client=client).select_related("employer")
        ],
        "desired_occupations": list(client.desired_occupations.values_list("isco_code", flat=True)),
    }
