"""Writes of the client registry. Each service is atomic and audits in the same transaction."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import service_point_reach
from kotopolku.audit.selectors import fields_changed_since
from kotopolku.audit.services import audit_record
from kotopolku.clients import hooks
from kotopolku.clients.enums import ClientStatus, ConsentPurpose
from kotopolku.clients.matching.registration import (
    PossibleDuplicates as PossibleDuplicates,  # raised by client_register; callers catch it from here
)
from kotopolku.clients.matching.registration import (
    registration_check,
    search_keys_refresh,
    serialise_registrations,
)
from kotopolku.clients.models import (
    Client,
    ClientIdentifier,
    ClientLanguage,
    ClientNameKey,
    ClientTeamMember,
    Consent,
)
from kotopolku.clients.selectors import (
    client_export_data,
    retention_due,
    team_candidates,
)
from kotopolku.core.versioning import version_bump, versioned_update
from kotopolku.organisations.models import ServicePoint

if TYPE_CHECKING:
    from kotopolku.accounts.models import User

# The fields a form or the API may set; anything else in ``fields`` is a programming error.
EDITABLE_FIELDS = (
    "given_names",
    "family_name",
    "given_names_latin",
    "family_name_latin",
    "birth_year",
    "birth_month",
    "birth_day",
    "gender",
    "citizenships",
    "phone",
    "email",
    "municipality",
    "arrival_date",
    "residence_basis",
    "permit_type",
    "permit_expires",
    "personal_identity_code",
    "identity_code_is_temporary",
    "responsible_worker",
)

# A client is registered with at least one of these.
NAME_FIELDS = ("given_names", "family_name", "given_names_latin", "family_name_latin")


def _assign(client: Client, fields: Mapping[str, Any]) -> list[str]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    changed = []
    for name, value in fields.items():
        field = Client._meta.get_field(name)
        current = getattr(client, field.attname if field.is_relation else name)  # type: ignore[union-attr]
        new = value.pk if field.is_relation and value is not None else value
        if current != new:
            changed.append(name)
            setattr(client, name, value)
    return changed


def _replace_languages(client: Client, languages: Iterable[Mapping[str, Any]]) -> bool:
    wanted = {
        row["language"]: (row.get("level") or "", bool(row.get("needs_interpreter"))) for row in languages
    }
    current = {row.language: (row.level, row.needs_interpreter) for row in client.languages.all()}
    if wanted == current:
        return False
    client.languages.all().delete()
    ClientLanguage.objects.bulk_create(
        ClientLanguage(client=client, language=code, level=level, needs_interpreter=interpreter)
        for code, (level, interpreter) in wanted.items()
    )
    return True


def _replace_identifiers(client: Client, identifiers: Iterable[Mapping[str, Any]]) -> bool:
    wanted = {
        (row["kind"], row["value"], row.get("issuing_country") or "")
        for row in identifiers
        if row.get("value")
    }
    current = {(row.kind, row.value, row.issuing_country) for row in client.identifiers.all()}
    if wanted == current:
        return False
    client.identifiers.all().delete()
    ClientIdentifier.objects.bulk_create(
        ClientIdentifier(client=client, kind=kind, value=value, issuing_country=country)
        for kind, value, country in sorted(wanted)
    )
    return True


def _check_worker(client: Client) -> None:
    worker = client.responsible_worker
    if worker is None:
        return
    if not worker.memberships.filter(service_point_id=client.service_point_id).exists():
        raise ValidationError(
            {"responsible_worker": _("The responsible worker must be a staff member of this service point.")}
        )


@transaction.atomic
def client_register(
    *,
    service_point: ServicePoint,
    fields: Mapping[str, Any],
    languages: Iterable[Mapping[str, Any]] = (),
    identifiers: Iterable[Mapping[str, Any]] = (),
    consents: Iterable[str] = (),
    by: User,
    confirm_new_person: bool = True,
) -> Client:
    """Register a client with their languages, identifiers and the consents they gave. Unless
    ``confirm_new_person``, the duplicate check runs first, in the same transaction and
    serialised per service point, and likely matches raise ``PossibleDuplicates``."""
    if not any((fields.get(name) or "").strip() for name in NAME_FIELDS):
        raise ValidationError({"given_names": _("Give at least one name: a given name or a family name.")})
    serialise_registrations(service_point)
    identifiers = list(identifiers)
    if not confirm_new_person:
        registration_check(by=by, service_point=service_point, fields=fields, identifiers=identifiers)
    client = Client(service_point=service_point)
    _assign(client, fields)
    _check_worker(client)
    client.save()
    _replace_languages(client, languages)
    _replace_identifiers(client, identifiers)
    search_keys_refresh(client)
    audit_record(actor=by, action="clients.register", target=client, purpose="client service")
    if service_point.pk in service_point_reach(by, "clients.view").narrowed:
        # Registered by a network's staff member (the region's permit expert at a member point):
        # they work with the client from the start, so they keep seeing the record they made.
        _team_add(client=client, user=by, by=by, reason=_("registered the client"))
    for purpose in dict.fromkeys(consents):
        consent_record(client=client, purpose=purpose, by=by)
    return client


TEAM_PURPOSE = "client service"


@transaction.atomic
def client_team_add(*, client: Client, user: User, by: User, reason: str = "") -> ClientTeamMember:
    """Bring ``user`` onto the client's team: a staff member of the client's service point or of
    one of its networks, who then reaches the client through a network role too. Audited."""
    if client.status in (ClientStatus.ANONYMISED, ClientStatus.MERGED):
        raise ValidationError(_("An anonymised or merged record has no team."))
    if not team_candidates(client=client).filter(pk=user.pk).exists():
        raise ValidationError(
            {"user": _("Choose a staff member of this service point or of one of its networks.")}
        )
    return _team_add(client=client, user=user, by=by, reason=reason)


def _team_add(*, client: Client, user: User, by: User, reason: str) -> ClientTeamMember:
    already = _("%(name)s is already on the client's team.") % {"name": user.full_name or user.email}
    if ClientTeamMember.objects.current().filter(client=client, user=user).exists():
        raise ValidationError({"user": already})
    try:
        with transaction.atomic():
            member = ClientTeamMember.objects.create(
                client=client, user=user, added_by=by, added_at=timezone.now(), reason=reason[:200]
            )
    except IntegrityError:  # added by someone else a moment ago
        raise ValidationError({"user": already}) from None
    audit_record(
        actor=by,
        action="clients.team_add",
        target=client,
        purpose=TEAM_PURPOSE,
        details={
            "member": str(user.uuid),
            "member_name": user.full_name or user.email,
            "reason": reason[:200],
        },
    )
    return member


@transaction.atomic
def client_team_remove(*, member: ClientTeamMember, by: User) -> ClientTeamMember:
    """Take a staff member off the client's team; the row stays with who removed them and when."""
    member = ClientTeamMember.objects.select_for_update().select_related("client", "user").get(pk=member.pk)
    if member.removed_at is not None:
        raise ValidationError(_("This staff member has already been removed from the team."))
    member.removed_at = timezone.now()
    member.removed_by = by
    member.save(update_fields=["removed_at", "removed_by", "updated_at"])
    audit_record(
        actor=by,
        action="clients.team_remove",
        target=member.client,
        purpose=TEAM_PURPOSE,
        details={"member": str(member.user.uuid), "member_name": member.user.full_name or member.user.email},
    )
    return member


