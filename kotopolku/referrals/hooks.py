"""The referrals app's part in a client's profile, timeline and data export."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can, scope_of
from kotopolku.clients.hooks import ProfileAction, TimelineEntry, TimelineQuery
from kotopolku.clients.timeline import as_uuid, choice_label
from kotopolku.referrals.models import Referral, ReferralEvent
from kotopolku.referrals.selectors import referrals_of_client


def referral_profile_actions(client: Any, user: Any) -> list[ProfileAction]:
    """ "Refer to a partner": the new referral's form opens for this client."""
    if not (can(user, "referrals.create", client) and can(user, "clients.view", client)):
        return []
    url = f"{reverse('referrals:create')}?{urlencode({'client': str(client.uuid)})}"
    return [ProfileAction(label=_("Refer to a partner"), url=url)]


def _referral_entry(when: Any, data: dict[str, Any]) -> TimelineEntry:
    language = get_language() or "fi"
    partner = {"sv": data.get("partner_sv"), "en": data.get("partner_en")}.get(language) or data["partner"]
    return TimelineEntry(
        when=when,
        kind="referral",
        title=_("Referral to %(partner)s: %(event)s")
        % {"partner": partner, "event": choice_label(ReferralEvent, "kind", data["kind"])},
        detail=data.get("note") or "",
        url=reverse("referrals:detail", args=[as_uuid(data["referral"])]),
    )


# Each step of the referrals the user may see, in the client's one timeline query.
referral_timeline = TimelineQuery(
    allowed=lambda client, user: scope_of(user, "referrals.view"),
    rows=lambda client, scope: ReferralEvent.objects.filter(
        referral__in=Referral.objects.filter(client=client).filter(scope.condition()).values("id")
    ),
    when="at",
    data={
        "kind": "kind",
        "note": "note",
        "referral": "referral__uuid",
        "partner": "referral__organisation__name",
        "partner_sv": "referral__organisation__name_sv",
        "partner_en": "referral__organisation__name_en",
    },
    entry=_referral_entry,
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
