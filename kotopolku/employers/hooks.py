"""The employers app's part in a client's timeline and data export: proposals to employers and
placements. Both stay when a client is anonymised (they name no one once the client record is
blank, and placements are the facts behind the funder's results)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from kotopolku.clients.hooks import TimelineEntry, TimelineQuery
from kotopolku.clients.timeline import choice_label
from kotopolku.employers.models import Placement, Proposal


def _proposal_entry(when: Any, data: dict[str, Any]) -> TimelineEntry:
    return TimelineEntry(
        when=when,
        kind="proposal",
        title=_("Proposed to %(employer)s: %(title)s")
        % {"employer": data["employer"], "title": data["title"]},
        detail=choice_label(Proposal, "result", data["result"]),
    )


def _placement_entry(when: Any, data: dict[str, Any]) -> TimelineEntry:
    return TimelineEntry(
        when=when,
        kind="placement",
        title=_("%(kind)s: %(where)s")
        % {
            "kind": choice_label(Placement, "kind", data["kind"]),
            "where": data["employer"] or data["organisation"],
        },
    )


# Proposals to employers and placements, in the client's one timeline query.
employment_timeline = TimelineQuery(
    rows=lambda client, allowed: Proposal.objects.filter(client=client),
    when="created_at",
    data={"employer": "opening__employer__name", "title": "opening__title", "result": "result"},
    entry=_proposal_entry,
)
placement_timeline = TimelineQuery(
    rows=lambda client, allowed: Placement.objects.filter(client=client),
    when="starts_on",
    when_is_date=True,
    data={"kind": "kind", "employer": "employer__name", "organisation": "organisation_name"},
    entry=_placement_entry,
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
