"""Writing desk contacts: log, correct, remove. Each writes its audit event in the same transaction."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can
from kotopolku.audit.services import audit_record
from kotopolku.contacts.enums import Channel, ContactOutcome, Interpreter
from kotopolku.contacts.languages import is_known_language
from kotopolku.contacts.models import (
    MAX_DURATION_MINUTES,
    MAX_NOTE_LENGTH,
    ClientGroup,
    Contact,
    ContactTopic,
    Topic,
)
from kotopolku.contacts.tallies import contact_tally, tallies_apply, tallies_change
from kotopolku.core.versioning import version_bump, versioned_update

if TYPE_CHECKING:
    from kotopolku.clients.models import Client
    from kotopolku.organisations.models import Organisation, ServicePoint

# A contact may be logged a little ahead of the server clock (a tablet's clock drifts), and
# afterwards for up to a year (paper forms of an outreach week are typed in later).
FUTURE_TOLERANCE = timedelta(minutes=10)
PAST_LIMIT = timedelta(days=366)
MAX_TOPICS = 20

# Bidirectional embeddings, overrides and isolates: they reorder what a reader sees (U+202E).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


# The single-valued fields of ContactData that map one-to-one onto Contact.
CONTACT_FIELDS = (
    "channel",
    "language",
    "interpreter",
    "client_group",
    "duration_minutes",
    "outcome",
    "organisation",
    "note",
    "client",
    "happened_at",
)


@dataclass
class ContactData:
    """What an advisor enters for one contact, already parsed into objects."""

    channel: str
    language: str
    topics: Sequence[Topic]
    duration_minutes: int
    outcome: str
    interpreter: str = Interpreter.NONE
    client_group: ClientGroup | None = None
    organisation: Organisation | None = None
    note: str = ""
    client: Client | None = None
    happened_at: datetime | None = None
    # The advisor saw the warning that the note of an anonymous contact seems to hold personal
    # data, and confirmed that it does not.
    note_confirmed: bool = False


def clean_note(value: str) -> str:
    """The note as stored, or ValidationError: no control or bidi-override characters."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > MAX_NOTE_LENGTH:
        raise ValidationError(
            _("The note is too long: at most %(limit)d characters.") % {"limit": MAX_NOTE_LENGTH}
        )
    if _BIDI_CONTROLS.search(text) or any(
        unicodedata.category(char) == "Cc" and char not in "\n\t" for char in text
    ):
        raise ValidationError(_("The note contains control characters. Remove them and try again."))
    return text


# A Finnish identity code: DDMMYY, the century sign, the individual number and the check character.
_IDENTITY_CODE = re.compile(
    r"(?<![0-9a-z])\d{6}[-+a-fu-y]\d{3}[0-9abcdefhjklmnprstuvwxy](?![0-9a-z])", re.IGNORECASE
)
_EMAIL_ADDRESS = re.compile(r"[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}", re.IGNORECASE)


def personal_data_in_note(text: str) -> list[str]:
    """What in a note looks like personal data: an identity code, a phone number, an e-mail
    address (named in the user's language). Names cannot be told from other words."""
    found = []
    if _IDENTITY_CODE.search(text):
        found.append(_("an identity code"))
    if next(iter(phonenumbers.PhoneNumberMatcher(text, "FI")), None) is not None:
        found.append(_("a phone number"))
    if _EMAIL_ADDRESS.search(text):
        found.append(_("an e-mail address"))
    return found


def personal_data_warning(found: Sequence[str]) -> str:
    return _(
        "An anonymous contact holds no personal data, but the note seems to contain %(what)s. "
        "Remove it, or confirm that the note may be saved as written."
    ) % {"what": ", ".join(found)}


def topics_by_code(codes: Iterable[str]) -> list[Topic]:
    """The active topics with these codes, in code-list order; unknown codes are refused."""
    wanted = list(dict.fromkeys(str(code) for code in codes))
    found = {topic.code: topic for topic in Topic.objects.filter(code__in=wanted, active=True)}
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise ValidationError(
            {"topics": _("Unknown topic: %(codes)s.") % {"codes": ", ".join(c[:40] for c in unknown[:5])}}
        )
    return sorted(found.values(), key=lambda topic: (topic.order, topic.code))


