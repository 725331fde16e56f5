"""Optimistic locking for records that people edit (ARCHITECTURE.md, "Records that people edit
carry a version").

A versioned record is changed only through ``versioned_update``: it re-reads the row under a
lock, refuses a stale version with ``StaleVersion`` (the API answers 409, a form shows what the
other person changed), writes only the fields that really change and bumps the version. Two
people saving at once therefore never overwrite each other silently, and the audit event a
service writes next to it names exactly the fields the row now holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

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
