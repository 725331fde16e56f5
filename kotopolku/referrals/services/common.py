"""What the referral services share: the history rows, the actor's label and text cleaning."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.core.text import problem_message, text_problem
from kotopolku.referrals.models import Referral, ReferralEvent


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def clean_free_text(value: str, *, field: str, limit: int, required: bool = False) -> str:
    """A free text (a reason, a note, a message) as stored, by the rules of ``core/text.py``
    (line breaks kept, control and bidi-override characters refused), or ValidationError
    naming ``field``. The edge (form or API schema) checked it already; a caller that is not
    an edge (the e-mailed answer link, the demo) gets the same rules here."""
    text = (value or "").replace("\r\n", "\n")
    code = text_problem(text, multiline=True)
    if code:
        raise ValidationError({field: [problem_message(code)]})
    text = text.strip()
    if required and not text:
        raise ValidationError({field: _("This field is required.")})
    if len(text) > limit:
        raise ValidationError({field: _("Give at most %(limit)d characters.") % {"limit": limit}})
    return text


def actor_label(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return str(user.full_name or user.email)


def add_event(referral: Referral, kind: str, *, by: Any = None, label: str = "", note: str = "") -> None:
    """One row of the referral's history, which the sender sees."""
    ReferralEvent.objects.create(
        referral=referral, at=timezone.now(), kind=kind, actor_label=label or actor_label(by), note=note
    )
