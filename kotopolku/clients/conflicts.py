"""What the correction form shows when someone else saved the client first.

The form carries the values it was filled with; comparing them with the stored record and with
what the user sent tells, field by field, what the other person changed and what this user
changed. The form is then offered again filled with the stored record plus the user's own
changes, at the stored version, so saving it loses nobody's work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.db.models import Model
from django.utils.translation import gettext as _

from kotopolku.clients.forms import (
    ClientForm,
    client_initial,
    country_name,
    formset_rows,
    identifier_kind_label,
    language_name,
)
from kotopolku.clients.models import Client
from kotopolku.core.versioning import ConflictRow, EditConflict

FORM_FIELDS = tuple(ClientForm.Meta.fields)
LIST_FIELDS = ("languages", "identifiers")


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return sorted(str(_plain(item)) for item in value)
    return str(value).strip()


def _language_rows(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    return sorted(
        f"{row['language']}|{row.get('level') or ''}|{'yes' if row.get('needs_interpreter') else ''}"
        for row in rows
    )


def _identifier_rows(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    return sorted(f"{row['kind']}|{row['value']}|{row.get('issuing_country') or ''}" for row in rows)


def client_snapshot(client: Client) -> dict[str, Any]:
    """The stored record as the correction form shows it."""
    values = client_initial(client)
    snapshot = {name: _plain(values.get(name)) for name in FORM_FIELDS}
    snapshot["languages"] = _language_rows(client.languages.values("language", "level", "needs_interpreter"))
    snapshot["identifiers"] = _identifier_rows(client.identifiers.values("kind", "value", "issuing_country"))
    return snapshot


def submitted_snapshot(
    form: ClientForm,
    languages: forms.BaseFormSet,  # type: ignore[type-arg]
    identifiers: forms.BaseFormSet,  # type: ignore[type-arg]
) -> dict[str, Any]:
    """What a valid correction form sent, comparable with ``client_snapshot``."""
    values = form.client_fields()
    snapshot = {name: _plain(values.get(name)) for name in FORM_FIELDS}
    snapshot["languages"] = _language_rows(formset_rows(languages))
    snapshot["identifiers"] = _identifier_rows(formset_rows(identifiers))
    return snapshot


def _choice_labels(field: forms.Field) -> dict[str, str]:
    return {str(key): str(label) for key, label in getattr(field, "choices", ())}


def _shown(form: ClientForm, name: str, value: Any) -> str:
    if name == "languages":
        shown = []
        for row in value:
            code, level, interpreter = row.split("|")
            text = " ".join(part for part in (language_name(code), level) if part)
            shown.append(f"{text} ({_('needs an interpreter')})" if interpreter else text)
        return "; ".join(shown) or "—"
    if name == "identifiers":
        shown = []
        for row in value:
            kind, number, country = row.split("|")
            shown.append(" ".join(p for p in (identifier_kind_label(kind), number, country) if p))
        return "; ".join(shown) or "—"
    if name == "citizenships":
        return ", ".join(country_name(code) for code in value) or "—"
    field = form.fields[name]
    if value and isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return _choice_labels(field).get(value, value)
    return value or "—"


def _label(form: ClientForm, name: str) -> str:
    if name == "languages":
        return _("Languages")
    if name == "identifiers":
        return _("Other identifiers")
    return str(form.fields[name].label)


def conflict_rows(
    form: ClientForm, conflict: EditConflict, *, current: Mapping[str, Any], submitted: Mapping[str, Any]
) -> list[ConflictRow]:
    """One row per field the other person changed: their stored value and the user's."""
    return [
        ConflictRow(
            label=_label(form, name),
            theirs=_shown(form, name, current[name]),
            yours=_shown(form, name, submitted[name]),
            you_changed=name in conflict.yours,
        )
        for name in conflict.theirs
    ]


def merged_initial(
    client: Client,
    conflict: EditConflict,
    form: ClientForm,
    languages: forms.BaseFormSet,  # type: ignore[type-arg]
    identifiers: forms.BaseFormSet,  # type: ignore[type-arg]
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The stored record with the user's own changes on top: the form's, languages' and
    identifiers' initial values."""
    initial = client_initial(client)
    values = form.client_fields()
    for name in conflict.yours:
        if name in FORM_FIELDS:
            initial[name] = values[name]
    stored_languages, stored_identifiers = stored_rows(client)
    language_rows = formset_rows(languages) if "languages" in conflict.yours else stored_languages
    identifier_rows = formset_rows(identifiers) if "identifiers" in conflict.yours else stored_identifiers
    return initial, language_rows, identifier_rows


def stored_rows(client: Client) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The client's language and identifier rows as the correction form's initial values."""
    return (
        [
            dict(row)
            for row in client.languages.order_by("language").values("language", "level", "needs_interpreter")
        ],
        [dict(row) for row in client.identifiers.order_by("kind").values("kind", "value", "issuing_country")],
    )
