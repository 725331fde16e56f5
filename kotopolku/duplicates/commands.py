"""``python -m kotopolku clients sweep``: the sweep from the command line (the clients command
finds this through ``DuplicatesConfig.clients_commands``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from kotopolku.organisations.models import Network, ServicePoint


def sweep_command(command: Any, options: dict[str, Any]) -> None:
    """``--service-point SLUG`` or ``--network SLUG`` (every service point when neither, one
    sweep each); ``--learn`` first learns the model's parameters from that registry."""
    from kotopolku.duplicates.services import SWEEP_THRESHOLD, parameters_learn, sweep_request, sweep_run

    threshold = options.get("threshold") or SWEEP_THRESHOLD
    scopes: list[dict[str, Any]]
    if options.get("network"):
        network = Network.objects.filter(slug=options["network"]).first()
        if network is None:
            raise CommandError(f"No network {options['network']!r}.")
        scopes = [{"network": network}]
        points = list(network.service_points.values_list("pk", flat=True))
    elif options.get("service_point"):
        point = ServicePoint.objects.filter(slug=options["service_point"]).first()
        if point is None:
            raise CommandError(f"No service point {options['service_point']!r}.")
        scopes, points = [{"service_point": point}], [point.pk]
    else:
        all_points = list(ServicePoint.objects.order_by("pk"))
        scopes, points = [{"service_point": point} for point in all_points], [p.pk for p in all_points]
    if options.get("learn"):
        row = parameters_learn(point_ids=points, report=command.stdout.write)
        command.stdout.write(f"Parameters learned from {row.records} records and {row.pairs} pairs.")
    for scope in scopes:
        sweep = sweep_request(by=None, threshold=threshold, **scope)
        sweep_run(sweep, report=command.stdout.write)
    command.stdout.write(command.style.SUCCESS(f"{len(scopes)} sweep(s) done."))
