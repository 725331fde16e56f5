from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string

from kotopolku.clients.matching.services import client_search_keys_rebuild
from kotopolku.clients.selectors import retention_due
from kotopolku.clients.services import retention_run
from kotopolku.clients.tasks import clients_retention


def _app_commands() -> dict[str, str]:
    """Subcommands other apps add (``clients_commands`` on their AppConfig: name → callable path)."""
    found: dict[str, str] = {}
    for config in apps.get_app_configs():
        found.update(getattr(config, "clients_commands", {}))
    return found


class Command(BaseCommand):
    help = (
        "Client registry tools. 'clients retention --dry-run' lists the records the retention period "
        "would anonymise now; without --dry-run the retention task is enqueued for the worker, or run "
        "here with --now. 'clients reindex' rewrites every client's search keys (after an upgrade "
        "that changes how names are keyed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("operation", choices=["retention", "reindex", *_app_commands()])
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be anonymised; change nothing."
        )
        parser.add_argument("--now", action="store_true", help="Run in this process instead of enqueuing.")
        parser.add_argument("--service-point", help="sweep: the service point's short name")
        parser.add_argument("--network", help="sweep: the network's short name")
        parser.add_argument("--threshold", type=float, help="sweep: the least probability queued")
        parser.add_argument("--learn", action="store_true", help="sweep: learn the model's parameters first")

    def handle(self, *args: Any, **options: Any) -> None:
        commands = _app_commands()
        if options["operation"] in commands:
            import_string(commands[options["operation"]])(self, options)
            return
        if options["operation"] == "reindex":
            total = client_search_keys_rebuild(progress=lambda done: self.stdout.write(f"{done} clients"))
            self.stdout.write(self.style.SUCCESS(f"Search keys rewritten for {total} client record(s)."))
            return
        if options["dry_run"]:
            due = retention_due()
            for client in due:
                closed = client.closed_at.date().isoformat() if client.closed_at else "-"
                self.stdout.write(f"{client.uuid}  {client.service_point.slug}  closed {closed}")
            self.stdout.write(f"{len(due)} client record(s) would be anonymised.")
            return
        if options["now"]:
            done = retention_run()
            self.stdout.write(self.style.SUCCESS(f"{len(done)} client record(s) anonymised."))
            return
        result = clients_retention.enqueue()
        self.stdout.write(self.style.SUCCESS(f"Retention task enqueued ({result.id})."))
