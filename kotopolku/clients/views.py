"""Staff pages of the client registry: list and search, registration, profile, correction,
consents, closing a case, export, anonymisation, and the retention listing with its "run now"."""

from __future__ import annotations

import json
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.clients import conflicts, hooks, services
from kotopolku.clients.document_language import (
    DOCUMENT_LANGUAGES,
    STAFF_LANGUAGES,
    document_direction,
    document_language_label,
)
from kotopolku.clients.enums import ClientStatus, ConsentPurpose
from kotopolku.clients.export_document import (
    client_document_language,
    export_document_html,
    export_document_pdf,
)
from kotopolku.clients.forms import (
    ClientForm,
    ConfirmForm,
    ConsentForm,
    IdentifierFormSet,
    LanguageFormSet,
    TeamMemberForm,
    client_initial,
    country_name,
    formset_rows,
    identifier_kind_label,
    language_name,
)
from kotopolku.clients.hooks import profile_actions
from kotopolku.clients.models import Client, ClientTeamMember, Consent
from kotopolku.clients.selectors import (
    client_find,
    client_get,
    client_list,
    client_team,
    client_timeline,
    retention_listing,
)
from kotopolku.clients.tasks import retention_run_request
from kotopolku.core.text import search_text
from kotopolku.core.versioning import (
    StaleVersion,
    edit_conflict,
    snapshot_read,
    snapshot_sign,
    version_from_form,
)
from kotopolku.organisations.models import ServicePoint

PAGE_SIZE = 50
TIMELINE_PAGE_SIZE = 20


def _user(request: HttpRequest) -> User:
    """The logged-in staff member (every view here is behind ``login_required``)."""
    return cast(User, request.user)


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


