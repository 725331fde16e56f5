"""The registry-wide duplicate sweep over a whole generated network (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dup_bench KOTOPOLKU_ENV=development \\
        .venv/bin/python bench/generate_clients.py --total 100000
    .venv/bin/python bench/duplicates_sweep.py [--repeat 3]

Runs ``duplicates.services.sweep_run`` over the network ``bench-speed-network`` (every client of
the data set) and prints its wall time and each stage's: blocking (one SQL query) while the
records are loaded and prepared, scoring (the names compared only where the pair could still
reach the threshold; in as many processes as the machine has cores), writing the queue; with
the pairs compared, the pairs whose names were compared, the distinct pairs of names, the CPU
time of the sweep's processes, the harness's ``cpu-ref`` and the load average. The target: 100 000
clients in 30 s or less.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--network", default="bench-speed-network")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from harness import cpu_reference_ms, setup_django

    setup_django()
    from django.db import connection

    from kotopolku.clients.models import Client
    from kotopolku.duplicates.models import DuplicatePair
    from kotopolku.duplicates.services import sweep_request, sweep_run
    from kotopolku.organisations.models import Network

    network = Network.objects.get(slug=args.network)
    points = list(network.service_points.values_list("pk", flat=True))
    clients = Client.objects.filter(service_point_id__in=points).count()
    print(f"network {network.slug}: {clients} clients at {len(points)} service points, {connection.vendor}")
    walls = []
    for run in range(args.repeat):
        DuplicatePair.objects.filter(service_point_id__in=points).delete()
        _forget_caches()  # each run starts cold, as a sweep in a new worker process does
        cpu_before = _cpu_seconds()
        reference = statistics.median(cpu_reference_ms() for _ in range(21))
        load = os.getloadavg()[0]
        stages: dict[str, float] = {}
        sweep = sweep_run(sweep_request(by=None, network=network), stages=stages)
        walls.append(sweep.seconds or 0.0)
        cpu = _cpu_seconds() - cpu_before
        print(
            f"run {run + 1}: sweep {sweep.seconds:.1f} s (blocking and loading at once "
            f"{stages['blocking and loading']:.1f} s, scoring {stages['scoring']:.1f} s, "
            f"queue {stages['queue']:.1f} s); records {sweep.records}, pairs compared {sweep.compared}, "
            f"names compared {int(stages['names_compared'])}, distinct name pairs "
            f"{int(stages['name_pairs'])}, found {sweep.found}; CPU {cpu:.1f} s in this process "
            f"and its scoring processes; cpu-ref={reference:.2f}ms "
            f"load={load:.1f}"
        )
    print(
        f"sweep over {clients} clients: median {statistics.median(walls):.1f} s, "
        f"min {min(walls):.1f} s, max {max(walls):.1f} s (target 30 s at 100 000)"
    )


def _cpu_seconds() -> float:
    """User and system time of this process and of its children that ended (the scoring
    processes are joined before the sweep returns)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _forget_caches() -> None:
    """Empty the bounded caches of the matching modules (names tokenised, parts compared); the
    transliteration tables, read once per process, stay."""
    import functools

    from kotopolku.clients.matching import candidates, keys, learned, linkage, ranking, transliterate

    for module in (candidates, keys, learned, linkage, ranking, transliterate):
        for value in vars(module).values():
            cached = isinstance(value, functools._lru_cache_wrapper) and value.__module__ == module.__name__
            if cached and value.cache_info().maxsize is not None:
                value.cache_clear()


if __name__ == "__main__":
    main()
