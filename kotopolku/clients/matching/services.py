"""Writing search keys and merging two records of one person."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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


# Fields of ``keep`` filled from ``remove`` when ``keep`` has none (the names and the birth date
# follow rules of their own: ``merge_plan``).
MERGE_FILL_FIELDS = (
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
NAME_FIELDS = ("given_names", "family_name", "given_names_latin", "family_name_latin")
BIRTH_FIELDS = ("birth_year", "birth_month", "birth_day")


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _full(given: str, family: str) -> str:
    return " ".join(part for part in (given.strip(), family.strip()) if part)


def _in_latin_letters(text: str) -> bool:
    return all(not char.isalpha() or char.isascii() or "LATIN" in unicodedata.name(char, "") for char in text)


@dataclass
class MergePlan:
    """What merging ``remove`` into ``keep`` writes on ``keep``: the preview shows it and the
    merge applies it, so the two cannot disagree."""

    changes: dict[str, Any] = field(default_factory=dict)  # attname -> value
    filled: list[str] = field(default_factory=list)  # fields whose value comes from ``remove``
    other_names: list[str] = field(default_factory=list)  # the merged record's other names

    def result(self, keep: Client, name: str) -> Any:
        attname = Client._meta.get_field(name).attname  # type: ignore[union-attr]
        return self.changes.get(attname, getattr(keep, attname))


def merge_plan(keep: Client, remove: Client) -> MergePlan:
    plan = MergePlan(other_names=list(keep.other_names))
    for name in MERGE_FILL_FIELDS:
        attname = Client._meta.get_field(name).attname  # type: ignore[union-attr]
        if _is_empty(getattr(keep, attname)) and not _is_empty(getattr(remove, attname)):
            plan.changes[attname] = getattr(remove, attname)
            plan.filled.append(name)
    if keep.residence_basis == "unknown" and remove.residence_basis != "unknown":
        plan.changes["residence_basis"] = remove.residence_basis
        plan.filled.append("residence_basis")
    _plan_birth(plan, keep, remove)
    _plan_names(plan, keep, remove)
    return plan


def _plan_birth(plan: MergePlan, keep: Client, remove: Client) -> None:
    """The more precise birth date where the two agree as far as both go; else ``keep``'s."""
    kept = [keep.birth_year, keep.birth_month, keep.birth_day]
    other = [remove.birth_year, remove.birth_month, remove.birth_day]
    for index in range(len(BIRTH_FIELDS)):
        if kept[index] is None and other[index] is not None:
            for later in range(index, len(BIRTH_FIELDS)):
                if other[later] is not None:
                    plan.changes[BIRTH_FIELDS[later]] = other[later]
                    plan.filled.append(BIRTH_FIELDS[later])
            return
        if kept[index] is None or kept[index] != other[index]:
            return


def _plan_names(plan: MergePlan, keep: Client, remove: Client) -> None:
    """Empty name fields are filled; a name as written in another script than Latin takes the
    place of a written name in Latin letters; every other name either record holds is kept as
    one of the result's other names, so that no name is lost and search still finds it."""
    names = {name: getattr(keep, name) for name in NAME_FIELDS}
    written_kept = _full(names["given_names"], names["family_name"])
    written_other = _full(remove.given_names, remove.family_name)
    if (
        written_other
        and written_kept
        and _in_latin_letters(written_kept)
        and not _in_latin_letters(written_other)
    ):
        names["given_names"], names["family_name"] = remove.given_names, remove.family_name
    for name in NAME_FIELDS:
        if not names[name] and getattr(remove, name):
            names[name] = getattr(remove, name)
    for name in NAME_FIELDS:
        if names[name] != getattr(keep, name):
            plan.changes[name] = names[name]
            plan.filled.append(name)
    held = [
        set(_full(names["given_names"], names["family_name"]).casefold().split()),
        set(_full(names["given_names_latin"], names["family_name_latin"]).casefold().split()),
    ]
    others: list[str] = []
    for candidate in (
        *keep.other_names,
        written_kept,
        _full(keep.given_names_latin, keep.family_name_latin),
        written_other,
        _full(remove.given_names_latin, remove.family_name_latin),
        *remove.other_names,
    ):
        words = set(candidate.casefold().split())
        # A name whose every word the record already holds in one name is not lost ("Oleksandr"
        # beside "Oleksandr Shevchenko").
        if words and not any(words <= name for name in held):
            held.append(words)
            others.append(candidate)
    plan.other_names = others
    if others != list(keep.other_names):
        plan.changes["other_names"] = others


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
    plan = merge_plan(keep, remove)
    for attname, value in plan.changes.items():
        setattr(keep, attname, value)
    if plan.changes:
        keep.version += 1  # a correction form opened before the merge must not save over it
    filled = plan.filled
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
