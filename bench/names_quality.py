"""Quality of client search and of the duplicate warning, on data we did not write.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_matching_bench KOTOPOLKU_ENV=development \\
        .venv/bin/python bench/names_quality.py [--index 3000] [--queries 1000]

Data (``../shared/data`` from the repository):

* ``names/wd_{russian,arabic,chinese}_80.tsv`` — Wikidata name pairs: a Latin spelling, the name
  in the native script (characters space-separated) and how often the pair occurs. Three tasks
  per language, each with its own index of clients (the other names are the distractors):
  ``native→latin`` index the native form, search by a Latin spelling; ``latin→native`` the
  reverse; ``latin→latin`` index the most common Latin spelling of a native name, search by
  another Latin spelling found in the data for the same native name (variants we did not make).
  Rows with count ≥ 2 only (count-1 rows are mostly alignment noise such as "oramas → мартин").
* ``dedup/fake_1000.csv`` and ``dedup/historical_figures_with_errors_50k.parquet`` (a sample of
  whole clusters): records with typos, nicknames and wrong dates; ``cluster`` is the true person.

Search: recall@5 = share of queries whose right record is in the first five results. Ours is
``client_search`` (keys + rapidfuzz, through the database); baselines: rapidfuzz ``fuzz.ratio``
on anyascii-normalised full names over every indexed record (brute force), and on PostgreSQL
pg_trgm ``similarity()`` on the names as stored and on anyascii-normalised names.

Duplicate warning: each record in turn is "registered" against all the others; a warned pair
is a true positive when both records are of one cluster. Precision and recall over pairs, for
``client_duplicate_candidates`` and for the baseline "fuzz.ratio of normalised full names ≥ T".
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
LANGUAGES = ("russian", "arabic", "chinese")
SEED = 20261122
SWEEP = (0.7, 0.75, 0.8, 0.86, 0.9)  # duplicate thresholds reported besides the product's


@dataclass
class SearchResult:
    name: str
    queries: int
    ours: float
    ratio: float
    trgm_stored: float | None = None
    trgm_plain: float | None = None

    def line(self) -> str:
        parts = [f"{self.name}: n={self.queries} recall@5 ours={self.ours:.3f} fuzz.ratio={self.ratio:.3f}"]
        if self.trgm_stored is not None:
            parts.append(f"pg_trgm(stored)={self.trgm_stored:.3f} pg_trgm(anyascii)={self.trgm_plain:.3f}")
        parts.append(f"ours-minus-best-baseline={self.ours - self.best_baseline:+.3f}")
        return " ".join(parts)

    @property
    def best_baseline(self) -> float:
        return max(x for x in (self.ratio, self.trgm_stored, self.trgm_plain) if x is not None)


@dataclass
class DuplicateResult:
    name: str
    records: int
    true_pairs: int
    ours: tuple[float, float, int]  # precision, recall, warned pairs
    baselines: dict[str, tuple[float, float, int]]

    def line(self) -> str:
        def fmt(label: str, value: tuple[float, float, int]) -> str:
            return f"{label}: precision={value[0]:.3f} recall={value[1]:.3f} warned={value[2]}"

        parts = [f"{self.name}: records={self.records} true_pairs={self.true_pairs}", fmt("ours", self.ours)]
        parts += [fmt(label, value) for label, value in self.baselines.items()]
        return " | ".join(parts)


# --- data -----------------------------------------------------------------------------------


def names_file(language: str) -> Path:
    return DATA / "names" / f"wd_{language}_80.tsv"


def read_pairs(language: str, *, min_count: int = 2) -> list[tuple[str, str, int]]:
    pairs = []
    with names_file(language).open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            latin, native, count = parts[0].strip(), parts[1].replace(" ", ""), int(parts[2] or 0)
            if latin and native and count >= min_count:
                pairs.append((latin, native, count))
    return pairs


# --- search evaluation ----------------------------------------------------------------------


def _plain_names(clients: list[Any]) -> list[str]:
    from kotopolku.clients.matching.transliterate import plain

    return [
        plain(f"{c.given_names} {c.family_name} {c.given_names_latin} {c.family_name_latin}") for c in clients
    ]


def evaluate_search(
    name: str,
    point: Any,
    user: Any,
    records: list[dict[str, Any]],
    queries: list[tuple[str, set[int]]],
    *,
    trgm: bool,
) -> SearchResult:
    """``records``: Client fields; ``queries``: (text, indexes of the right records)."""
    from clients_common import clear_point, index_clients
    from rapidfuzz import fuzz, process

    from kotopolku.clients.matching.selectors import client_search
    from kotopolku.clients.matching.transliterate import plain

    clear_point(point)
    clients = index_clients(point, records)
    ids = [c.pk for c in clients]
    plains = _plain_names(clients)
    ours = ratio = stored = normalised = 0
    for text, right in queries:
        right_ids = {ids[i] for i in right}
        found = [m.client.pk for m in client_search(user=user, text=text, limit=5)]
        ours += bool(right_ids & set(found))
        best = process.extract(plain(text), plains, scorer=fuzz.ratio, limit=5)
        ratio += bool(right & {index for _, _, index in best})
        if trgm:
            stored += bool(right_ids & set(_trgm_stored(point, text)))
            normalised += bool(right_ids & set(_trgm_plain(point, plain(text))))
    n = max(1, len(queries))
    return SearchResult(
        name=name,
        queries=len(queries),
        ours=ours / n,
        ratio=ratio / n,
        trgm_stored=stored / n if trgm else None,
        trgm_plain=normalised / n if trgm else None,
    )


def _trgm_stored(point: Any, text: str) -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM clients_client WHERE service_point_id = %s ORDER BY similarity("
            "concat_ws(' ', given_names, family_name, given_names_latin, family_name_latin), %s) DESC, id"
            " LIMIT 5",
            [point.pk, text],
        )
        return [row[0] for row in cursor.fetchall()]


def _trgm_plain(point: Any, text: str) -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT client_id FROM bench_plain_names WHERE service_point_id = %s"
            " ORDER BY similarity(name, %s) DESC, client_id LIMIT 5",
            [point.pk, text],
        )
        return [row[0] for row in cursor.fetchall()]


def _fill_plain_table(point: Any) -> None:
    from django.db import connection

    from kotopolku.clients.models import Client

    clients = list(Client.objects.filter(service_point=point))
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_plain_names"
            " (client_id bigint, service_point_id bigint, name text)"
        )
        cursor.execute("DELETE FROM bench_plain_names WHERE service_point_id = %s", [point.pk])
        cursor.executemany(
            "INSERT INTO bench_plain_names VALUES (%s, %s, %s)",
            [(c.pk, point.pk, name) for c, name in zip(clients, _plain_names(clients), strict=True)],
        )


def names_tasks(
    language: str, *, index_size: int, query_count: int
) -> list[tuple[str, list[dict[str, Any]], list[tuple[str, set[int]]]]]:
    """The three tasks of one language: (name, records to index, queries)."""
    from kotopolku.clients.matching.learned import in_benchmark_half

    rng = random.Random(f"{SEED}-{language}")
    pairs = read_pairs(language)
    by_native: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for latin, native, count in pairs:
        by_native[native].append((latin, count))
    # Only the half of the names that the learned transliteration tables never saw.
    natives = sorted(native for native in by_native if in_benchmark_half(native))
    rng.shuffle(natives)
    natives = natives[:index_size]
    tasks = []

    # native → latin: one client per native name; query by one of its Latin spellings.
    records = [{"family_name": native} for native in natives]
    queries = []
    for index, native in enumerate(natives[:query_count]):
        latin = rng.choice(by_native[native])[0]
        queries.append((latin, {index}))
    tasks.append((f"{language} native→latin", records, queries))

    # latin → native: one client per (most common) Latin spelling; query by the native name.
    records = [{"family_name_latin": max(by_native[n], key=lambda p: p[1])[0]} for n in natives]
    queries = [(native, {index}) for index, native in enumerate(natives[:query_count])]
    tasks.append((f"{language} latin→native", records, queries))

    # latin → latin: index the most common spelling, query by another one of the same native name.
    queries = []
    for index, native in enumerate(natives):
        spellings = sorted(by_native[native], key=lambda p: -p[1])
        others = [s for s, _ in spellings[1:] if s.lower() != spellings[0][0].lower()]
        if others and len(queries) < query_count:
            queries.append((rng.choice(others), {index}))
    tasks.append((f"{language} latin→latin variants", records, queries))
    return tasks


# --- duplicates -----------------------------------------------------------------------------


def _date_parts(text: str | None) -> dict[str, int | None]:
    if not text:
        return {"birth_year": None, "birth_month": None, "birth_day": None}
    try:
        year, month, day = (int(x) for x in text[:10].split("-"))
    except ValueError:
        return {"birth_year": None, "birth_month": None, "birth_day": None}
    return {"birth_year": year, "birth_month": month, "birth_day": day}


def fake_1000() -> tuple[list[dict[str, Any]], list[str]]:
    records, clusters = [], []
    with (DATA / "dedup" / "fake_1000.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            records.append(
                {
                    "given_names_latin": row["first_name"],
                    "family_name_latin": row["surname"],
                    **_date_parts(row["dob"]),
                }
            )
            clusters.append(row["cluster"])
    return records, clusters


def historical(cluster_count: int) -> tuple[list[dict[str, Any]], list[str]]:
    import pyarrow.parquet as pq

    table = pq.read_table(
        DATA / "dedup" / "historical_figures_with_errors_50k.parquet",
        columns=["cluster", "first_name", "surname", "dob"],
    ).to_pylist()
    rng = random.Random(SEED)
    all_clusters = sorted({row["cluster"] for row in table})
    chosen = set(rng.sample(all_clusters, min(cluster_count, len(all_clusters))))
    records, clusters = [], []
    for row in table:
        if row["cluster"] in chosen:
            records.append(
                {
                    "given_names_latin": (row["first_name"] or "")[:200],
                    "family_name_latin": (row["surname"] or "")[:200],
                    **_date_parts(row["dob"]),
                }
            )
            clusters.append(row["cluster"])
    return records, clusters


def _search_text(record: dict[str, Any]) -> str:
    name = f"{record.get('given_names_latin', '')} {record.get('family_name_latin', '')}".strip()
    if record.get("birth_year") and record.get("birth_day"):
        return f"{name} {record['birth_year']:04d}-{record['birth_month']:02d}-{record['birth_day']:02d}"
    return name


def evaluate_dedup(
    name: str,
    point: Any,
    user: Any,
    records: list[dict[str, Any]],
    clusters: list[str],
    *,
    query_count: int,
    ratio_thresholds: tuple[int, ...] = (85, 90),
    trgm: bool = False,
) -> tuple[SearchResult, DuplicateResult]:
    from clients_common import clear_point, index_clients
    from rapidfuzz import fuzz, process

    from kotopolku.clients.matching.selectors import (
        DUPLICATE_THRESHOLD,
        client_duplicate_candidates,
        client_search,
    )
    from kotopolku.clients.matching.transliterate import plain

    clear_point(point)
    clients = index_clients(point, records)
    index_of = {c.pk: i for i, c in enumerate(clients)}
    plains = _plain_names(clients)
    members: dict[str, set[int]] = defaultdict(set)
    for index, cluster in enumerate(clusters):
        members[cluster].add(index)
    rng = random.Random(SEED)
    candidates = [i for i in range(len(records)) if len(members[clusters[i]]) > 1]
    sample = sorted(rng.sample(candidates, min(query_count, len(candidates))))
    if trgm:
        _fill_plain_table(point)

    # Search recall@5: the query is the record as typed in the search box (name and birth date);
    # a hit is another record of the same person among the first five (the record itself removed).
    ours = ratio = stored = normalised = 0
    for i in sample:
        text = _search_text(records[i])
        others = members[clusters[i]] - {i}
        found = [index_of[m.client.pk] for m in client_search(user=user, text=text, limit=6)]
        ours += bool(others & set([f for f in found if f != i][:5]))
        best = process.extract(plain(text), plains, scorer=fuzz.ratio, limit=6)
        ratio += bool(others & {index for _, _, index in best if index != i})
        if trgm:
            found_stored = [index_of[c] for c in _trgm_stored_limit(point, text, 6)]
            stored += bool(others & set([f for f in found_stored if f != i][:5]))
            found_plain = [index_of[c] for c in _trgm_plain_limit(point, plain(text), 6)]
            normalised += bool(others & set([f for f in found_plain if f != i][:5]))
    n = max(1, len(sample))
    search = SearchResult(
        name=f"{name} search",
        queries=len(sample),
        ours=ours / n,
        ratio=ratio / n,
        trgm_stored=stored / n if trgm else None,
        trgm_plain=normalised / n if trgm else None,
    )

    # Duplicate warning, each sampled record registered against all others.
    true_pairs = sum(len(members[clusters[i]]) - 1 for i in sample)
    scored: list[tuple[float, bool]] = []
    for i in sample:
        client = clients[i]
        matches = client_duplicate_candidates(
            user=user, service_point=point, exclude=client, threshold=min(SWEEP), limit=50, **records[i]
        )
        scored += [(m.score, clusters[index_of[m.client.pk]] == clusters[i]) for m in matches]

    def at(threshold: float) -> tuple[float, float, int]:
        warned = sum(1 for score, _ in scored if score >= threshold)
        hits = sum(1 for score, right in scored if score >= threshold and right)
        return (hits / warned if warned else 1.0, hits / true_pairs if true_pairs else 0.0, warned)

    ours_pr = at(DUPLICATE_THRESHOLD)
    baselines = {
        f"ours@{threshold:.2f}": at(threshold) for threshold in SWEEP if threshold != DUPLICATE_THRESHOLD
    }
    for threshold in ratio_thresholds:
        b_warned = b_hits = 0
        for i in sample:
            scores = process.extract(plains[i], plains, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
            for _, _, j in scores:
                if j != i:
                    b_warned += 1
                    b_hits += clusters[j] == clusters[i]
        baselines[f"fuzz.ratio>={threshold}"] = (
            b_hits / b_warned if b_warned else 1.0,
            b_hits / true_pairs if true_pairs else 0.0,
            b_warned,
        )
    return search, DuplicateResult(
        name=f"{name} duplicate warning",
        records=len(records),
        true_pairs=true_pairs,
        ours=ours_pr,
        baselines=baselines,
    )


def _trgm_stored_limit(point: Any, text: str, limit: int) -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM clients_client WHERE service_point_id = %s ORDER BY similarity(concat_ws(' ',"
            " given_names, family_name, given_names_latin, family_name_latin, birth_year::text), %s) DESC, id"
            " LIMIT %s",
            [point.pk, text, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _trgm_plain_limit(point: Any, text: str, limit: int) -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT client_id FROM bench_plain_names WHERE service_point_id = %s"
            " ORDER BY similarity(name, %s) DESC, client_id LIMIT %s",
            [point.pk, text, limit],
        )
        return [row[0] for row in cursor.fetchall()]


# --- running --------------------------------------------------------------------------------


def run(
    *,
    index_size: int,
    query_count: int,
    historical_clusters: int,
    languages: tuple[str, ...] = LANGUAGES,
    emit: Callable[[str], None] = print,
) -> dict[str, Any]:
    from clients_common import bench_point, bench_user
    from django.db import connection

    trgm = connection.vendor == "postgresql"
    if trgm:
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    results: dict[str, Any] = {}
    point = bench_point("bench-quality", "Bench quality")
    user = bench_user("bench-quality@example.test", points=[point])
    for language in languages:
        if not names_file(language).exists():
            emit(f"{language}: data absent, skipped")
            continue
        for name, records, queries in names_tasks(language, index_size=index_size, query_count=query_count):
            if trgm:
                from clients_common import clear_point, index_clients

                clear_point(point)
                index_clients(point, records)
                _fill_plain_table(point)
                # evaluate_search indexes again; keep the plain table in step with it
                result = _evaluate_with_table(name, point, user, records, queries)
            else:
                result = evaluate_search(name, point, user, records, queries, trgm=False)
            results[name] = result
            emit(result.line())
    dedup_sets: list[tuple[str, Callable[[], tuple[list[dict[str, Any]], list[str]]]]] = []
    if (DATA / "dedup" / "fake_1000.csv").exists():
        dedup_sets.append(("fake_1000", fake_1000))
    if (DATA / "dedup" / "historical_figures_with_errors_50k.parquet").exists():
        dedup_sets.append(
            (f"historical_50k({historical_clusters} clusters)", lambda: historical(historical_clusters))
        )
    for name, load in dedup_sets:
        records, clusters = load()
        search, duplicates = evaluate_dedup(
            name, point, user, records, clusters, query_count=query_count, trgm=trgm
        )
        results[search.name] = search
        results[duplicates.name] = duplicates
        emit(search.line())
        emit(duplicates.line())
    return results


def _evaluate_with_table(
    name: str, point: Any, user: Any, records: list[dict[str, Any]], queries: list[tuple[str, set[int]]]
) -> SearchResult:
    """evaluate_search on PostgreSQL with the pg_trgm baselines (index once, fill the plain table)."""
    from rapidfuzz import fuzz, process

    from kotopolku.clients.matching.selectors import client_search
    from kotopolku.clients.matching.transliterate import plain
    from kotopolku.clients.models import Client

    clients = list(Client.objects.filter(service_point=point).order_by("pk"))
    ids = [c.pk for c in clients]
    plains = _plain_names(clients)
    ours = ratio = stored = normalised = 0
    for text, right in queries:
        right_ids = {ids[i] for i in right}
        ours += bool(right_ids & {m.client.pk for m in client_search(user=user, text=text, limit=5)})
        ratio += bool(
            right & {i for _, _, i in process.extract(plain(text), plains, scorer=fuzz.ratio, limit=5)}
        )
        stored += bool(right_ids & set(_trgm_stored(point, text)))
        normalised += bool(right_ids & set(_trgm_plain(point, plain(text))))
    n = max(1, len(queries))
    return SearchResult(name, len(queries), ours / n, ratio / n, stored / n, normalised / n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=int, default=3000, help="names indexed per task")
    parser.add_argument("--queries", type=int, default=1000, help="queries per task")
    parser.add_argument("--historical-clusters", type=int, default=500)
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from harness import setup_django

    setup_django()
    results = run(
        index_size=args.index,
        query_count=args.queries,
        historical_clusters=args.historical_clusters,
        languages=tuple(x for x in args.languages.split(",") if x),
    )
    print(pooled_line([r for r in results.values() if isinstance(r, SearchResult)]))


def pooled_line(searches: list[SearchResult]) -> str:
    """Every search task's queries together: recall@5 of ours, of fuzz.ratio, and of the best
    baseline of each task (an upper bound no single baseline reaches)."""
    total = sum(r.queries for r in searches) or 1

    def pooled(value: Callable[[SearchResult], float]) -> float:
        return sum(value(r) * r.queries for r in searches) / total

    ours, ratio, best = pooled(lambda r: r.ours), pooled(lambda r: r.ratio), pooled(lambda r: r.best_baseline)
    return (
        f"all search tasks: n={total} recall@5 ours={ours:.3f} fuzz.ratio={ratio:.3f} "
        f"best-baseline-per-task={best:.3f} ours-minus-fuzz.ratio={ours - ratio:+.3f} "
        f"ours-minus-best-baseline={ours - best:+.3f}"
    )


if __name__ == "__main__":
    main()
