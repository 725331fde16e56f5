"""Demo: a sweep over the Lapland network's registry, so that the review queue holds the demo's
near-duplicates (Muhammad/Mohamed Rahimi, Oleksandr/Aleksandr …) when ``make run`` starts."""

from __future__ import annotations

from typing import Any

from kotopolku.duplicates.services import sweep_request, sweep_run


def load_demo(*, tenancy: Any, stdout: Any) -> None:
    sweep = sweep_run(sweep_request(by=None, network=tenancy.network))
    stdout.write(f"Duplicates: the demo sweep found {sweep.found} pair(s) to review.")
