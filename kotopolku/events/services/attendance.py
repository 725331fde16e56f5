"""Attendance, anonymous head counts, linking a registration to a client, and workshop outputs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.contacts.languages import is_known_language
from kotopolku.employers.validation import FieldErrors, clean_text
from kotopolku.events.enums import (
    Attendance,
    HeadCountGender,
    RegistrationStatus,
)
from kotopolku.events.models import (
    Event,
    HeadCount,
    Registration,
    WorkshopOutput,
)

if TYPE_CHECKING:
    from kotopolku.accounts.models import User
    from kotopolku.clients.models import Client

MAX_OUTPUT_BYTES = 5 * 1024 * 1024


@transaction.atomic
def attendance_mark(*, registration: Registration, attendance: str, by: User) -> Registration:
    if attendance not in Attendance.values:
        FieldErrors(attendance=[_("Choose present or absent.")]).raise_if_any()
    if registration.status != RegistrationStatus.REGISTERED:
        FieldErrors(attendance=[_("Only a registered person can be marked.")]).raise_if_any()
    registration.attendance = attendance
    registration.save(update_fields=["attendance", "updated_at"])
    audit_record(
        actor=by, action="events.attendance", target=registration, purpose="event registration",
        details={"attendance": attendance},
    )  # fmt: skip
    return registration


@transaction.atomic
def registration_link_client(*, registration: Registration, client: Client | None, by: User) -> Registration:
    """Link a registration to the client it is (their attendance then shows on the timeline)."""
    if client is not None and client.service_point_id != registration.service_point_id:
        FieldErrors(client=[_("The client is not registered at this service point.")]).raise_if_any()
    registration.client = client
    registration.save(update_fields=["client", "updated_at"])
    audit_record(
        actor=by, action="events.link_client", target=registration, purpose="event registration",
        details={"client": str(client.uuid) if client else None},
    )  # fmt: skip
    return registration


@transaction.atomic
def head_count_set(*, event: Event, language: str, gender: str, count: int, by: User) -> HeadCount | None:
    errors = FieldErrors()
    if not is_known_language(language):
        errors.add("language", _("Choose a language from the list."))
    if gender not in HeadCountGender.values:
        errors.add("gender", _("Choose a gender option from the list."))
    if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= 100_000:
        errors.add("count", _("Give a whole number from 0 to 100000."))
    errors.raise_if_any()
    if count == 0:
        HeadCount.objects.filter(event=event, language=language, gender=gender).delete()
        head_count = None
    else:
        head_count, _created = HeadCount.objects.update_or_create(
            event=event, language=language, gender=gender, defaults={"count": count}
        )
    audit_record(
        actor=by, action="events.head_count", target=event,
        details={"language": language, "gender": gender, "count": count},
    )  # fmt: skip
    return head_count


@transaction.atomic
def workshop_output_add(
    *,
    event: Event,
    title: str,
    note: str,
    file_name: str = "",
    content_type: str = "",
    content: bytes = b"",
    by: User,
) -> WorkshopOutput:
    errors = FieldErrors()
    title = clean_text(errors, "title", title, max_length=200, required=True)
    note = clean_text(errors, "note", note, max_length=20000, free=True)
    file_name = clean_text(errors, "file", file_name, max_length=200)
    if len(content) > MAX_OUTPUT_BYTES:
        errors.add("file", _("The file is too large: at most 5 MB."))
    if not note and not content:
        errors.add("note", _("Write a note or attach a file."))
    errors.raise_if_any()
    output = WorkshopOutput.objects.create(
        event=event,
        title=title,
        note=note,
        file_name=file_name,
        content_type=(content_type or "application/octet-stream")[:100],
        content=content,
        added_by=by,
    )
    audit_record(actor=by, action="events.output_add", target=event, details={"output": str(output.uuid)})
    return output
