"""The hand-over to Koto-AJ: one client's document (JSON or a printable summary) and a service
point's bulk file."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kotopolku.accounts.permissions import require
from kotopolku.casework.handover import handover_document
from kotopolku.casework.models import Assessment
from kotopolku.casework.views.common import client_for_action
from kotopolku.organisations.models import ServicePoint


def _json_download(document: dict[str, Any], filename: str) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def handover_client(request: HttpRequest, uuid: Any) -> HttpResponse:
    """The client's hand-over: JSON (``?format=json``) or the printable summary."""
    client = client_for_action(request, uuid, "casework.handover")
    document = handover_document([client])
    from kotopolku.audit.services import audit_record

    audit_record(
        actor=request.user, action="casework.handover", target=client, purpose="hand-over to Koto-AJ"
    )
    if request.GET.get("format") == "json":
        return _json_download(document, f"koto-aj-{client.uuid}.json")
    return render(request, "casework/handover.html", {"client": client, "entry": document["clients"][0]})


@login_required
def handover_bulk(request: HttpRequest, point_uuid: Any) -> HttpResponse:
    """Every client of a service point with an assessment or an integration plan, for its
    migration to Koto-AJ."""
    point = ServicePoint.objects.filter(uuid=point_uuid).first() if _is_uuid(point_uuid) else None
    if point is None:
        raise Http404
    require(request.user, "casework.handover_bulk", point)
    from kotopolku.audit.services import audit_record
    from kotopolku.clients.models import Client

    clients = list(
        Client.objects.filter(service_point=point)
        .filter(pk__in=Assessment.objects.filter(service_point=point).values("client_id"))
        .select_related("service_point", "municipality")
        .order_by("id")
    )
    document = handover_document(clients)
    audit_record(
        actor=request.user,
        action="casework.handover_bulk",
        target=point,
        purpose="hand-over to Koto-AJ",
        details={"clients": len(clients)},
    )
    return _json_download(document, f"koto-aj-{point.slug}.json")


def _is_uuid(value: Any) -> bool:
    from uuid import UUID

    try:
        UUID(str(value))
    except ValueError:
        return False
    return True
