"""Pages of duplicate handling: live duplicate suggestions for the registration form (an htmx
fragment), the possible duplicates of a record, and comparing two records to merge them."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.audit.services import audit_record
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.matching.duplicate_check import client_duplicate_candidates
from kotopolku.clients.matching.services import client_merge, merge_plan
from kotopolku.clients.models import Client
from kotopolku.organisations.models import ServicePoint

_TEXT_FIELDS = (
    "given_names",
    "family_name",
    "given_names_latin",
    "family_name_latin",
    "phone",
    "email",
    "gender",
)
_MAX_FIELD = 200


def _int(value: str | None, low: int, high: int) -> int | None:
    try:
        number = int((value or "").strip()[:6])
    except ValueError:
        return None
    return number if low <= number <= high else None


def _registration_point(request: HttpRequest) -> ServicePoint | None:
    """The service point named in the request (by UUID), else the user's only one."""
    allowed = service_point_ids(request.user, "clients.register")
    wanted = (request.GET.get("service_point") or "").strip()[:64]
    points = ServicePoint.objects.filter(pk__in=allowed)
    if wanted:
        try:
            return points.filter(uuid=wanted).first()
        except ValidationError:
            return None
    return points.first() if len(allowed) == 1 else None


@login_required
def duplicates_fragment(request: HttpRequest) -> HttpResponse:
    """GET /clients/duplicates/?given_names=…&family_name=…&given_names_latin=…&
    family_name_latin=…&birth_year=…&birth_month=…&birth_day=…&phone=…&
    personal_identity_code=…&service_point=<uuid> → an HTML fragment listing likely duplicates."""
    require(request.user, "clients.register")
    point = _registration_point(request)
    fields: dict[str, Any] = {
        name: (request.GET.get(name) or "")[:_MAX_FIELD] for name in (*_TEXT_FIELDS, "personal_identity_code")
    }
    fields["personal_identity_code"] = fields["personal_identity_code"][:11]
    fields["birth_year"] = _int(request.GET.get("birth_year"), 1900, 2100)
    fields["birth_month"] = _int(request.GET.get("birth_month"), 1, 12)
    fields["birth_day"] = _int(request.GET.get("birth_day"), 1, 31)
    duplicates = (
        client_duplicate_candidates(user=request.user, service_point=point, **fields) if point else []
    )
    return render(request, "clients/matching/duplicates_fragment.html", {"duplicates": duplicates})


def _client(request: HttpRequest, uuid: Any, action: str) -> Client:
    client = Client.objects.select_related("service_point").filter(uuid=uuid).first()
    if client is None:
        raise Http404
    require(request.user, action, client)
    return client


@login_required
def client_duplicates(request: HttpRequest, uuid: Any) -> HttpResponse:
    """The likely duplicates of one record, each with a link to compare and merge."""
    client = _client(request, uuid, "clients.view")
    if client.status in (ClientStatus.MERGED, ClientStatus.ANONYMISED):
        raise Http404
    duplicates = client_duplicate_candidates(
        user=request.user,
        service_point=client.service_point,
        given_names=client.given_names,
        family_name=client.family_name,
        given_names_latin=client.given_names_latin,
        family_name_latin=client.family_name_latin,
        birth_year=client.birth_year,
        birth_month=client.birth_month,
        birth_day=client.birth_day,
        phone=client.phone,
        personal_identity_code=client.personal_identity_code,
        gender=client.gender,
        citizenships=client.citizenships,
        email=client.email,
        municipality=client.municipality_id,
        identifiers=[identifier.value for identifier in client.identifiers.all()],
        exclude=client,
    )
    return render(
        request,
        "clients/matching/client_duplicates.html",
        {"client": client, "duplicates": duplicates, "may_merge": can(request.user, "clients.merge", client)},
    )


_COMPARED = (
    "given_names",
    "family_name",
    "given_names_latin",
    "family_name_latin",
    "birth_date_display",
    "personal_identity_code",
    "phone",
    "email",
    "municipality",
    "arrival_date",
    "residence_basis",
    "permit_type",
    "permit_expires",
    "status",
)


