from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kotopolku.contacts.tallies import tallies_recount


class Command(BaseCommand):
    help = (
        "Count the day tallies of the desk statistics again from the contacts and their topics "
        "(after contacts were copied into the database by hand). The services keep them in step otherwise."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        written = tallies_recount()
        self.stdout.write(self.style.SUCCESS(f"Desk tallies counted again: {written} rows."))