def contact_errors(
    *, service_point: ServicePoint, data: ContactData, existing: Contact | None, by: Any = None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if data.channel not in Channel.values:
        add("channel", _("Choose a channel from the list."))
    if data.interpreter not in Interpreter.values:
        add("interpreter", _("Choose an interpreter option from the list."))
    if data.outcome not in ContactOutcome.values:
        add("outcome", _("Choose an outcome from the list."))
    if not isinstance(data.language, str) or not is_known_language(data.language):
        add("language", _("Choose a language from the list."))
    if not data.topics:
        add("topics", _("Choose at least one topic."))
    elif len(data.topics) > MAX_TOPICS:
        add("topics", _("Choose at most %(limit)d topics.") % {"limit": MAX_TOPICS})
    if (
        isinstance(data.duration_minutes, bool)
        or not isinstance(data.duration_minutes, int)
        or not 1 <= data.duration_minutes <= MAX_DURATION_MINUTES
    ):
        add(
            "duration_minutes",
            _("Give the duration in whole minutes, from 1 to %(limit)d.") % {"limit": MAX_DURATION_MINUTES},
        )
    try:
        data.note = clean_note(data.note)
    except ValidationError as error:
        errors.setdefault("note", []).extend(error.messages)
    else:
        found = personal_data_in_note(data.note) if data.client is None and not data.note_confirmed else []
        if found:
            add("note", personal_data_warning(found))
    if data.client is not None and (
        data.client.service_point_id != service_point.pk or not _may_link(by, data.client, existing)
    ):
        # One message for both: a client the user may not see is not told apart from none.
        add("client", _("The client is not registered at this service point."))
    if data.happened_at is not None:
        now = timezone.now()
        if timezone.is_naive(data.happened_at):
            add("happened_at", _("Give the time with a time zone."))
        elif data.happened_at > now + FUTURE_TOLERANCE:
            add("happened_at", _("The time is in the future."))
        elif existing is None and data.happened_at < now - PAST_LIMIT:
            add("happened_at", _("The time is more than a year ago."))
    return errors


def contact_link_refused_record(*, by: Any, client_reference: object) -> None:
    """Audit a refused link to a client as a denied attempt, although the caller answers it as
    a field error (the same answer as for no such client, so nothing is told about other
    service points). A client that exists is named, so its service point sees the attempt."""
    from kotopolku.audit.enums import Outcome
    from kotopolku.clients.models import Client

    reference = str(client_reference or "").strip()
    if not reference:
        return
    try:
        client = Client.objects.filter(uuid=reference).only("id", "uuid", "service_point_id").first()
    except ValidationError:
        client = None
    audit_record(
        actor=by,
        action="contacts.link_client",
        target=client,
        target_type="clients.client",
        target_id="" if client is not None else reference[:64],
        purpose="desk contact",
        outcome=Outcome.DENIED,
        details={"field": "client", "found": client is not None},
    )


def _may_link(by: Any, client: Client, existing: Contact | None) -> bool:
    """Whether ``by`` may link the contact to ``client``: a client they may see (a network role
    reaches only the clients it works with); a link already on the contact stays."""
    if by is None or (existing is not None and existing.client_id == client.pk):
        return True
    return can(by, "clients.view", client)


def _validate_or_raise(
    *, service_point: ServicePoint, data: ContactData, existing: Contact | None, by: Any
) -> None:
    errors = contact_errors(service_point=service_point, data=data, existing=existing, by=by)
    if errors:
        raise ValidationError(errors)


def _set_topics(contact: Contact, topics: Sequence[Topic]) -> None:
    """Link the topics to the contact in one statement.

    Saving a contact is the busiest write of the product: a plain multi-row INSERT (built once
    per row count from the model) costs a fraction of ``bulk_create``, which also compiles the
    query and reads back ids nobody uses. No signals are lost: ``bulk_create`` sends none."""
    topic_ids = list(dict.fromkeys(topic.pk for topic in topics))
    if not topic_ids:
        return
    happened_at = ContactTopic._meta.get_field("happened_at").get_db_prep_save(
        contact.happened_at, connection
    )
    params: list[Any] = []
    for topic_id in topic_ids:
        params += [contact.pk, topic_id, contact.service_point_id, happened_at]
    with connection.cursor() as cursor:
        cursor.execute(_topic_links_sql(len(topic_ids)), params)


@cache
def _topic_links_sql(rows: int) -> str:
    quote = connection.ops.quote_name
    meta = ContactTopic._meta
    column = {field.name: field.column for field in meta.concrete_fields}
    columns = [quote(column[name]) for name in ("contact", "topic", "service_point", "happened_at")]
    values = ", ".join(["(%s, %s, %s, %s)"] * rows)
    # Identifiers from the model only, quoted; every value is a parameter.
    return f"INSERT INTO {quote(meta.db_table)} ({', '.join(columns)}) VALUES {values}"  # noqa: S608


def _audit_details(contact: Contact, topics: Sequence[Topic], **extra: Any) -> dict[str, Any]:
    # Codes and flags only: never the note, never the client's identity.
    return {
        "channel": contact.channel,
        "topics": [topic.code for topic in topics],
        "anonymous": contact.is_anonymous,
        **extra,
    }


@transaction.atomic
def contact_log(*, service_point: ServicePoint, data: ContactData, by: Any) -> Contact:
    """Record one desk contact at ``service_point`` (the caller has checked ``contacts.log`` there)."""
    _validate_or_raise(service_point=service_point, data=data, existing=None, by=by)
    contact = Contact(
        service_point=service_point,
        happened_at=data.happened_at or timezone.now(),
        channel=data.channel,
        language=data.language,
        interpreter=data.interpreter,
        client_group=data.client_group,
        duration_minutes=data.duration_minutes,
        outcome=data.outcome,
        organisation=data.organisation,
        note=data.note,
        client=data.client,
        logged_by=by,
    )
    contact.save()
    _set_topics(contact, data.topics)
    tallies_apply(contact_tally(contact, [topic.pk for topic in data.topics]))
    audit_record(
        actor=by, action="contacts.log", target=contact, details=_audit_details(contact, data.topics)
    )
    return contact


@transaction.atomic
def contact_update(
    *, contact: Contact, data: ContactData, by: Any, as_action: str, expected_version: int | None = None
) -> Contact:
    """Correct a contact. ``as_action`` is the permission the caller checked (edit_own or correct).

    The row is re-read under a lock and only what differs from it is written; a stale
    ``expected_version`` raises ``StaleVersion`` and nothing is written.
    """
    current = Contact.objects.select_for_update().get(pk=contact.pk)
    _validate_or_raise(service_point=current.service_point, data=data, existing=current, by=by)
    changes = {
        name: getattr(data, name)
        for name in CONTACT_FIELDS
        if not (name == "happened_at" and data.happened_at is None)
    }
    locked, changed = versioned_update(current, changes=changes, expected_version=expected_version)
    old_topics = set(locked.topic_links.values_list("topic_id", flat=True))
    new_topics = {topic.pk for topic in data.topics}
    if old_topics != new_topics:
        locked.topic_links.exclude(topic_id__in=new_topics).delete()
        _set_topics(locked, [topic for topic in data.topics if topic.pk not in old_topics])
        changed.append("topics")
        if locked.version == current.version:
            version_bump(locked)
    if "happened_at" in changed:
        locked.topic_links.update(happened_at=locked.happened_at)
    # The day tallies follow (one statement, none when nothing they count changed).
    tallies_change(contact_tally(current, old_topics), contact_tally(locked, new_topics))
    if changed:
        audit_record(
            actor=by,
            action=as_action,
            target=locked,
            details=_audit_details(locked, data.topics, fields=sorted(changed), version=locked.version),
        )
    return locked


@transaction.atomic
def contact_delete(*, contact: Contact, by: Any) -> None:
    """Remove a wrong contact; the audit log keeps that it existed and who removed it."""
    # The stored row, locked: a correction saved since ``contact`` was read moved its tallies.
    stored = Contact.objects.select_for_update().get(pk=contact.pk)
    topics = list(stored.topics.all())
    audit_record(
        actor=by,
        action="contacts.delete",
        target=contact,
        details=_audit_details(contact, topics, happened_on=contact.happened_at.date().isoformat()),
    )
    tallies_change(contact_tally(stored, [topic.pk for topic in topics]), Counter())
    contact.delete()


@transaction.atomic
def contact_notes_blank(*, client: Client) -> int:
    """Blank the notes of a client's contacts (anonymisation); the statistics stay."""
    return Contact.objects.filter(client=client).exclude(note="").update(note="", updated_at=timezone.now())
