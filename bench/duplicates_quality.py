"""The duplicate model side by side with splink, on the same sample and the same pairs.

    KOTOPOLKU_ENV=development .venv/bin/python bench/duplicates_quality.py [--clusters 500]

Data: the 500-cluster sample of ``dedup/historical_figures_with_errors_50k.parquet`` that
``names_quality.py`` draws (same seed, same clusters). Fields given to both: first name,
surname, birth date, gender and birth place (as the municipality). Every unordered pair of the
sample is judged: a pair a system does not score (its blocking left it out) counts as "not the
same person". Precision, recall and F1 over the true pairs, at each system's own threshold (ours:
the registration warning's, splink: 0.5 probability... and its best) and at the best threshold,
and the wall time of training and scoring.

* ours: ``kotopolku.clients.matching`` (blocking on the search keys, Fellegi–Sunter scored in
  ``linkage``), trained on the sample without labels (``training.estimate``) as splink is; and,
  for reference, with the shipped default parameters;
* splink 5 on DuckDB, trained as its tutorial trains the same data: u by random sampling, m by
  expectation maximisation over two blocking rules; names by ``ForenameSurnameComparison``,
  the date by ``DateOfBirthComparison``, gender and birth place by exact match with term
  frequencies. ``--splink-all-fields`` adds the postcode and occupation the product has no
  field for (reported apart: not the same fields).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "dedup" / "historical_figures_with_errors_50k.parquet"
SEED = 20261122  # names_quality.SEED: the same clusters
COLUMNS = ["unique_id", "cluster", "first_name", "surname", "dob", "gender", "birth_place", "postcode_fake",
           "occupation"]  # fmt: skip


def load(cluster_count: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(the sample's rows, the other clusters' rows), drawn as ``names_quality.historical``."""
    import pyarrow.parquet as pq

    rows = pq.read_table(DATA, columns=COLUMNS).to_pylist()
    rng = random.Random(SEED)
    all_clusters = sorted({row["cluster"] for row in rows})
    chosen = set(rng.sample(all_clusters, min(cluster_count, len(all_clusters))))
    sample = [row for row in rows if row["cluster"] in chosen]
    rest = [row for row in rows if row["cluster"] not in chosen]
    return sample, rest


def _birth(text: str | None) -> tuple[int | None, int | None, int | None]:
    try:
        year, month, day = (int(x) for x in (text or "")[:10].split("-"))
    except ValueError:
        return (None, None, None)
    return (year, month, day)


def profiles_of(rows: list[dict[str, Any]]) -> list[Any]:
    from kotopolku.clients.matching.linkage import Profile
    from kotopolku.clients.matching.transliterate import tokens_of

    profiles = []
    for index, row in enumerate(rows):
        tokens = tokens_of(f"{row['first_name'] or ''} {row['surname'] or ''}"[:400])
        gender = {"male": "man", "female": "woman"}.get(row["gender"] or "", "")
        profiles.append(
            Profile.of(
                pk=index,
                forms=[tokens] if tokens else [],
                birth=_birth(row["dob"]),
                gender=gender,
                municipality=row["birth_place"] or None,
            )
        )
    return profiles


def true_pairs(rows: list[dict[str, Any]]) -> set[tuple[int, int]]:
    members: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        members[row["cluster"]].append(index)
    pairs = set()
    for indexes in members.values():
        for i, first in enumerate(indexes):
            for second in indexes[i + 1 :]:
                pairs.add((first, second))
    return pairs


def prf(scored: dict[tuple[int, int], float], truth: set[tuple[int, int]], threshold: float) -> tuple:
    warned = {pair for pair, probability in scored.items() if probability >= threshold}
    hits = len(warned & truth)
    precision = hits / len(warned) if warned else 1.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(warned)


