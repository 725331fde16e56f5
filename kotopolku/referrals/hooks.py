"""The referrals app's part in a client's profile, timeline and data export."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can
from kotopolku.clients.hooks import ProfileAction, TimelineEntry
from kotopolku.referrals.selectors import referrals_of_client


def referral_profile_actions(client: Any, user: Any) -> list[ProfileAction]:
    """ "Refer to a partner": the new referral's form opens for this client."""
    if not (can(user, "referrals.create", client) and can(user, "clients.view", client)):
        return []
    url = f"{reverse('referrals:create')}?{urlencode({'client': str(client.uuid)})}"
    return [ProfileAction(label=_("Refer to a partner"), url=url)]


def referral_timeline(client: Any, user: Any) -> Iterator[TimelineEntry]:
    language = get_language() or "fi"
    for referral in referrals_of_client(client=client, user=user):
        partner = referral.organisation.name_in(language)
        url = reverse("referrals:detail", args=[referral.uuid])
        for event in referral.events.all():
            yield TimelineEntry(
                when=event.at,
                kind="referral",
                title=_("Referral to %(partner)s: %(event)s")
                % {"partner": partner, "event": event.get_kind_display()},
                detail=event.note,
                url=url,
            )


def referral_export(client: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": str(referral.uuid),
            "organisation": referral.organisation.name,
            "status": referral.status,
            "reason": referral.reason,
            "message": referral.message,
            "shared_fields": referral.shared_fields,
            "created_at": referral.created_at.isoformat(),
            "sent_at": referral.sent_at.isoformat() if referral.sent_at else None,
            "history": [
                {"at": event.at.isoformat(), "event": event.kind, "note": event.note}
                for event in referral.events.all()
            ],
        }
        for referral in referrals_of_client(client=client)
    ]
