from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kotopolku.audit.checkpoints import audit_checkpoint
from kotopolku.audit.verify import audit_chain_verify


class Command(BaseCommand):
    help = (
        "Audit log tools. 'audit verify' checks the keyed hash chain and compares it with the latest "
        "signed checkpoint, reporting every broken link; 'audit checkpoint' writes a signed checkpoint "
        "(--schedule: also keep writing one periodically through the background worker)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("operation", choices=["verify", "checkpoint"])
        parser.add_argument(
            "--checkpoint",
            type=Path,
            help="verify against this checkpoint (a file, or the line saved from the log or an e-mail)",
        )
        parser.add_argument(
            "--schedule", action="store_true", help="checkpoint: queue the periodic checkpoint task"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["operation"] == "checkpoint":
            self._checkpoint(schedule=options["schedule"])
        else:
            self._verify(options["checkpoint"])

    def _checkpoint(self, *, schedule: bool) -> None:
        checkpoint, path = audit_checkpoint()
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit checkpoint written to {path}: {checkpoint.count} events, last {checkpoint.last_id}."
            )
        )
        if schedule:
            from kotopolku.audit.tasks import schedule_next_checkpoint

            self.stdout.write(f"Next checkpoint queued for {schedule_next_checkpoint():%Y-%m-%d %H:%M %Z}.")

    def _verify(self, checkpoint_path: Path | None) -> None:
        report = audit_chain_verify(checkpoint_path=checkpoint_path)
        for link in report.broken:
            self.stderr.write(f"Broken at event {link.event_id}: {link.reason}")
        for problem in report.checkpoint_problems:
            self.stderr.write(f"Checkpoint: {problem}")
        if report.checkpoint is None:
            anchor = "no checkpoint to compare with (run 'audit checkpoint' periodically)"
        else:
            anchor = f"checkpoint of {report.checkpoint.created_at} ({report.checkpoint.count} events) " + (
                "matches" if not report.checkpoint_problems else "does not match"
            )
        if not report.intact:
            raise CommandError(
                f"Audit chain NOT intact: {len(report.broken)} broken link(s), "
                f"{len(report.checkpoint_problems)} checkpoint problem(s) "
                f"({report.checked} events checked; {anchor})."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Audit chain intact: {report.checked} events verified; {anchor}.")
        )
