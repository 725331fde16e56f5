"""The client's "your data" document: the registry's data and every app's section, in words, in
a language the client reads (``document_language``), as HTML for the staff page and as PDF with
the fonts shipped in ``core/pdf`` (Arabic and Persian right to left)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kotopolku.clients.document_language import DOCUMENT_LANGUAGES, document_language
from kotopolku.clients.enums import CefrLevel
from kotopolku.clients.forms import country_name, identifier_kind_label, language_name
from kotopolku.clients.hooks import export_documents
from kotopolku.clients.models import Client
from kotopolku.core.pdf import render_pdf


def client_document_language(client: Client) -> str | None:
    """The first language the client speaks that their document can be written in."""
    spoken = [row.language for row in client.languages.all()]
    return next((code for code in spoken if code in DOCUMENT_LANGUAGES), None)


def _level_in_words(row: dict[str, Any]) -> dict[str, Any]:
    """A language row with its CEFR level as the words of the document's language ("First
    language" rather than ``native``)."""
    level = row.get("level") or ""
    return {**row, "level": str(CefrLevel(level).label) if level in CefrLevel.values else level}


def export_document_html(*, client: Client, data: dict[str, Any], language: str) -> SafeString:
    """The document's body; ``data`` is what ``services.client_export`` gave (and audited)."""
    with document_language(language):
        return mark_safe(  # noqa: S308 - rendered by the template engine, which escaped it
            render_to_string(
                "clients/includes/export_document.html",
                {
                    "client": client,
                    "data": data,
                    "citizenships": [country_name(code) for code in client.citizenships],
                    "languages": [
                        (language_name(row["language"]), _level_in_words(row)) for row in data["languages"]
                    ],
                    "consents": list(client.consents.select_related("recorded_by", "withdrawn_by")),
                    "identifiers": [
                        (identifier_kind_label(row.kind), row) for row in client.identifiers.order_by("kind")
                    ],
                    "municipality": client.municipality.name_in(language) if client.municipality else "",
                    "team": list(client.team_members.select_related("user").order_by("added_at", "id")),
                    "sections": [source(client) for _name, source in sorted(export_documents().items())],
                },
            )
        )


def export_document_pdf(*, client: Client, data: dict[str, Any], language: str) -> bytes:
    body = export_document_html(client=client, data=data, language=language)
    with document_language(language):
        title = _("Your data in the client register")
    return render_pdf("clients/pdf/export.html", {"title": title, "document": body}, language=language)
