"""The client's own data: the "your data" document (page, PDF, JSON) and anonymisation."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from kotopolku.clients import services
from kotopolku.clients.document_language import (
    DOCUMENT_LANGUAGES,
    STAFF_LANGUAGES,
    document_direction,
    document_language_label,
)
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.export_document import (
    client_document_language,
    export_document_html,
    export_document_pdf,
)
from kotopolku.clients.forms import (
    ConfirmForm,
)
from kotopolku.clients.models import Client
from kotopolku.clients.views.common import _client_for, _user


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
