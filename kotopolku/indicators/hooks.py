"""The indicators app's part in a client's timeline, data export, profile and anonymisation.

Anonymising a client unlinks their participant rows: the entry snapshot (gender, age group,
status …) names no one and keeps the funder's figures as reported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can
from kotopolku.clients.hooks import ProfileAction, TimelineEntry
from kotopolku.indicators.models import EntryCorrection, Participant


def _midday(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def participant_timeline(client: Any, user: Any) -> Iterator[TimelineEntry]:
    if not can(user, "indicators.individuals", client):
        return
    for participant in Participant.objects.filter(client=client).select_related("project"):
        url = reverse("indicators:participant", args=[participant.uuid])
        yield TimelineEntry(
            when=_midday(participant.entered_on),
            kind="esf_entry",
            title=_("Entered the project %(project)s") % {"project": participant.project.name},
            detail=participant.get_labour_status_display(),
            url=url,
        )
        if participant.exited_on:
            yield TimelineEntry(
                when=_midday(participant.exited_on),
                kind="esf_exit",
                title=_("Left the project %(project)s") % {"project": participant.project.name},
                detail=participant.get_exit_reason_display(),
                url=url,
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
