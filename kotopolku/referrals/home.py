"""The referrals app's panels on the home page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kotopolku.referrals.enums import ReferralStatus
from kotopolku.referrals.selectors import DEFAULT_WAITING_DAYS, ReferralQuery, partner_inbox, referral_list
from kotopolku.referrals.services import referral_list_read_record

SHOWN = 5


def inbox_context(request: HttpRequest) -> dict[str, Any] | None:
    """Partner staff: the newest referrals waiting for an answer."""
    waiting = partner_inbox(user=request.user, status=ReferralStatus.SENT)
    rows = list(waiting[:SHOWN])
    if not rows:
        return None
    referral_list_read_record(referrals=rows, by=request.user, action="referrals.partner_view")
    return {"rows": rows, "count": waiting.count()}


def waiting_context(request: HttpRequest) -> dict[str, Any] | None:
    """Senders: referrals the partner has not answered in a week ("did my referral arrive?")."""
    waiting = referral_list(user=request.user, query=ReferralQuery(waiting_days=DEFAULT_WAITING_DAYS))
    rows = list(waiting[:SHOWN])
    if not rows:
        return None
    referral_list_read_record(referrals=rows, by=request.user)
    return {"rows": rows, "count": waiting.count(), "days": DEFAULT_WAITING_DAYS}
