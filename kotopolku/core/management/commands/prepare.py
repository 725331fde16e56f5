from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate the database and load the demo data in one process (what `make run` does before serving)."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("demo", stdout=self.stdout)
        # Anchor the demo's audit trail, and keep anchoring it while `make worker` runs.
        call_command("audit", "checkpoint", "--schedule", stdout=self.stdout)
