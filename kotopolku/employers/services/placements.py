"""Proposing a client to an employer (with consent), the employer's answer, and placements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.clients.enums import ClientStatus
from kotopolku.core.versioning import versioned_update
from kotopolku.employers.enums import (
    OpeningStatus,
    PlacementKind,
    ProposalResult,
)
from kotopolku.employers.models import (
    Employer,
    JobOpening,
    Placement,
    Proposal,
)
from kotopolku.employers.validation import (
    FieldErrors,
    check_choice,
    check_date_order,
    clean_text,
)

if TYPE_CHECKING:
    from kotopolku.accounts.models import User
    from kotopolku.clients.models import Client


@transaction.atomic
def proposal_create(
    *, opening: JobOpening, client: Client, consent_given_on: dt.date | None, reasons: Sequence[str], by: User
) -> Proposal:
    """Propose ``client`` to the employer for ``opening``. The client's data goes to the employer
    only with the client's consent, whose date the advisor records here."""
    errors = FieldErrors()
    if consent_given_on is None:
        errors.add("consent_given_on", _("Record the date the client agreed to be proposed to the employer."))
    elif consent_given_on > timezone.localdate():
        errors.add("consent_given_on", _("The date is in the future."))
    if client.status != ClientStatus.ACTIVE:
        errors.add("client", _("Only an active client can be proposed."))
    if opening.status != OpeningStatus.OPEN:
        errors.add("opening", _("The opening is no longer open."))
    if Proposal.objects.filter(opening=opening, client=client).exists():
        errors.add("client", _("The client has already been proposed for this opening."))
    errors.raise_if_any()
    assert consent_given_on is not None  # checked above
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                opening=opening,
                client=client,
                service_point_id=client.service_point_id,
                consent_given_on=consent_given_on,
                proposed_by=by,
                reasons=[str(reason)[:200] for reason in reasons][:10],
            )
    except IntegrityError:
        FieldErrors(client=[_("The client has already been proposed for this opening.")]).raise_if_any()
        raise
    audit_record(
        actor=by,
        action="employers.propose",
        target=client,
        purpose="proposing a client to an employer",
        details={
            "opening": str(opening.uuid),
            "employer": str(opening.employer.uuid),
            "proposal": str(proposal.uuid),
        },
    )
    return proposal


@transaction.atomic
def proposal_result_record(
    *, proposal: Proposal, result: str, note: str, expected_version: int | None, by: User
) -> Proposal:
    errors = FieldErrors()
    check_choice(errors, "result", result, ProposalResult, _("Choose a result from the list."))
    note = clean_text(errors, "result_note", note, max_length=2000, free=True)
    errors.raise_if_any()
    proposal, changed = versioned_update(
        proposal, changes={"result": result, "result_note": note}, expected_version=expected_version
    )
    if changed:
        audit_record(
            actor=by,
            action="employers.proposal_result",
            target=proposal.client,
            purpose="proposing a client to an employer",
            details={"proposal": str(proposal.uuid), "result": result},
        )
    return proposal


@dataclass
class PlacementData:
    kind: str
    starts_on: dt.date | None
    ends_on: dt.date | None = None
    employer: Employer | None = None
    organisation_name: str = ""
    opening: JobOpening | None = None


@transaction.atomic
def placement_create(*, client: Client, data: PlacementData, by: User) -> Placement:
    errors = FieldErrors()
    check_choice(errors, "kind", data.kind, PlacementKind, _("Choose a kind of placement from the list."))
    if data.starts_on is None:
        errors.add("starts_on", _("This field is required."))
    check_date_order(
        errors, "ends_on", data.starts_on, data.ends_on, _("The placement ends before it starts.")
    )
    organisation_name = clean_text(errors, "organisation_name", data.organisation_name, max_length=200)
    if data.employer is None and not organisation_name:
        errors.add("employer", _("Choose the employer, or name the school or other organisation."))
    if client.status == ClientStatus.ANONYMISED:
        errors.add("client", _("An anonymised record cannot be changed."))
    errors.raise_if_any()
    assert data.starts_on is not None  # checked above
    placement = Placement.objects.create(
        client=client,
        service_point_id=client.service_point_id,
        employer=data.employer,
        organisation_name=organisation_name,
        opening=data.opening,
        kind=data.kind,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        recorded_by=by,
    )
    audit_record(
        actor=by,
        action="employers.placement",
        target=client,
        purpose="recording a placement",
        details={"placement": str(placement.uuid), "kind": data.kind},
    )
    return placement