@transaction.atomic
def client_update(
    *,
    client: Client,
    fields: Mapping[str, Any],
    languages: Iterable[Mapping[str, Any]] | None = None,
    identifiers: Iterable[Mapping[str, Any]] | None = None,
    by: User,
    expected_version: int | None = None,
) -> list[str]:
    """Correct a client's data; returns the names of the fields that changed (audited, values not).

    The row is re-read under a lock and only the fields that differ from it are written, so a
    colleague's save a moment earlier is never overwritten. ``expected_version`` is the version
    the user's copy was read at: a stale one raises ``StaleVersion`` and nothing is written.
    ``client`` is brought up to date with the stored row.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    current = Client.objects.select_for_update().get(pk=client.pk)
    if current.status == ClientStatus.ANONYMISED:
        raise ValidationError(_("An anonymised record cannot be changed."))
    locked, changed = versioned_update(current, changes=fields, expected_version=expected_version)
    if not any(getattr(locked, name).strip() for name in NAME_FIELDS):
        raise ValidationError({"given_names": _("Give at least one name: a given name or a family name.")})
    if "responsible_worker" in changed:
        _check_worker(locked)
    if languages is not None and _replace_languages(locked, languages):
        changed.append("languages")
    if identifiers is not None and _replace_identifiers(locked, identifiers):
        changed.append("identifiers")
    if changed and locked.version == current.version:  # only the lists changed
        version_bump(locked)
    if changed:
        search_keys_refresh(locked, changed)
        audit_record(
            actor=by,
            action="clients.change",
            target=locked,
            purpose="correction",
            details={"fields": sorted(changed), "version": locked.version},
        )
    for field in Client._meta.concrete_fields:
        setattr(client, field.attname, getattr(locked, field.attname))
    return changed


def client_changes_since(*, client: Client, version: int) -> list[str]:
    """The fields others changed since ``version``: what a stale save is told about."""
    return fields_changed_since(target=client, version=version)


@transaction.atomic
def client_read_record(*, client: Client, by: User, purpose: str = "client service") -> None:
    """Audit a read of the client's personal data (profile page, API read)."""
    audit_record(actor=by, action="clients.view", target=client, purpose=purpose)


