"""A client's case at a service point: opened, closed and reopened, and transferred to another
point of the network (asked for, then accepted or declined by the receiving point)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.audit.services import audit_record
from kotopolku.casework.enums import (
    CaseStatus,
    TransferStatus,
)
from kotopolku.casework.models import (
    Assessment,
    Case,
    CaseTransfer,
    Plan,
)
from kotopolku.casework.services.common import timeline_event
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.models import Client, ClientNameKey
from kotopolku.core.versioning import versioned_update
from kotopolku.organisations.models import Network


@transaction.atomic
def case_open(*, client: Client, by: Any, opened_because: str, opening_note: str = "") -> Case:
    if client.status in (ClientStatus.ANONYMISED, ClientStatus.MERGED):
        raise ValidationError(_("This client record can no longer have cases."))
    Client.objects.select_for_update().filter(pk=client.pk).first()
    if Case.objects.filter(client=client, status=CaseStatus.OPEN).exists():
        raise ValidationError({"opened_because": _("The client already has an open case.")})
    if client.status == ClientStatus.CLOSED:
        from kotopolku.clients.services import client_reopen

        client_reopen(client=client, by=by)
    case = Case.objects.create(
        client=client,
        service_point_id=client.service_point_id,
        opened_by=by,
        opened_because=opened_because,
        opening_note=opening_note,
    )
    audit_record(actor=by, action="casework.case_open", target=case, purpose="case opened")
    timeline_event(client=client, kind="case_opened", by=by, because=opened_because)
    return case


@transaction.atomic
def case_close(
    *, case: Case, by: Any, reason: str, closed_on: dt.date | None = None, expected_version: int | None = None
) -> Case:
    """Close the case. When the client has no other open case their record closes too, and the
    retention period counts from this case's closing date."""
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("Only an open case can be closed."))
    closed_on = closed_on or timezone.localdate()
    if closed_on < case.opened_on:
        raise ValidationError({"closed_on": _("A case cannot close before it was opened.")})
    if closed_on > timezone.localdate():
        raise ValidationError({"closed_on": _("The date cannot be in the future.")})
    if CaseTransfer.objects.filter(case=case, status=TransferStatus.REQUESTED).exists():
        raise ValidationError(_("The case has a transfer waiting for an answer."))
    case, _changed = versioned_update(
        case,
        changes={
            "status": CaseStatus.CLOSED,
            "closed_on": closed_on,
            "closed_by": by,
            "close_reason": reason,
        },
        expected_version=expected_version,
    )
    client = Client.objects.select_for_update().get(pk=case.client_id)
    if client.status == ClientStatus.ACTIVE:
        from kotopolku.clients.services import client_close

        client_close(client=client, by=by)
    audit_record(
        actor=by, action="casework.case_close", target=case, purpose="case closed", details={"reason": reason}
    )
    timeline_event(client=client, kind="case_closed", by=by, reason=reason)
    return case


@transaction.atomic
def case_reopen(*, case: Case, by: Any) -> Case:
    if case.status != CaseStatus.CLOSED:
        raise ValidationError(_("Only a closed case can be reopened."))
    if Case.objects.filter(client_id=case.client_id, status=CaseStatus.OPEN).exists():
        raise ValidationError(_("The client already has an open case."))
    case, _changed = versioned_update(
        case, changes={"status": CaseStatus.OPEN, "closed_on": None, "closed_by": None, "close_reason": ""}
    )
    client = Client.objects.select_for_update().get(pk=case.client_id)
    if client.status == ClientStatus.CLOSED:
        from kotopolku.clients.services import client_reopen

        client_reopen(client=client, by=by)
    audit_record(actor=by, action="casework.case_reopen", target=case, purpose="case reopened")
    timeline_event(client=client, kind="case_reopened", by=by)
    return case


# Transfers -------------------------------------------------------------------------------------


@transaction.atomic
def transfer_request(
    *, case: Case, to_service_point: Any, reason: str, client_consented: bool, by: Any
) -> CaseTransfer:
    errors: dict[str, list[str]] = {}
    if case.status != CaseStatus.OPEN:
        errors.setdefault("__all__", []).append(_("Only an open case can be transferred."))
    if to_service_point.pk == case.service_point_id:
        errors.setdefault("to_service_point", []).append(_("The case is already at this service point."))
    elif (
        not Network.objects.filter(service_points=to_service_point)
        .filter(service_points__id=case.service_point_id)
        .exists()
    ):
        errors.setdefault("to_service_point", []).append(
            _("A case can be transferred only within a network the service point belongs to.")
        )
    if not client_consented:
        errors.setdefault("client_consented", []).append(_("The client must agree to the transfer."))
    if not reason.strip():
        errors.setdefault("reason", []).append(_("Give the reason for the transfer."))
    if CaseTransfer.objects.filter(case=case, status=TransferStatus.REQUESTED).exists():
        errors.setdefault("__all__", []).append(_("The case already has a transfer waiting for an answer."))
    if errors:
        raise ValidationError(errors)
    transfer = CaseTransfer.objects.create(
        case=case,
        service_point_id=case.service_point_id,
        to_service_point=to_service_point,
        reason=reason.strip(),
        client_consented=True,
        requested_by=by,
    )
    audit_record(
        actor=by,
        action="casework.transfer_request",
        target=transfer,
        purpose="case transfer",
        details={"to": str(to_service_point.uuid)},
    )
    timeline_event(client=case.client, kind="transfer_requested", by=by, to=to_service_point.name)
    return transfer


@transaction.atomic
def transfer_decide(
    *, transfer: CaseTransfer, accept: bool, by: Any, decline_reason: str = ""
) -> CaseTransfer:
    """The receiving point accepts (the case, the client's record, their assessments and plans
    move there; case notes stay with the point that wrote them) or declines with a reason."""
    transfer = (
        CaseTransfer.objects.select_for_update()
        .select_related("case", "to_service_point")
        .get(pk=transfer.pk)
    )
    if transfer.status != TransferStatus.REQUESTED:
        raise ValidationError(_("This transfer has already been decided."))
    if not accept and not decline_reason.strip():
        raise ValidationError({"decline_reason": _("Give the reason for declining.")})
    transfer.status = TransferStatus.ACCEPTED if accept else TransferStatus.DECLINED
    transfer.decided_by = by
    transfer.decided_at = timezone.now()
    transfer.decline_reason = "" if accept else decline_reason.strip()
    transfer.save(update_fields=["status", "decided_by", "decided_at", "decline_reason", "updated_at"])
    client = Client.objects.select_for_update().get(pk=transfer.case.client_id)
    if accept:
        target = transfer.to_service_point
        versioned_update(transfer.case, changes={"service_point_id": target.pk})
        Client.objects.filter(pk=client.pk).update(service_point=target, updated_at=timezone.now())
        ClientNameKey.objects.filter(client=client).update(service_point=target)
        Assessment.objects.filter(client=client).update(service_point=target)
        Plan.objects.filter(client=client).update(service_point=target)
        client.service_point = target
    audit_record(
        actor=by,
        action="casework.transfer_accept" if accept else "casework.transfer_decline",
        target=transfer,
        purpose="case transfer",
        service_point_id=transfer.to_service_point_id,
    )
    timeline_event(
        client=client,
        kind="transfer_accepted" if accept else "transfer_declined",
        by=by,
        to=transfer.to_service_point.name,
        reason=transfer.decline_reason,
    )
    return transfer