def _value(client: Client, name: str) -> str:
    if name in {"residence_basis", "status"}:
        return str(getattr(client, f"get_{name}_display")())
    value = getattr(client, name)
    return "" if value is None else str(value)


def _label(name: str) -> str:
    if name == "birth_date_display":
        return _("Born")
    return str(getattr(Client._meta.get_field(name), "verbose_name", name)).capitalize()


def _preview_rows(kept: Client, removed: Client) -> list[dict[str, Any]]:
    """Each compared field of the two records and of the record the merge would leave, from
    the same plan the merge applies."""
    plan = merge_plan(kept, removed)
    merged = copy.copy(kept)
    for attname, value in plan.changes.items():
        setattr(merged, attname, value)
    other_names = {name.casefold() for name in plan.other_names}
    rows: list[dict[str, Any]] = []
    for name in _COMPARED:
        left, right, result = _value(kept, name), _value(removed, name), _value(merged, name)
        if not right or right == left:
            note = ""
        elif right == result:
            note = "kept"
        elif name in _NAME_PARTS and _full_name(removed, name).casefold() in other_names:
            note = "other_name"
        else:
            note = "not_kept"
        rows.append(
            {
                "label": _label(name),
                "keep": left,
                "remove": right,
                "result": result,
                "differs": left != right,
                "note": note,
            }
        )
    rows.append(
        {
            "label": _("Other names"),
            "keep": ", ".join(kept.other_names),
            "remove": ", ".join(removed.other_names),
            "result": ", ".join(plan.other_names),
            "differs": kept.other_names != plan.other_names,
            "note": "",
        }
    )
    return rows


_NAME_PARTS = {"given_names": "family_name", "family_name": "given_names"}
_NAME_PARTS.update({"given_names_latin": "family_name_latin", "family_name_latin": "given_names_latin"})


def _full_name(client: Client, name: str) -> str:
    """The whole name (given and family) a name field belongs to."""
    given, family = sorted((name, _NAME_PARTS[name]), key=lambda field: not field.startswith("given"))
    return " ".join(part for part in (getattr(client, given), getattr(client, family)) if part)


@login_required
@require_http_methods(["GET", "POST"])
def client_merge_view(request: HttpRequest, keep: Any, remove: Any) -> HttpResponse:
    """Compare two records side by side; on confirmation merge ``remove`` into ``keep``."""
    kept = _client(request, keep, "clients.merge")
    removed = _client(request, remove, "clients.merge")
    problem = ""
    if kept.pk == removed.pk:
        problem = _("A record cannot be merged with itself.")
    elif kept.service_point_id != removed.service_point_id:
        problem = _("Only records of the same service point can be merged.")
    elif {kept.status, removed.status} & {ClientStatus.MERGED, ClientStatus.ANONYMISED}:
        problem = _("Merged or anonymised records cannot be merged.")
    if request.method == "POST" and not problem:
        try:
            client_merge(keep=kept, remove=removed, by=request.user)
        except ValidationError as error:
            problem = " ".join(error.messages)
        except PermissionDenied:
            raise
        else:
            messages.success(request, _("The records were merged."))
            return redirect("clients:profile", uuid=kept.uuid)
    with transaction.atomic():
        for record in (kept, removed):
            audit_record(
                actor=request.user,
                action="clients.view",
                target=record,
                purpose="duplicate records",
                details={"compared_with": str((removed if record is kept else kept).uuid)},
            )
    rows = _preview_rows(kept, removed)
    counts = {
        "keep": {"languages": kept.languages.count(), "identifiers": kept.identifiers.count()},
        "remove": {"languages": removed.languages.count(), "identifiers": removed.identifiers.count()},
    }
    return render(
        request,
        "clients/matching/merge.html",
        {"keep": kept, "remove": removed, "rows": rows, "counts": counts, "problem": problem},
        status=400 if problem and request.method == "POST" else 200,
    )
