"""Optimistic locking for records that people edit (ARCHITECTURE.md, "Records that people edit
carry a version").

A versioned record is changed only through ``versioned_update``: it re-reads the row under a
lock, refuses a stale version with ``StaleVersion`` (the API answers 409, a form shows what the
other person changed), writes only the fields that really change and bumps the version. Two
people saving at once therefore never overwrite each other silently, and the audit event a
service writes next to it names exactly the fields the row now holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.core import signing
from django.db import models, transaction
from django.http import HttpRequest


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


V = TypeVar("V", bound=VersionedModel)


class StaleVersion(Exception):
    """The record changed since the user read it. ``current`` is the stored row, locked."""

    def __init__(self, *, current: VersionedModel, expected: int) -> None:
        super().__init__(f"version {expected} is stale; the record is at version {current.version}")
        self.current = current
        self.expected = expected


def versioned_update(
    instance: V, *, changes: Mapping[str, Any], expected_version: int | None = None
) -> tuple[V, list[str]]:
    """Apply ``changes`` to the stored row of ``instance`` under a row lock.

    ``expected_version`` None means "whatever is stored now" (a service acting on its own);
    anything else must equal the stored version. Returns the locked, updated row and the names
    of the fields that changed (in the order given). Call inside the service's transaction.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("versioned_update must run inside a transaction")
    model = type(instance)
    locked = model._default_manager.select_for_update().get(pk=instance.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleVersion(current=locked, expected=expected_version)
    changed = [
        name for name, value in changes.items() if _stored(locked, name) != _comparable(model, name, value)
    ]
    for name in changed:
        setattr(locked, name, changes[name])
    if changed:
        locked.version += 1
        update_fields = [*changed, "version"]
        if any(field.name == "updated_at" for field in model._meta.concrete_fields):
            update_fields.append("updated_at")
        locked.save(update_fields=update_fields)
    return locked, changed


def _stored(row: VersionedModel, name: str) -> Any:
    """The stored value; a relation by its key, so that comparing it reads no other row."""
    field = row._meta.get_field(name)
    return getattr(row, field.attname) if field.is_relation else getattr(row, name)  # type: ignore[union-attr]


def _comparable(model: type[VersionedModel], name: str, value: Any) -> Any:
    field = model._meta.get_field(name)
    if field.is_relation and isinstance(value, models.Model):
        return value.pk
    return value


def version_bump(row: V) -> V:
    """Count a change of what hangs off a row locked by ``versioned_update`` (its language rows,
    its identifiers) as a new version of the record, when the row itself did not change."""
    row.version += 1
    update_fields = ["version"]
    if any(field.name == "updated_at" for field in row._meta.concrete_fields):
        update_fields.append("updated_at")
    row.save(update_fields=update_fields)
    return row


def expected_version_from(request: HttpRequest, body_version: int | None = None) -> int | None:
    """The version a client of the API last read: ``If-Match: "7"`` (or ``W/"7"``) or a body field.

    An unparsable ``If-Match`` counts as a version no record has, so it is refused as stale
    rather than ignored.
    """
    header = request.headers.get("If-Match", "").strip()
    if header and header != "*":
        tag = header.removeprefix("W/").strip('"')
        return int(tag) if tag.isdigit() and len(tag) < 10 else -1
    return body_version


def etag(version: int) -> str:
    return f'"{version}"'


# A form that edits a versioned record carries, besides the version, the values it was filled
# with (signed, so the page cannot be made to claim another starting point). On a stale save
# these three snapshots tell apart what the other person changed from what this user changed,
# so the user's own changes can be put on top of the stored record without undoing theirs.

_SNAPSHOT_SALT = "kotopolku.core.versioning.snapshot"


def snapshot_sign(snapshot: Mapping[str, Any]) -> str:
    return signing.dumps(dict(snapshot), salt=_SNAPSHOT_SALT, compress=True)


def snapshot_read(token: str) -> dict[str, Any] | None:
    """The snapshot a form was filled with, or None when it is missing or not ours."""
    try:
        value = signing.loads(token or "", salt=_SNAPSHOT_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, dict) else None


@dataclass(frozen=True)
class EditConflict:
    """The fields the other person changed since the form was filled and those this user changed."""

    theirs: list[str]
    yours: list[str]


def edit_conflict(
    *, base: Mapping[str, Any] | None, current: Mapping[str, Any], submitted: Mapping[str, Any]
) -> EditConflict:
    """Compare snapshots of the same fields. Without a ``base`` every field the user sent that
    differs from the stored record counts as theirs to keep."""
    names = list(current)
    if base is None:
        changed = [name for name in names if submitted.get(name) != current.get(name)]
        return EditConflict(theirs=changed, yours=changed)
    return EditConflict(
        theirs=[name for name in names if current.get(name) != base.get(name)],
        yours=[name for name in names if submitted.get(name) != base.get(name)],
    )


@dataclass(frozen=True)
class ConflictRow:
    """One line of the page a stale save shows (``core/includes/version_conflict.html``)."""

    label: str
    theirs: str
    yours: str
    you_changed: bool


def version_from_form(value: Any) -> int | None:
    """The version a form was filled at; a missing or mangled one is a version no record has."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else -1


def _plain_form_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return sorted(str(_plain_form_value(item)) for item in value)
    return str(value).replace("\r\n", "\n").strip()


def form_snapshot(*forms_: forms.BaseForm) -> dict[str, Any]:
    """What the forms show (unbound) or sent (bound), by prefixed field name, comparable
    across the two: the generic snapshot of a record edited through several forms at once."""
    return {
        form.add_prefix(name): _plain_form_value(form[name].value())
        for form in forms_
        for name in form.fields
    }


def form_conflict_rows(
    forms_: Sequence[forms.BaseForm],
    conflict: EditConflict,
    *,
    current: Mapping[str, Any],
    submitted: Mapping[str, Any],
) -> list[ConflictRow]:
    """Rows for the fields the other person changed, labelled by the form field (and the
    fieldset's name, ``form.legend``, where a record is edited through several forms)."""
    fields = {form.add_prefix(name): (form, name) for form in forms_ for name in form.fields}
    rows = []
    for key in conflict.theirs:
        form, name = fields[key]
        field = form.fields[name]
        label = str(field.label or name)
        legend = getattr(form, "legend", "")
        rows.append(
            ConflictRow(
                label=f"{label} ({legend})" if legend else label,
                theirs=_shown_value(field, current[key]),
                yours=_shown_value(field, submitted[key]),
                you_changed=key in conflict.yours,
            )
        )
    return rows


def _shown_value(field: forms.Field, value: Any) -> str:
    choices = getattr(field, "choices", None)
    labels = {str(key): str(label) for key, label in choices} if choices is not None else {}
    if isinstance(value, list):
        return ", ".join(labels.get(item) or str(item) for item in value) or "—"
    return labels.get(value, value) or "—"


def form_overrides(forms_: Sequence[forms.BaseForm], conflict: EditConflict) -> dict[str, dict[str, Any]]:
    """The user's own changes in bound forms, by form prefix ("" for none) and field name:
    the initial values that put them on top of the stored record in fresh forms."""
    overrides: dict[str, dict[str, Any]] = {}
    for form in forms_:
        for name in form.fields:
            if form.add_prefix(name) in conflict.yours:
                overrides.setdefault(form.prefix or "", {})[name] = form[name].value()
    return overrides
