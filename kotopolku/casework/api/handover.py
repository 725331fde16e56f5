"""The hand-over of a client's assessment and integration plan to Koto-AJ, as JSON."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest

from kotopolku.casework.api.common import (
    client_for_action,
    router,
)
from kotopolku.casework.handover import handover_document


@router.get(
    "/clients/{client_id}/handover",
    summary="The client's hand-over to Koto-AJ (JSON, see its schema)",
    operation_id="kotopolku_casework_api_get_handover",
)
def get_handover(request: HttpRequest, client_id: UUID) -> dict[str, Any]:
    from kotopolku.audit.services import audit_record

    client = client_for_action(request, client_id, "casework.handover")
    audit_record(
        actor=request.user, action="casework.handover", target=client, purpose="hand-over to Koto-AJ"
    )
    return handover_document([client])