def _add_errors(form: ClientForm | TeamMemberForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def _client_for(request: HttpRequest, uuid: Any, action: str) -> Client:
    client = client_get(uuid=uuid)
    require(request.user, action, client)
    return client


@login_required
def client_profile(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client_for(request, uuid, "clients.view")
    if client.status == ClientStatus.MERGED and client.merged_into_id:
        return redirect("clients:profile", uuid=Client.objects.get(pk=client.merged_into_id).uuid)
    return _profile(request, client)


def _profile(
    request: HttpRequest, client: Client, *, team_form: TeamMemberForm | None = None, status: int = 200
) -> HttpResponse:
    services.client_read_record(client=client, by=_user(request))
    user = _user(request)
    may_team = can(user, "clients.team", client) and client.status not in (
        ClientStatus.ANONYMISED,
        ClientStatus.MERGED,
    )
    return render(
        request,
        "clients/client_profile.html",
        {
            "client": client,
            "citizenships": [country_name(code) for code in client.citizenships],
            "languages": [
                (language_name(row.language), row) for row in client.languages.order_by("language")
            ],
            "identifiers": [
                (identifier_kind_label(row.kind), row) for row in client.identifiers.order_by("kind")
            ],
            "consents": list(client.consents.select_related("recorded_by", "withdrawn_by")),
            "consent_form": ConsentForm(),
            "team": client_team(client=client),
            "may_team": may_team,
            "team_form": (team_form or TeamMemberForm(client=client)) if may_team else None,
            # The newest first, at the top of the profile, a page at a time.
            "timeline": Paginator(client_timeline(client=client, user=user), TIMELINE_PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "panels": [panel for source in hooks.profile_panels() if (panel := source(client, user))],
            "other_actions": profile_actions(client, user) if client.status == ClientStatus.ACTIVE else [],
            "may_change": can(user, "clients.change", client) and client.status != ClientStatus.ANONYMISED,
            "may_export": can(user, "clients.export", client),
            "may_erase": can(user, "clients.erase", client) and client.status != ClientStatus.ANONYMISED,
            "may_merge": can(user, "clients.merge", client) and client.status == ClientStatus.ACTIVE,
            "is_active": client.status == ClientStatus.ACTIVE,
            "is_closed": client.status == ClientStatus.CLOSED,
        },
        status=status,
    )


@login_required
@require_POST
def team_add(request: HttpRequest, uuid: Any) -> HttpResponse:
    """Bring a staff member onto the client's team; a wrong choice shows the profile again (400)."""
    client = _client_for(request, uuid, "clients.team")
    form = TeamMemberForm(request.POST, client=client)
    if form.is_valid():
        member = form.cleaned_data["user"]
        try:
            services.client_team_add(
                client=client, user=member, by=_user(request), reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("%(name)s was added to the client's team.") % {"name": member})
            return redirect(f"{reverse('clients:profile', args=[client.uuid])}#team-heading")
    return _profile(request, client, team_form=form, status=400)


@login_required
@require_POST
def team_remove(request: HttpRequest, uuid: Any, member_uuid: Any) -> HttpResponse:
    client = _client_for(request, uuid, "clients.team")
    member = (
        ClientTeamMember.objects.current()
        .select_related("user")
        .filter(client=client, uuid=member_uuid)
        .first()
    )
    if member is None:
        raise Http404
    try:
        services.client_team_remove(member=member, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s was removed from the client's team.") % {"name": member.user})
    return redirect(f"{reverse('clients:profile', args=[client.uuid])}#team-heading")


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
@require_POST
def consent_add(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client_for(request, uuid, "clients.change")
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a purpose from the list."))
        return redirect("clients:profile", uuid=client.uuid)
    try:
        services.consent_record(
            client=client, purpose=ConsentPurpose(form.cleaned_data["purpose"]), by=_user(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The consent was recorded."))
    return redirect("clients:profile", uuid=client.uuid)


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, uuid: Any, consent_uuid: Any) -> HttpResponse:
    client = _client_for(request, uuid, "clients.change")
    consent = Consent.objects.filter(client=client, uuid=consent_uuid).first()
    if consent is None:
        raise Http404
    try:
        services.consent_withdraw(consent=consent, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The consent was withdrawn."))
    return redirect("clients:profile", uuid=client.uuid)


@login_required
@require_POST
def client_close_view(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client_for(request, uuid, "clients.change")
    reopen = request.POST.get("reopen") == "yes"
    try:
        if reopen:
            services.client_reopen(client=client, by=_user(request))
        else:
            services.client_close(client=client, by=_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The case was reopened.") if reopen else _("The case was closed."))
    return redirect("clients:profile", uuid=client.uuid)


# The client's copy of their data is offered in the staff languages and in the language the
# client reads (their first language the document can be written in), which is chosen first and
# marked; any other document language can be asked for with ``?lang=``.
def _export_language(request: HttpRequest, client: Client) -> tuple[str, str | None]:
    clients_language = client_document_language(client)
    language = request.GET.get("lang", "")
    if language not in DOCUMENT_LANGUAGES:
        language = clients_language or translation.get_language() or "fi"
        language = language if language in DOCUMENT_LANGUAGES else "fi"
    return language, clients_language


@login_required
def client_export_page(request: HttpRequest, uuid: Any) -> HttpResponse:
    """The client's "your data" document, in the language they read, inside the staff page
    in the staff member's own language."""
    client = _client_for(request, uuid, "clients.export")
    language, clients_language = _export_language(request, client)
    data = services.client_export(client=client, by=_user(request), form=f"html-{language}")
    offered = [*STAFF_LANGUAGES, *([language] if language not in STAFF_LANGUAGES else [])]
    if clients_language and clients_language not in offered:
        offered.append(clients_language)
    return render(
        request,
        "clients/client_export.html",
        {
            "client": client,
            "document": export_document_html(client=client, data=data, language=language),
            "export_language": language,
            "export_direction": document_direction(language),
            "language_choices": [
                {
                    "code": code,
                    "label": document_language_label(code),
                    "current": code == language,
                    "clients": code == clients_language,
                }
                for code in offered
            ],
        },
    )


@login_required
def client_export_pdf(request: HttpRequest, uuid: Any) -> HttpResponse:
    """The same document as a PDF for the client to keep, in the language of ``?lang=``."""
    client = _client_for(request, uuid, "clients.export")
    language, _clients_language = _export_language(request, client)
    data = services.client_export(client=client, by=_user(request), form=f"pdf-{language}")
    response = HttpResponse(
        export_document_pdf(client=client, data=data, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="client-{client.uuid}-{language}.pdf"'
    return response


@login_required
def client_export_json(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client_for(request, uuid, "clients.export")
    data = services.client_export(client=client, by=_user(request), form="json")
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="client-{client.uuid}.json"'
    return response


@login_required
def client_anonymise_view(request: HttpRequest, uuid: Any) -> HttpResponse:
    client = _client_for(request, uuid, "clients.erase")
    if client.status == ClientStatus.ANONYMISED:
        messages.error(request, _("This record has already been anonymised."))
        return redirect("clients:profile", uuid=client.uuid)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.client_anonymise(client=client, by=_user(request))
        messages.success(request, _("The client's personal data was removed."))
        return redirect("clients:profile", uuid=client.uuid)
    return render(
        request,
        "clients/client_anonymise.html",
        {"client": client, "form": form},
        status=400 if request.method == "POST" else 200,
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
