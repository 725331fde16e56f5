"""What the contact correction form shows when someone else saved the contact first (the same
pattern as the client registry's: the form carries the values it was filled with)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from kotopolku.contacts.forms import ContactForm
from kotopolku.contacts.models import Contact
from kotopolku.core.versioning import ConflictRow, EditConflict

FIELDS = (
    "channel",
    "language",
    "interpreter",
    "topics",
    "client_group",
    "duration_minutes",
    "outcome",
    "organisation",
    "note",
    "happened_at",
)


def _minute(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M") if value else ""


def contact_snapshot(contact: Contact) -> dict[str, Any]:
    initial = ContactForm.initial_for(contact)
    snapshot: dict[str, Any] = {
        name: "" if initial.get(name) is None else str(initial[name]) for name in FIELDS
    }
    snapshot["topics"] = sorted(initial["topics"])
    snapshot["happened_at"] = _minute(contact.happened_at)
    return snapshot


def submitted_snapshot(form: ContactForm, base: Mapping[str, Any] | None) -> dict[str, Any]:
    data = form.cleaned_data
    group, organisation = data.get("client_group"), data.get("organisation")
    happened_at = data.get("happened_at")
    return {
        "channel": data["channel"],
        "language": data["language"],
        "interpreter": data["interpreter"],
        "topics": sorted(topic.code for topic in data["topics"]),
        "client_group": group.code if group else "",
        "duration_minutes": str(data["duration_minutes"]),
        "outcome": data["outcome"],
        "organisation": str(organisation.uuid) if organisation else "",
        "note": (data.get("note") or "").strip(),
        # Left empty, the time stays as it was.
        "happened_at": _minute(happened_at) if happened_at else (base or {}).get("happened_at", ""),
    }


def _shown(form: ContactForm, name: str, value: Any) -> str:
    field = form.fields[name]
    if name == "topics":
        labels = {str(code): str(label) for code, label in field.choices}  # type: ignore[attr-defined]
        return ", ".join(labels.get(code, code) for code in value) or "—"
    choices = getattr(field, "choices", None)
    if value and choices is not None:
        return {str(key): str(label) for key, label in choices}.get(value, value)
    return value or "—"


def conflict_rows(
    form: ContactForm, conflict: EditConflict, *, current: Mapping[str, Any], submitted: Mapping[str, Any]
) -> list[ConflictRow]:
    return [
        ConflictRow(
            label=str(form.fields[name].label),
            theirs=_shown(form, name, current[name]),
            yours=_shown(form, name, submitted[name]),
            you_changed=name in conflict.yours,
        )
        for name in conflict.theirs
    ]


def merged_initial(contact: Contact, conflict: EditConflict, form: ContactForm) -> dict[str, Any]:
    """The stored contact with the user's own changes on top."""
    initial = ContactForm.initial_for(contact)
    data = form.cleaned_data
    for name in conflict.yours:
        value = data.get(name)
        if name == "topics":
            initial[name] = [topic.code for topic in value or []]
        elif name == "client_group":
            initial[name] = value.code if value else None
        elif name == "organisation":
            initial[name] = value.uuid if value else None
        elif value is not None or name != "happened_at":
            initial[name] = value
    return initial
