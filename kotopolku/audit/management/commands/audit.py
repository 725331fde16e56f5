from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kotopolku.audit.verify import audit_chain_verify


class Command(BaseCommand):
    help = "Audit log tools. 'audit verify' checks the hash chain and reports the first broken link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("operation", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = audit_chain_verify()
        if broken is not None:
            raise CommandError(
                f"Audit chain broken at event {broken.event_id}: {broken.reason} ({checked} checked)"
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} events verified."))
