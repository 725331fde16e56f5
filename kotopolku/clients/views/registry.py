"""Staff pages of the client registry: list and search, registration, correction, and the
retention listing with its "run now"."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.clients import conflicts, services
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.forms import (
    ClientForm,
    IdentifierFormSet,
    LanguageFormSet,
    client_initial,
    formset_rows,
)
from kotopolku.clients.models import Client
from kotopolku.clients.selectors import (
    client_find,
    client_list,
    retention_listing,
)
from kotopolku.clients.tasks import retention_run_request
from kotopolku.clients.views.common import PAGE_SIZE, _add_errors, _client_for, _user
from kotopolku.core.text import search_text
from kotopolku.core.versioning import (
    StaleVersion,
    edit_conflict,
    snapshot_read,
    snapshot_sign,
    version_from_form,
)
from kotopolku.organisations.models import ServicePoint


@login_required
def client_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "clients.view")
    search = search_text(request.GET.get("q", ""), max_length=100)
    status = request.GET.get("status", "")
    if status not in ClientStatus.values:
        status = ""
    hits = client_find(user=_user(request), text=search) if search else None
    page = (
        None
        if search
        else Paginator(client_list(user=_user(request), status=status), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    )
    return render(
        request,
        "clients/client_list.html",
        {
            "search": search,
            "status": status,
            "statuses": ClientStatus.choices,
            "hits": hits,
            "page": page,
            "query": f"status={status}" if status else "",
            "may_register": can(request.user, "clients.register"),
            "may_see_retention": can(request.user, "clients.retention"),
        },
    )


def _service_point_for_registration(request: HttpRequest) -> tuple[ServicePoint, list[ServicePoint]]:
    allowed = list(ServicePoint.objects.filter(id__in=service_point_ids(request.user, "clients.register")))
    if not allowed:
        require(request.user, "clients.register")  # audits the denied attempt and raises
        raise Http404  # pragma: no cover - require raised
    wanted = (request.POST or request.GET).get("service_point", "")
    chosen = next((point for point in allowed if str(point.uuid) == wanted), allowed[0])
    return chosen, allowed


@login_required
def client_register_view(request: HttpRequest) -> HttpResponse:
    require(request.user, "clients.register")
    service_point, allowed = _service_point_for_registration(request)
    data = request.POST if request.method == "POST" else None
    form = ClientForm(data, service_point=service_point, instance=Client(service_point=service_point))
    languages = LanguageFormSet(data, prefix="languages")
    identifiers = IdentifierFormSet(data, prefix="identifiers")
    duplicates: list[Any] = []
    if request.method == "POST":
        valid = form.is_valid() & languages.is_valid() & identifiers.is_valid()
        if valid:
            try:
                client = services.client_register(
                    service_point=service_point,
                    fields=form.client_fields(),
                    languages=formset_rows(languages),
                    identifiers=formset_rows(identifiers),
                    consents=form.cleaned_data.get("consents") or [],
                    by=_user(request),
                    confirm_new_person=request.POST.get("confirm_new_person") == "yes",
                )
            except services.PossibleDuplicates as found:
                duplicates = found.matches
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The client was registered."))
                return redirect("clients:profile", uuid=client.uuid)
    status = 400 if request.method == "POST" and not duplicates else 200
    return render(
        request,
        "clients/client_form.html",
        {
            "form": form,
            "languages": languages,
            "identifiers": identifiers,
            "duplicates": duplicates,
            "service_point": service_point,
            "service_points": allowed,
            "client": None,
        },
        status=status,
    )


def _edit_formsets(
    data: Any, languages: list[dict[str, Any]], identifiers: list[dict[str, Any]]
) -> tuple[Any, Any]:
    return (
        LanguageFormSet(data, prefix="languages", initial=languages),
        IdentifierFormSet(data, prefix="identifiers", initial=identifiers),
    )


@login_required
def client_edit(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client_for(request, uuid, "clients.change")
    if client.status == ClientStatus.ANONYMISED:
        messages.error(request, _("An anonymised record cannot be changed."))
        return redirect("clients:profile", uuid=client.uuid)
    point = client.service_point
    data = request.POST if request.method == "POST" else None
    form = ClientForm(
        data, service_point=point, initial=client_initial(client), instance=Client(service_point=point)
    )
    languages, identifiers = _edit_formsets(data, *conflicts.stored_rows(client))
    version: Any = client.version
    snapshot = snapshot_sign(conflicts.client_snapshot(client))
    conflict_rows: list[Any] = []
    status = 200
    if request.method == "POST":
        # Shown again after a mistake, the form keeps the version and values it was filled with.
        version, snapshot = request.POST.get("version", ""), request.POST.get("snapshot", "")
        status = 400
        if form.is_valid() & languages.is_valid() & identifiers.is_valid():
            try:
                services.client_update(
                    client=client,
                    fields=form.client_fields(),
                    languages=formset_rows(languages),
                    identifiers=formset_rows(identifiers),
                    by=_user(request),
                    expected_version=version_from_form(request.POST.get("version")),
                )
            except StaleVersion as stale:
                current = cast(Client, stale.current)
                stored = conflicts.client_snapshot(current)
                submitted = conflicts.submitted_snapshot(form, languages, identifiers)
                conflict = edit_conflict(base=snapshot_read(snapshot), current=stored, submitted=submitted)
                conflict_rows = conflicts.conflict_rows(form, conflict, current=stored, submitted=submitted)
                initial, language_rows, identifier_rows = conflicts.merged_initial(
                    current, conflict, form, languages, identifiers
                )
                form = ClientForm(
                    None, service_point=point, initial=initial, instance=Client(service_point=point)
                )
                languages, identifiers = _edit_formsets(None, language_rows, identifier_rows)
                version, snapshot, status = current.version, snapshot_sign(stored), 409
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The client's data was saved."))
                return redirect("clients:profile", uuid=client.uuid)
    return render(
        request,
        "clients/client_form.html",
        {
            "form": form,
            "languages": languages,
            "identifiers": identifiers,
            "duplicates": [],
            "service_point": point,
            "service_points": [point],
            "client": client,
            "version": version,
            "snapshot": snapshot,
            "conflict_rows": conflict_rows,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def retention_view(request: HttpRequest) -> HttpResponse:
    """What the retention task would anonymise now; POST queues a run for the user's service points."""
    require(request.user, "clients.retention")
    if request.method == "POST":
        retention_run_request(by=_user(request))
        messages.success(
            request,
            _(
                "The retention run was started. The records due are anonymised in the background "
                "within a few minutes; each anonymisation is in the audit log."
            ),
        )
        return redirect("clients:retention")
    due = retention_listing(user=_user(request))
    return render(
        request,
        "clients/retention.html",
        {
            "due": due,
            "service_points": ServicePoint.objects.filter(
                id__in=service_point_ids(request.user, "clients.retention")
            ).order_by("name"),
            "list_url": reverse("clients:list"),
        },
    )
