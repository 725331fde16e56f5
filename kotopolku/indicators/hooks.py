"""The indicators app's part in a client's timeline, data export, profile and anonymisation.

Anonymising a client unlinks their participant rows: the entry snapshot (gender, age group,
status …) names no one and keeps the funder's figures as reported."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can
from kotopolku.clients.hooks import ProfileAction, TimelineEntry, TimelineQuery
from kotopolku.clients.timeline import as_uuid, choice_label
from kotopolku.indicators.models import EntryCorrection, Participant


def _participant_allowed(client: Any, user: Any) -> bool:
    return can(user, "indicators.individuals", client)


def _entry_entry(when: Any, data: dict[str, Any]) -> TimelineEntry:
    return TimelineEntry(
        when=when,
        kind="esf_entry",
        title=_("Entered the project %(project)s") % {"project": data["project"]},
        detail=choice_label(Participant, "labour_status", data["labour_status"]),
        url=reverse("indicators:participant", args=[as_uuid(data["uuid"])]),
    )


def _exit_entry(when: Any, data: dict[str, Any]) -> TimelineEntry:
    return TimelineEntry(
        when=when,
        kind="esf_exit",
        title=_("Left the project %(project)s") % {"project": data["project"]},
        detail=choice_label(Participant, "exit_reason", data["exit_reason"]),
        url=reverse("indicators:participant", args=[as_uuid(data["uuid"])]),
    )


# Entering and leaving ESF+ projects, in the client's one timeline query.
participant_timeline = TimelineQuery(
    allowed=_participant_allowed,
    rows=lambda client, allowed: Participant.objects.filter(client=client),
    when="entered_on",
    when_is_date=True,
    data={"uuid": "uuid", "project": "project__name", "labour_status": "labour_status"},
    entry=_entry_entry,
)
participant_exit_timeline = TimelineQuery(
    allowed=_participant_allowed,
    rows=lambda client, allowed: Participant.objects.filter(client=client, exited_on__isnull=False),
    when="exited_on",
    when_is_date=True,
    data={"uuid": "uuid", "project": "project__name", "exit_reason": "exit_reason"},
    entry=_exit_entry,
)


def participant_export(client: Any) -> list[dict[str, Any]]:
    rows = []
    for p in (
        Participant.objects.filter(client=client).select_related("project").prefetch_related("follow_ups")
    ):
        rows.append(
            {
                "id": str(p.uuid),
                "project": p.project.name,
                "funder_code": p.project.funder_code,
                "entered_on": p.entered_on.isoformat(),
                "labour_status": p.labour_status,
                "age_group": p.age_group,
                "isced": p.isced,
                "third_country_national": p.third_country_national,
                "foreign_background": p.foreign_background,
                "disability": p.disability,
                "minority": p.minority,
                "homeless": p.homeless,
                "rural": p.rural,
                "exited_on": p.exited_on.isoformat() if p.exited_on else None,
                "exit_reason": p.exit_reason,
                "exit_status": p.exit_status,
                "follow_ups": [
                    {
                        "kind": f.kind,
                        "done_on": f.done_on.isoformat() if f.done_on else None,
                        "employed": f.employed,
                        "in_education": f.in_education,
                        "qualification": f.qualification,
                        "job_searching": f.job_searching,
                        "improved": f.improved,
                    }
                    for f in p.follow_ups.all()
                ],
            }
        )
    return rows


def participant_profile_actions(client: Any, user: Any) -> list[ProfileAction]:
    if not can(user, "indicators.participants", client):
        return []
    return [ProfileAction(_("Make an ESF+ participant"), reverse("indicators:enrol", args=[client.uuid]))]


def on_client_anonymised(sender: Any, client: Any, **kwargs: Any) -> None:
    # A reason is free text that may name the person; the fields corrected stay.
    EntryCorrection.objects.filter(participant__client=client).update(reason="–", corrected_by=None)
    Participant.objects.filter(client=client).update(client=None, municipality_code="", recorded_by=None)
