"""Writing search keys and merging two records of one person."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can
from kotopolku.audit.services import audit_record
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.matching.keys import client_keys, kind_of
from kotopolku.clients.models import Client, ClientIdentifier, ClientNameKey

HIDDEN_STATUSES = (ClientStatus.MERGED, ClientStatus.ANONYMISED)


def client_search_keys_refresh(*, client: Client) -> None:
    """(Re)write the client's search keys. Call it after every change of the name, birth date,
    phone, identity code or identifiers, in the same transaction. Merged and anonymised
    records keep no keys."""
    ClientNameKey.objects.filter(client_id=client.pk).delete()
    if client.status in HIDDEN_STATUSES:
        return
    identifiers = ClientIdentifier.objects.filter(client_id=client.pk).values_list("value", flat=True)
    ClientNameKey.objects.bulk_create(key_rows(client, identifiers))


def key_rows(client: Client, identifiers: Iterable[str] = ()) -> list[ClientNameKey]:
    """The client's search keys as unsaved rows."""
    return [
        ClientNameKey(client_id=client.pk, service_point_id=client.service_point_id, kind=kind_of(k), key=k)
        for k in sorted(client_keys(client, identifiers))
    ]


REBUILD_BATCH = 2000


def client_search_keys_rebuild(*, progress: Callable[[int], None] | None = None) -> int:
    """Rewrite the search keys of every visible client, a batch per transaction; returns how many."""
    done = 0
    last = 0
    while True:
        batch = list(
            Client.objects.filter(pk__gt=last)
            .exclude(status__in=HIDDEN_STATUSES)
            .order_by("pk")[:REBUILD_BATCH]
        )
        if not batch:
            return done
        identifiers: dict[int, list[str]] = {}
        for client_id, value in ClientIdentifier.objects.filter(client__in=batch).values_list(
            "client_id", "value"
        ):
            identifiers.setdefault(client_id, []).append(value)
        with transaction.atomic():
            ClientNameKey.objects.filter(client__in=batch).delete()
            ClientNameKey.objects.bulk_create(
                row for client in batch for row in key_rows(client, identifiers.get(client.pk, ()))
            )
        done += len(batch)
        last = batch[-1].pk
        if progress is not None:
            progress(done)


# Fields of ``keep`` filled from ``remove`` when ``keep`` has none.
MERGE_FILL_FIELDS = (
    "given_names",
    "family_name",
    "given_names_latin",
    "family_name_latin",
    "birth_year",
    "birth_month",
    "birth_day",
    "citizenships",
    "phone",
    "email",
    "municipality",
    "arrival_date",
    "permit_type",
    "permit_expires",
    "personal_identity_code",
    "responsible_worker",
)


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _fill_from(keep: Client, remove: Client) -> list[str]:
    filled = []
    for name in MERGE_FILL_FIELDS:
        field = Client._meta.get_field(name)
        attname = field.attname  # type: ignore[union-attr]
        if _is_empty(getattr(keep, attname)) and not _is_empty(getattr(remove, attname)):
            setattr(keep, attname, getattr(remove, attname))
            filled.append(name)
    if not keep.birth_year and remove.birth_year:
        keep.birth_month, keep.birth_day = remove.birth_month, remove.birth_day
    if keep.residence_basis == "unknown" and remove.residence_basis != "unknown":
        keep.residence_basis = remove.residence_basis
        filled.append("residence_basis")
    return filled


def _repoint(keep: Client, remove: Client) -> dict[str, int]:
    """Re-point every row of any app that refers to ``remove`` to ``keep``.

    A row that would break a unique constraint with a row ``keep`` already has (the same
    language twice) is the same fact twice: it is dropped."""
    moved: dict[str, int] = {}
    for relation in Client._meta.related_objects:
        model = relation.related_model
        if model is ClientNameKey or not isinstance(model, type):
            continue
        if relation.many_to_many:
            continue
        fk_name = relation.field.name
        if model is Client:  # records merged earlier into ``remove`` now point to ``keep``
            count = Client.objects.filter(merged_into=remove).update(merged_into=keep)
        else:
            count = _repoint_model(model, fk_name, keep, remove)
        if count:
            moved[model._meta.label_lower] = count
    return moved