@transaction.atomic
def consent_record(*, client: Client, purpose: ConsentPurpose | str, by: User) -> Consent:
    if client.status == ClientStatus.ANONYMISED:
        raise ValidationError(_("An anonymised record cannot be changed."))
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Choose a purpose from the list.")})
    if Consent.objects.in_force().filter(client=client, purpose=purpose).exists():
        raise ValidationError({"purpose": _("This consent is already in force.")})
    consent = Consent.objects.create(client=client, purpose=purpose, given_at=timezone.now(), recorded_by=by)
    audit_record(
        actor=by,
        action="clients.consent_record",
        target=client,
        purpose="consent",
        details={"consent": str(consent.uuid), "consent_purpose": str(purpose)},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, by: User) -> Consent:
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise ValidationError(_("This consent has already been withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = by
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    audit_record(
        actor=by,
        action="clients.consent_withdraw",
        target=consent.client,
        purpose="consent",
        details={"consent": str(consent.uuid), "consent_purpose": consent.purpose},
    )
    return consent


@transaction.atomic
def client_close(*, client: Client, by: User) -> Client:
    """Close the client's case; the retention period starts from here."""
    if client.status != ClientStatus.ACTIVE:
        raise ValidationError(_("Only an active case can be closed."))
    client.status = ClientStatus.CLOSED
    client.closed_at = timezone.now()
    client.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(actor=by, action="clients.close", target=client, purpose="case closed")
    return client


@transaction.atomic
def client_reopen(*, client: Client, by: User) -> Client:
    if client.status != ClientStatus.CLOSED:
        raise ValidationError(_("Only a closed case can be reopened."))
    client.status = ClientStatus.ACTIVE
    client.closed_at = None
    client.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(actor=by, action="clients.reopen", target=client, purpose="case reopened")
    return client


@transaction.atomic
def client_anonymise(*, client: Client, by: User | None, reason: str = "erasure request") -> Client:
    """Blank the personal data irreversibly; what statistics need stays.

    Kept: service point, birth year, gender, citizenships, municipality, residence basis, the
    languages and interpreter need, status dates. Removed: names (replaced by a pseudonym),
    birth month and day, contact details, identity code, identifiers, permit details, arrival
    date, responsible worker, consents and search keys. Other apps blank their free text on
    ``hooks.client_anonymised``.
    """
    client = Client.objects.select_for_update().get(pk=client.pk)
    if client.status == ClientStatus.ANONYMISED:
        raise ValidationError(_("This record has already been anonymised."))
    client.given_names = ""
    client.family_name = ""
    client.given_names_latin = ""
    client.other_names = []
    client.family_name_latin = f"Anon-{uuid_module.uuid4().hex[:8]}"
    client.birth_month = None
    client.birth_day = None
    client.phone = ""
    client.email = ""
    client.personal_identity_code = ""
    client.identity_code_is_temporary = False
    client.permit_type = ""
    client.permit_expires = None
    client.arrival_date = None
    client.responsible_worker = None
    client.status = ClientStatus.ANONYMISED
    client.anonymised_at = timezone.now()
    client.version += 1  # a copy read before the erasure must not be saved over it
    client.save()
    client.identifiers.all().delete()
    client.consents.all().delete()
    ClientNameKey.objects.filter(client=client).delete()
    hooks.client_anonymised.send(sender=Client, client=client)
    audit_record(actor=by, action="clients.erase", target=client, purpose=reason[:200])
    return client


def retention_run(*, now: dt.datetime | None = None, by: User | None = None) -> list[str]:
    """Anonymise every client past the retention period, each in its own transaction."""
    done = []
    for client in retention_due(now=now):
        client_anonymise(client=client, by=by, reason="retention period")
        done.append(str(client.uuid))
    return done


@transaction.atomic
def client_export(*, client: Client, by: User, form: str = "json") -> dict[str, Any]:
    """The data subject's copy of their data; the export itself is audited."""
    data = client_export_data(client=client)
    audit_record(
        actor=by,
        action="clients.export",
        target=client,
        purpose="data subject access request",
        details={"form": form},
    )
    return data
