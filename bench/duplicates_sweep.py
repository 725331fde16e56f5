"""The registry-wide duplicate sweep over a whole generated network (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dup_bench KOTOPOLKU_ENV=development \\
        .venv/bin/python bench/generate_clients.py --total 100000
    .venv/bin/python bench/duplicates_sweep.py [--repeat 3]

Runs ``duplicates.services.sweep_run`` over the network ``bench-speed-network`` (every client of
the data set) and prints its wall time by stage: blocking (one SQL query), loading the records
met in a pair, scoring, writing the queue. Also the review queue page's query count. The
target: 100 000 clients in 30 s or less.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--network", default="bench-speed-network")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from harness import setup_django

    setup_django()
    from django.db import connection

    from kotopolku.clients.matching.linkage import _name_level
    from kotopolku.clients.models import Client
    from kotopolku.duplicates.models import DuplicatePair
    from kotopolku.duplicates.services import (
        blocked_pairs,
        load_profiles,
        sweep_points,
        sweep_request,
        sweep_run,
    )
    from kotopolku.organisations.models import Network

    network = Network.objects.get(slug=args.network)
    points = list(network.service_points.values_list("pk", flat=True))
    clients = Client.objects.filter(service_point_id__in=points).count()
    print(f"network {network.slug}: {clients} clients at {len(points)} service points, {connection.vendor}")
    walls = []
    for run in range(args.repeat):
        DuplicatePair.objects.filter(service_point_id__in=points).delete()
        _name_level.cache_clear()  # each run starts cold, as a sweep in a new worker process does
        load = os.getloadavg()[0]
        started = time.perf_counter()
        sweep = sweep_request(by=None, network=network)
        sweep_points(sweep)
        t0 = time.perf_counter()
        pairs = blocked_pairs(points)
        t1 = time.perf_counter()
        load_profiles({c for pair in pairs for c in pair}, points)
        t2 = time.perf_counter()
        sweep_run(sweep)
        wall = (
            time.perf_counter() - t0 - (t2 - t0)
        )  # the sweep itself (blocking and loading done again inside)
        walls.append(sweep.seconds or wall)
        print(
            f"run {run + 1}: sweep {sweep.seconds:.1f} s (records {sweep.records}, "
            f"pairs compared {sweep.compared}, found {sweep.found}); blocking query alone {t1 - t0:.1f} s, "
            f"loading {t2 - t1:.1f} s; load average {load:.1f}; "
            f"with the separate stage timings {time.perf_counter() - started:.1f} s"
        )
    print(
        f"sweep over {clients} clients: median {statistics.median(walls):.1f} s, "
        f"min {min(walls):.1f} s, max {max(walls):.1f} s (target 30 s at 100 000)"
    )


if __name__ == "__main__":
    main()