def best(
    scored: dict[tuple[int, int], float], truth: set[tuple[int, int]], least_precision: float = 0.0
) -> tuple[float, tuple]:
    """The threshold of the best F1 (among those of at least ``least_precision``)."""
    thresholds = sorted({round(p, 4) for p in scored.values()})
    if len(thresholds) > 400:
        thresholds = thresholds[:: len(thresholds) // 400]
    results = [(t, prf(scored, truth, t)) for t in thresholds]
    results = [item for item in results if item[1][0] >= least_precision] or results
    return max(results, key=lambda item: item[1][2])


def line(label: str, threshold: float, result: tuple, seconds: float | None = None) -> str:
    precision, recall, f1, warned = result
    text = (
        f"{label:<44} @{threshold:<6.3f} precision={precision:.3f} recall={recall:.3f} "
        f"F1={f1:.3f} warned={warned}"
    )
    return text + (f" wall={seconds:.1f}s" if seconds is not None else "")


def run_ours(rows: list[dict[str, Any]], *, trained: bool) -> tuple[dict[tuple[int, int], float], float]:
    from kotopolku.clients.matching.linkage import DEFAULT_PARAMETERS, score
    from kotopolku.clients.matching.training import candidate_pairs, estimate, token_frequencies

    started = time.perf_counter()
    profiles = profiles_of(rows)
    pairs = candidate_pairs(profiles)
    parameters = (
        estimate(profiles, pairs, start=DEFAULT_PARAMETERS, source="sample")
        if trained
        else DEFAULT_PARAMETERS
    )
    frequency = token_frequencies(profiles)
    scored = {(i, j): score(profiles[i], profiles[j], parameters, frequency).probability for i, j in pairs}
    return scored, time.perf_counter() - started


def run_splink(rows: list[dict[str, Any]], *, all_fields: bool) -> tuple[dict[tuple[int, int], float], float]:
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    started = time.perf_counter()
    table = pa.Table.from_pylist(
        [
            {
                "unique_id": index,
                "first_name": row["first_name"],
                "surname": row["surname"],
                "first_name_surname": " ".join(x for x in (row["first_name"], row["surname"]) if x) or None,
                "dob": row["dob"],
                "gender": row["gender"],
                "birth_place": row["birth_place"],
                "postcode_fake": row["postcode_fake"],
                "occupation": row["occupation"],
            }
            for index, row in enumerate(rows)
        ]
    )
    comparisons = [
        cl.ForenameSurnameComparison(
            "first_name", "surname", forename_surname_concat_col_name="first_name_surname"
        ),
        cl.DateOfBirthComparison("dob", input_is_string=True),
        cl.ExactMatch("gender"),
        cl.ExactMatch("birth_place").configure(term_frequency_adjustments=True),
    ]
    if all_fields:
        comparisons += [
            cl.PostcodeComparison("postcode_fake"),
            cl.ExactMatch("occupation").configure(term_frequency_adjustments=True),
        ]
    settings = SettingsCreator(
        link_type="dedupe_only",
        # The tutorial's rules for this data, those of fields the run does not use left out.
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("substr(first_name,1,3)", "substr(surname,1,4)"),
            block_on("surname", "dob"),
            block_on("first_name", "dob"),
            block_on("dob", "birth_place"),
            block_on("substr(first_name,1,2)", "substr(surname,1,2)", "substr(dob,1,4)"),
        ]
        + (
            [
                block_on("postcode_fake", "first_name"),
                block_on("postcode_fake", "surname"),
                block_on("substr(postcode_fake,1,3)", "dob"),
                block_on("substr(postcode_fake,1,3)", "first_name"),
                block_on("substr(postcode_fake,1,3)", "surname"),
            ]
            if all_fields
            else []
        ),
        comparisons=comparisons,
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI()
    linker = Linker(db_api.register(table), settings, log_level="ERROR")
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob"), block_on("surname", "dob")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname"), estimate_without_term_frequencies=True
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    predictions = linker.inference.predict().as_record_list()
    scored = {}
    for row in predictions:
        pair = tuple(sorted((int(row["unique_id_l"]), int(row["unique_id_r"]))))
        scored[pair] = max(scored.get(pair, 0.0), float(row["match_probability"]))
    return scored, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clusters", type=int, default=500)
    parser.add_argument("--splink-all-fields", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if not DATA.exists():
        print(f"{DATA} is absent: nothing to measure")
        return
    from harness import setup_django

    setup_django()
    from kotopolku.clients.matching.duplicate_check import DUPLICATE_THRESHOLD

    rows, _rest = load(args.clusters)
    truth = true_pairs(rows)
    print(
        f"sample: {len(rows)} records, {len(rows) * (len(rows) - 1) // 2} unordered pairs, {len(truth)} true"
    )
    runs = [
        (
            "ours (trained on the sample, no labels)",
            lambda: run_ours(rows, trained=True),
            DUPLICATE_THRESHOLD,
        ),
        ("ours (shipped default parameters)", lambda: run_ours(rows, trained=False), DUPLICATE_THRESHOLD),
        ("splink 5 duckdb (same fields)", lambda: run_splink(rows, all_fields=False), 0.5),
    ]
    if args.splink_all_fields:
        runs.append(
            ("splink 5 duckdb (+postcode, occupation)", lambda: run_splink(rows, all_fields=True), 0.5)
        )
    for label, work, threshold in runs:
        scored, seconds = work()
        print(line(label, threshold, prf(scored, truth, threshold), seconds))
        best_threshold, result = best(scored, truth)
        print(line(label + " best", best_threshold, result))
        precise_threshold, result = best(scored, truth, least_precision=0.95)
        print(line(label + " best, precision>=0.95", precise_threshold, result))


if __name__ == "__main__":
    main()
