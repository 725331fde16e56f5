"""Day tallies of the desk: how many contacts a service point had on a local day, in all and by
topic, language, channel, client group and outcome (``DeskTally``).

The desk statistics read a network's year from these few thousand rows instead of counting a
third of a million contacts. The contacts services keep them in step in the same transaction as
the contact (``tallies_apply``): a new contact adds one to each of its rows, a correction moves
its ones from the old rows to the new, a deletion takes them away. ``tallies_recount`` rebuilds
them from the contacts (a migration, rows copied in by hand, ``manage.py desk_tallies_recount``).
Who the contacts were (anonymous or a registered client) is not tallied: it is counted from the
contacts themselves, so merging or removing clients never leaves a tally behind.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Count, Value
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone

# The rows of a contact: all contacts, then one for each way of breaking them down.
ALL = "contacts"
FIELDS = {
    "language": "language",
    "channel": "channel",
    "client_group": "client_group_id",
    "outcome": "outcome",
}
KINDS = (ALL, "topic", *FIELDS)

TallyKey = tuple[int, dt.date, str, str]  # service point, local day, kind, code


def local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE)).date()


def contact_tally(contact: Any, topic_ids: Iterable[int]) -> Counter[TallyKey]:
    """The ones a contact adds to the tallies, with the given topics."""
    point, day = contact.service_point_id, local_day(contact.happened_at)
    codes = [(ALL, "")] + [(kind, str(getattr(contact, name) or "")) for kind, name in FIELDS.items()]
    codes += [("topic", str(topic_id)) for topic_id in set(topic_ids)]
    return Counter({(point, day, kind, code): 1 for kind, code in codes})


def tallies_change(old: Counter[TallyKey], new: Counter[TallyKey]) -> None:
    """Move a contact's ones from ``old`` to ``new`` (either may be empty)."""
    delta = Counter(new)
    delta.subtract(old)
    tallies_apply(delta)


def tallies_apply(delta: Counter[TallyKey]) -> None:
    """Add ``delta`` to the tallies in one statement. Rows go in key order, so two desks saving
    at once lock the shared rows of their service point and day in the same order."""
    rows = sorted((key, n) for key, n in delta.items() if n)
    if not rows:
        return
    params: list[Any] = []
    for (point, day, kind, code), n in rows:
        params += [point, connection.ops.adapt_datefield_value(day), kind, code, n]
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(len(rows)), params)


@cache
def _upsert_sql(rows: int) -> str:
    from kotopolku.contacts.models import DeskTally

    quote = connection.ops.quote_name
    meta = DeskTally._meta
    column = {field.name: quote(field.column) for field in meta.concrete_fields}
    table = quote(meta.db_table)
    names = [column[name] for name in ("service_point", "day", "kind", "code", "contacts")]
    keys = [column[name] for name in ("service_point", "kind", "day", "code")]
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * rows)
    # Identifiers from the model only, quoted; every value is a parameter.
    return (
        f"INSERT INTO {table} ({', '.join(names)}) VALUES {values} "  # noqa: S608
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET "
        f"{column['contacts']} = {table}.{column['contacts']} + excluded.{column['contacts']}"
    )


def tallies_recount(
    contact_model: type[models.Model] | None = None,
    link_model: type[models.Model] | None = None,
    tally_model: type[models.Model] | None = None,
    batch: int = 5000,
) -> int:
    """Count every tally again from the contacts and their topic links; returns the rows written.

    The models may be given (a migration passes its historical ones)."""
    from kotopolku.contacts.models import Contact, ContactTopic, DeskTally

    contacts = (contact_model or Contact)._default_manager.all()
    links = (link_model or ContactTopic)._default_manager.all()
    tally = tally_model or DeskTally
    day = TruncDate("happened_at", tzinfo=ZoneInfo(settings.TIME_ZONE))
    written = 0
    with transaction.atomic():
        tally._default_manager.all().delete()
        for kind in KINDS:
            source = links if kind == "topic" else contacts
            if kind == ALL:
                code: Any = Value("")
            elif kind == "topic":
                code = Cast("topic_id", models.CharField())
            else:
                code = Coalesce(Cast(FIELDS[kind], models.CharField()), Value(""))
            grouped = (
                source.annotate(tally_day=day, tally_code=code)
                .values("service_point_id", "tally_day", "tally_code")
                .annotate(n=Count("*"))
                .order_by()
            )
            pending = []
            for row in grouped.iterator(chunk_size=batch):
                pending.append(
                    tally(
                        service_point_id=row["service_point_id"],
                        day=row["tally_day"],
                        kind=kind,
                        code=row["tally_code"],
                        contacts=row["n"],
                    )
                )
                if len(pending) >= batch:
                    written += len(tally._default_manager.bulk_create(pending))
                    pending = []
            written += len(tally._default_manager.bulk_create(pending))
    return written
