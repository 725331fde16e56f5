"""Shared timing for the benchmarks: run a callable many times, report p50/p95 and queries."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotopolku.settings")
    os.environ.setdefault("KOTOPOLKU_ENV", "development")
    import django

    django.setup()


@dataclass
class Measurement:
    name: str
    samples_ms: list[float]
    queries: int
    reference_ms: list[float] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[max(0, round(0.95 * len(ordered)) - 1)]

    def line(self, *, floor_ms: float | None = None, target_ms: float | None = None) -> str:
        parts = [
            f"{self.name}: p50={self.p50:.2f}ms p95={self.p95:.2f}ms n={len(self.samples_ms)} "
            f"queries={self.queries}"
        ]
        if floor_ms is not None and floor_ms > 0:
            parts.append(f"floor={floor_ms:.2f}ms ratio={self.p95 / floor_ms:.1f}x")
        if target_ms is not None:
            verdict = "meets" if self.p95 <= target_ms else "MISSES"
            parts.append(f"target<={target_ms:g}ms {verdict}")
        if self.reference_ms:
            parts.append(f"cpu-ref={statistics.median(self.reference_ms):.2f}ms")
        return " ".join(parts)


def cpu_reference_ms() -> float:
    """The time of a fixed piece of pure Python work (1–2 ms on this project's 2-core machines).

    A shared machine's CPU speed can change by half between seconds; the median of this taken
    among a measurement's samples says how fast the machine was while they were taken, so that
    runs can be compared by it (``cpu-ref`` in the output line)."""
    started = time.perf_counter()
    total = 0
    for i in range(20_000):
        total += i * i
    return (time.perf_counter() - started) * 1000


def measure(name: str, work: Callable[[int], Any], *, repeat: int = 200, warmup: int = 10) -> Measurement:
    """Call ``work(i)`` ``repeat`` times after a warm-up; count the queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(warmup):
        work(i)
    with CaptureQueriesContext(connection) as captured:
        work(warmup)
    queries = len(captured.captured_queries)
    samples = []
    reference = []
    for i in range(repeat):
        if i % 10 == 0:
            reference.append(cpu_reference_ms())
        started = time.perf_counter()
        work(i)
        samples.append((time.perf_counter() - started) * 1000)
    return Measurement(name=name, samples_ms=samples, queries=queries, reference_ms=reference)