def _unique_groups(model: type[models.Model], fk_name: str) -> list[tuple[tuple[str, ...], models.Q]]:
    """The model's unique field groups that hold ``fk_name``, each with the rows it applies to
    (a partial constraint's condition; all rows for the others)."""
    groups = [
        (tuple(c.fields), c.condition or models.Q())
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields
    ]
    groups += [(tuple(group), models.Q()) for group in model._meta.unique_together]
    field = model._meta.get_field(fk_name)
    if getattr(field, "unique", False):
        groups.append(((fk_name,), models.Q()))
    return [(group, condition) for group, condition in groups if fk_name in group]


def _repoint_model(model: type[models.Model], fk_name: str, keep: Client, remove: Client) -> int:
    manager = model._default_manager
    for group, condition in _unique_groups(model, fk_name):
        # Rows of ``remove`` that would repeat one of ``keep`` under a constraint go; rows the
        # constraint does not cover (a removed team member, say) move with the rest.
        rows = manager.filter(condition)
        others = [name for name in group if name != fk_name]
        kept_values = set(rows.filter(**{fk_name: keep}).values_list(*others)) if others else {()}
        for row in rows.filter(**{fk_name: remove}).values_list("pk", *others):
            if tuple(row[1:]) in kept_values:
                manager.filter(pk=row[0]).delete()
    try:
        with transaction.atomic():
            return manager.filter(**{fk_name: remove}).update(**{fk_name: keep})
    except IntegrityError:
        # A constraint we could not see (a condition, an expression): move row by row.
        count = 0
        for pk in list(manager.filter(**{fk_name: remove}).values_list("pk", flat=True)):
            try:
                with transaction.atomic():
                    count += manager.filter(pk=pk).update(**{fk_name: keep})
            except IntegrityError:
                manager.filter(pk=pk).delete()
        return count


def client_merge(*, keep: Client, remove: Client, by: Any) -> Client:
    """Merge two records of one person: everything linked to ``remove`` follows ``keep``, empty
    fields of ``keep`` are filled from ``remove`` and ``remove`` is marked merged.

    Both records must be at the same service point, where ``by`` may merge. The view calls
    ``require`` first (so a denied attempt is audited); this checks again."""
    if keep.pk == remove.pk:
        raise ValidationError({"remove": _("A record cannot be merged with itself.")})
    if keep.service_point_id != remove.service_point_id:
        raise ValidationError({"remove": _("Only records of the same service point can be merged.")})
    if not (can(by, "clients.merge", keep) and can(by, "clients.merge", remove)):
        raise PermissionDenied("clients.merge")
    return _merge(keep=keep, remove=remove, by=by)


@transaction.atomic
def _merge(*, keep: Client, remove: Client, by: Any) -> Client:
    # Lock both rows in a fixed order so that two merges of the same pair cannot interleave.
    locked = {
        c.pk: c for c in Client.objects.select_for_update().filter(pk__in=[keep.pk, remove.pk]).order_by("pk")
    }
    keep, remove = locked[keep.pk], locked[remove.pk]
    for record in (keep, remove):
        if record.status in HIDDEN_STATUSES:
            raise ValidationError({"remove": _("Merged or anonymised records cannot be merged.")})
    filled = _fill_from(keep, remove)
    moved = _repoint(keep, remove)
    # The identity code is unique in practice: the removed record gives it up.
    remove.status = ClientStatus.MERGED
    remove.merged_into = keep
    remove.save(update_fields=["status", "merged_into", "updated_at"])
    keep.save()
    client_search_keys_refresh(client=remove)
    client_search_keys_refresh(client=keep)
    audit_record(
        actor=by,
        action="clients.merge",
        target=keep,
        purpose="duplicate records",
        details={
            "kept": str(keep.uuid),
            "removed": str(remove.uuid),
            "filled_fields": filled,
            "moved": moved,
        },
    )
    return keep
