"""Writes of the duplicates app: the sweep, reviewers' decisions and learning the parameters.

The sweep pairs records that share a search key (``ClientNameKey``: both names' skeletons in
any script, a skeleton and the birth year, a name token, the full birth date, the phone, an
identifier), in one query that the database groups; keys shared by more than ``GROUP_CAP``
records (fewer for names alone, ``KIND_CAPS``) are left out. The pairs are scored with the
deployment's Fellegi–Sunter model (``clients.matching.batch``): each record prepared once, the
cheap fields first, and the names compared only where they could still lift the pair to the
threshold, once per pair of names. Pairs at or above the threshold land in the queue; a pair
judged "different people" is never offered again.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from itertools import combinations
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from kotopolku.audit.services import audit_record
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.matching.batch import BatchScorer, Explained
from kotopolku.clients.matching.linkage import Profile
from kotopolku.clients.matching.parallel import default_processes, score_pairs
from kotopolku.clients.matching.training import (
    GROUP_CAP,
    KIND_CAPS,
    candidate_pairs,
    estimate,
    token_frequencies,
)
from kotopolku.clients.matching.warning import current_parameters, forget_parameters
from kotopolku.clients.models import Client, ClientIdentifier, ClientNameKey
from kotopolku.duplicates.models import DuplicatePair, MatchParameters, PairStatus, Sweep, SweepStatus

PURPOSE = "duplicate records"
SWEEP_THRESHOLD = 0.5
CHUNK = 50_000  # pairs scored between two progress updates
_FIELDS = (
    "id",
    "service_point_id",
    "given_names",
    "family_name",
    "given_names_latin",
    "family_name_latin",
    "other_names",
    "birth_year",
    "birth_month",
    "birth_day",
    "gender",
    "citizenships",
    "phone",
    "email",
    "personal_identity_code",
    "municipality_id",
)


def sweep_points(sweep: Sweep) -> list[int]:
    if sweep.service_point_id:
        return [sweep.service_point_id]
    return sorted(sweep.network.service_points.values_list("pk", flat=True)) if sweep.network else []


def blocked_pairs(point_ids: Iterable[int], cap: int = GROUP_CAP) -> list[tuple[int, int]]:
    """Pairs of client ids (smaller first) that share a blocking key. The database groups the
    records by key in one pass (one query, plain SQL but for the name of the aggregate); the
    pairs of each group are made here, which is cheaper than a join of the keys on themselves."""
    points = ", ".join(str(int(point)) for point in sorted(point_ids))
    if not points:
        return []
    table = connection.ops.quote_name(ClientNameKey._meta.db_table)
    postgresql = connection.vendor == "postgresql"
    length = "char_length" if postgresql else "length"
    members = "string_agg(CAST(client_id AS text), ',')" if postgresql else "group_concat(client_id, ',')"
    # Table name from the model and integer ids only; the caps go as parameters.
    sql = f"""
        SELECT {members} FROM {table}
        WHERE service_point_id IN ({points}) AND (
            key LIKE 'pp:%%' OR key LIKE 'py:%%' OR key LIKE 'n:%%' OR key LIKE 't:%%'
            OR key LIKE 'i:%%' OR (key LIKE 'b:%%' AND {length}(key) = 12)
        )
        GROUP BY key HAVING COUNT(*) BETWEEN 2 AND CASE
            WHEN key LIKE 'pp:%%' THEN %s WHEN key LIKE 'py:%%' THEN %s ELSE %s END
    """  # noqa: S608
    pairs: set[tuple[int, int]] = set()
    with transaction.atomic(), connection.cursor() as cursor:
        if postgresql:  # the groups are many more than the planner guesses: keep them in memory
            cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, [min(cap, KIND_CAPS["pp"]), min(cap, KIND_CAPS["py"]), cap])
        for (group,) in cursor.fetchall():
            pairs.update(combinations(sorted({int(member) for member in group.split(",")}), 2))
    return list(pairs)


class _Record:
    """A client row as the model needs it (no model instance: a sweep loads many)."""

    __slots__ = _FIELDS

    def __init__(self, row: tuple[Any, ...]) -> None:
        for name, value in zip(_FIELDS, row, strict=True):
            setattr(self, name, value)

    @property
    def pk(self) -> int:
        return self.id  # type: ignore[attr-defined, no-any-return]


def load_profiles(point_ids: list[int]) -> dict[int, tuple[Profile, int]]:
    """Profiles of the clients of the points, with each one's service point; merged and
    anonymised records are left out."""
    rows = Client.objects.filter(service_point_id__in=point_ids).exclude(
        status__in=(ClientStatus.MERGED, ClientStatus.ANONYMISED)
    )
    identifiers: dict[int, list[str]] = {}
    for client_id, value in ClientIdentifier.objects.filter(
        client__service_point_id__in=point_ids
    ).values_list("client_id", "value"):
        identifiers.setdefault(client_id, []).append(value)
    profiles = {}
    for row in rows.values_list(*_FIELDS).iterator(chunk_size=5000):
        record = _Record(row)
        profiles[row[0]] = (Profile.of_client(record, identifiers.get(row[0], ())), row[1])
    return profiles


def _progress(sweep: Sweep, stage: str, progress: int, **counts: int) -> None:
    sweep.stage, sweep.progress = stage, progress
    for name, value in counts.items():
        setattr(sweep, name, value)
    Sweep.objects.filter(pk=sweep.pk).update(stage=stage, progress=progress, **counts)


def sweep_run(
    sweep: Sweep, *, report: Callable[[str], None] | None = None, stages: dict[str, float] | None = None
) -> Sweep:
    """Run ``sweep``: find, score and queue the likely duplicate pairs of its registry. ``stages``,
    if given, receives each stage's seconds and the scoring's counts."""
    started = time.perf_counter()
    stages = {} if stages is None else stages
    lap = started
    Sweep.objects.filter(pk=sweep.pk).update(status=SweepStatus.RUNNING)
    try:
        points = sweep_points(sweep)
        pairs, profiles = _pairs_and_profiles(points)
        _progress(sweep, "records", 25, records=len(profiles), compared=len(pairs))
        parameters = current_parameters()
        frequency = token_frequencies(profile for profile, _point in profiles.values())
        lap = _lap(stages, "blocking and loading", lap)
        scorer = BatchScorer({pk: profile for pk, (profile, _point) in profiles.items()}, parameters,
                             frequency, sweep.threshold)  # fmt: skip
        found = _score_pairs(sweep, pairs, scorer, stages)
        _progress(sweep, "queue", 90)
        lap = _lap(stages, "scoring", lap)
        _save_pairs(sweep, found, profiles)
        _lap(stages, "queue", lap)
    except Exception:
        Sweep.objects.filter(pk=sweep.pk).update(status=SweepStatus.FAILED, finished_at=timezone.now())
        raise
    seconds = round(time.perf_counter() - started, 2)
    Sweep.objects.filter(pk=sweep.pk).update(
        status=SweepStatus.DONE,
        progress=100,
        stage="",
        found=len(found),
        seconds=seconds,
        finished_at=timezone.now(),
    )
    sweep.refresh_from_db()
    if report:
        report(f"{sweep.records} records, {sweep.compared} pairs compared, {sweep.found} found, {seconds} s")
    return sweep


def _pairs_and_profiles(points: list[int]) -> tuple[list[tuple[int, int]], dict[int, tuple[Profile, int]]]:
    """The blocked pairs and every record's profile. The database groups the keys while this
    process prepares the records, over a connection of its own, unless the caller holds a
    transaction (whose rows another connection would not see)."""
    if connection.in_atomic_block:
        return blocked_pairs(points), load_profiles(points)

    def block() -> list[tuple[int, int]]:
        try:
            return blocked_pairs(points)
        finally:
            connection.close()  # the thread's own

    with ThreadPoolExecutor(max_workers=1) as executor:
        pairs = executor.submit(block)
        profiles = load_profiles(points)
        return pairs.result(), profiles


def _lap(stages: dict[str, float], stage: str, since: float) -> float:
    now = time.perf_counter()
    stages[stage] = round(now - since, 2)
    return now


def _score_pairs(
    sweep: Sweep, pairs: list[tuple[int, int]], scorer: BatchScorer, stages: dict[str, float]
) -> list[Explained]:
    def progress(done: int) -> None:
        _progress(sweep, "scoring", 25 + int(65 * done / max(1, len(pairs))))

    processes = settings.SWEEP_PROCESSES or default_processes()
    found = score_pairs(scorer, pairs, processes=processes, chunk=CHUNK, progress=progress)
    stages["names_compared"] = scorer.counts.names_compared
    stages["name_pairs"] = scorer.counts.name_pairs
    return found


@transaction.atomic
def _save_pairs(
    sweep: Sweep,
    found: list[Explained],
    profiles: dict[int, tuple[Profile, int]],
) -> None:
    """New pairs join the queue; pairs already open are updated; decided pairs stay decided."""
    existing = {
        (first, second): (pk, status)
        for pk, first, second, status in DuplicatePair.objects.filter(
            first_id__in={pair[0] for pair in found}
        ).values_list("pk", "first_id", "second_id", "status")
    }
    new: list[_NewPair] = []
    changed: list[DuplicatePair] = []
    for first, second, probability, reasons in found:
        point_a, point_b = profiles[first][1], profiles[second][1]
        known = existing.get((first, second))
        if known is None:
            new.append(_NewPair(first, second, point_a, point_b, probability, reasons))
        elif known[1] == PairStatus.OPEN:
            changed.append(DuplicatePair(pk=known[0], probability=probability, reasons=reasons, sweep=sweep))
    _insert_pairs(sweep, new)
    DuplicatePair.objects.bulk_update(changed, ["probability", "reasons", "sweep"], batch_size=2000)


class _NewPair(NamedTuple):
    first_id: int
    second_id: int
    service_point_id: int
    other_service_point_id: int
    probability: float
    reasons: list[str]


def _insert_pairs(sweep: Sweep, pairs: list[_NewPair]) -> None:
    """New pairs into the queue; on PostgreSQL by COPY (a sweep may find tens of thousands: COPY
    takes less than half the time of INSERTs)."""
    if connection.vendor != "postgresql":
        DuplicatePair.objects.bulk_create(
            [DuplicatePair(**pair._asdict(), sweep=sweep) for pair in pairs], batch_size=2000
        )
        return
    from psycopg.types.json import Jsonb

    now = timezone.now()
    table = connection.ops.quote_name(DuplicatePair._meta.db_table)
    columns = (*_NewPair._fields, "uuid", "created_at", "updated_at", "status", "sweep_id")
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for pair in pairs:
            copy.write_row(
                (*pair[:-1], Jsonb(pair.reasons), uuid.uuid4(), now, now, PairStatus.OPEN.value, sweep.pk)
            )


@transaction.atomic
def sweep_request(
    *, by: Any, service_point: Any = None, network: Any = None, threshold: float = SWEEP_THRESHOLD
) -> Sweep:
    """Record a sweep asked for by ``by`` (the caller has checked ``duplicates.sweep`` over the
    scope), audited; the task runs it."""
    sweep = Sweep.objects.create(
        service_point=service_point, network=network, threshold=threshold, requested_by=by
    )
    audit_record(
        actor=by,
        action="duplicates.sweep",
        target=sweep,
        purpose=PURPOSE,
        details={
            "service_point": getattr(service_point, "slug", None),
            "network": getattr(network, "slug", None),
        },
        service_point_id=getattr(service_point, "pk", None),
    )
    return sweep


@transaction.atomic
def pair_decide_different(*, pair: DuplicatePair, by: Any) -> DuplicatePair:
    """The reviewer judged the two records to be different people: kept, never offered again."""
    pair = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
    pair.status, pair.decided_by, pair.decided_at = PairStatus.DIFFERENT, by, timezone.now()
    pair.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=by,
        action="duplicates.different",
        target=pair.first,
        purpose=PURPOSE,
        details={"pair": pair.pk, "other": str(pair.second.uuid), "probability": pair.probability},
    )
    return pair


def parameters_learn(
    *, point_ids: list[int], by: Any = None, report: Callable[[str], None] | None = None
) -> MatchParameters:
    """Learn the model's parameters from the registry of ``point_ids`` without labels and keep
    them for this deployment (the warning and the sweep read them)."""
    profiles = [profile for profile, _point in load_profiles(point_ids).values()]
    pairs = candidate_pairs(profiles)
    parameters = estimate(profiles, pairs, start=current_parameters(), source="registry", progress=report)
    row = MatchParameters.objects.create(
        parameters=parameters.as_json(), records=len(profiles), pairs=len(pairs), learned_by=by
    )
    forget_parameters()
    audit_record(
        actor=by,
        action="duplicates.learn",
        target=row,
        purpose=PURPOSE,
        details={"records": len(profiles), "pairs": len(pairs), "prior": parameters.prior},
    )
    return row
