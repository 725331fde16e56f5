"""Case notes, and the blanking of case work's free text when a client is anonymised."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.casework.models import (
    Assessment,
    Case,
    CaseEvent,
    CaseNote,
    CaseTransfer,
    FollowUp,
    Plan,
)
from kotopolku.clients.enums import ConsentPurpose
from kotopolku.clients.models import Client, Consent


def has_special_category_consent(client: Client) -> bool:
    return Consent.objects.in_force().filter(client=client, purpose=ConsentPurpose.SPECIAL_CATEGORY).exists()


@transaction.atomic
def note_add(*, client: Client, service_point: Any, text: str, special_category: bool, by: Any) -> CaseNote:
    if special_category and not has_special_category_consent(client):
        raise ValidationError(
            {
                "special_category": _(
                    "The client has not consented to special-category data being recorded. "
                    "Record the consent first, or leave such data out of the note."
                )
            }
        )
    note = CaseNote.objects.create(
        client=client, service_point=service_point, author=by, text=text, special_category=special_category
    )
    audit_record(actor=by, action="casework.note_add", target=note, purpose="case notes")
    return note


@transaction.atomic
def casework_blank_free_text(*, client: Client) -> None:
    """Anonymisation: the free text written about the client goes; dates, statuses and codes stay
    for statistics."""
    CaseNote.objects.filter(client=client).update(text="")
    Assessment.objects.filter(client=client).update(family_situation="", own_goals="", service_needs_note="")
    Plan.objects.filter(client=client).update(summary="", ended_reason="")
    FollowUp.objects.filter(plan__client=client).update(notes="")
    CaseTransfer.objects.filter(case__client=client).update(reason="", decline_reason="")
    Case.objects.filter(client=client).update(opening_note="")
    CaseEvent.objects.filter(client=client).update(details={})
