"""A reduced run of bench/names_quality.py: the quality figures are computed, on data we did not
write, and search beats the plain baseline on native-script names."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / ".." / "shared" / "data"

pytestmark = pytest.mark.django_db


@pytest.fixture
def names_quality():
    if not (DATA / "names" / "wd_russian_80.tsv").exists() or not (DATA / "dedup" / "fake_1000.csv").exists():
        pytest.skip(f"benchmark data absent under {DATA.resolve()}")
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import names_quality

        yield names_quality
    finally:
        sys.path.remove(str(REPO / "bench"))


def test_names_quality__reduced_run_computes_recall_and_precision(names_quality):
    lines: list[str] = []
    results = names_quality.run(
        index_size=80,
        query_count=25,
        historical_clusters=4,
        languages=("russian", "arabic"),
        emit=lines.append,
    )
    search = {name: r for name, r in results.items() if isinstance(r, names_quality.SearchResult)}
    assert {"russian native→latin", "arabic latin→native", "fake_1000 search"} <= set(search)
    for result in search.values():
        assert result.queries > 0
        assert 0.0 <= result.ours <= 1.0 and 0.0 <= result.ratio <= 1.0
    assert search["russian native→latin"].ours >= 0.8
    assert search["arabic native→latin"].ours >= search["arabic native→latin"].ratio
    duplicates = results["fake_1000 duplicate warning"]
    precision, recall, warned = duplicates.ours
    assert duplicates.true_pairs > 0 and warned > 0
    assert 0.0 < recall <= 1.0 and precision >= 0.8
    assert len(lines) == len(results)
