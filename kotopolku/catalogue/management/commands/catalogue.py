"""``python -m kotopolku catalogue import-hsds <path>`` and ``catalogue export-hsds <path>``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from kotopolku.catalogue.hsds.export import count as export_count
from kotopolku.catalogue.hsds.export import hsds_export
from kotopolku.catalogue.hsds.importer import ImportReport, hsds_import, unit_count
from kotopolku.catalogue.hsds.params import _LANGUAGE
from kotopolku.catalogue.hsds.parse import read_path

MAX_LISTED = 50


class Command(BaseCommand):
    help = (
        "Service catalogue tools. 'import-hsds <path>' imports Open Referral HSDS 3.0 (a JSON file, a "
        "directory of JSON files, or a CSV datapackage); 'export-hsds <directory>' writes the whole "
        "catalogue as HSDS 3.0 JSON (or --format csv: the tabular datapackage)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("operation", choices=["import-hsds", "export-hsds"])
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--language",
            default="fi",
            help="Language of the texts (import) or the language to export; ISO 639 code, default fi.",
        )
        parser.add_argument("--format", choices=["json", "csv"], default="json", help="Export format.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        language = str(options["language"]).lower()
        if not _LANGUAGE.match(language):
            raise CommandError("--language must be an ISO 639 code such as fi, sv or en.")
        if options["operation"] == "import-hsds":
            self.import_hsds(options["path"], language, quiet=options["no_progress"])
        else:
            self.export_hsds(options["path"], language, options["format"], quiet=options["no_progress"])

    def import_hsds(self, path: Path, language: str, *, quiet: bool) -> None:
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        datasets = read_path(path)
        with tqdm(total=unit_count(datasets), unit="record", disable=quiet, file=self.stderr) as bar:
            report = hsds_import(datasets=datasets, language=language, by=None, progress=bar.update)
        self.print_report(report)

    def print_report(self, report: ImportReport) -> None:
        for title, counter in (
            ("Created", report.created),
            ("Updated", report.updated),
            ("Unchanged", report.unchanged),
        ):
            detail = ", ".join(f"{name} {number}" for name, number in sorted(counter.items())) or "-"
            self.stdout.write(f"{title}: {sum(counter.values())} ({detail})")
        self.stdout.write(f"Refused: {len(report.refused)}")
        for refusal in report.refused[:MAX_LISTED]:
            label = f"{refusal.table} {refusal.ident}".strip()
            self.stdout.write(f"  {label}: {'; '.join(refusal.reasons)[:500]}")
        if len(report.refused) > MAX_LISTED:
            self.stdout.write(f"  … and {len(report.refused) - MAX_LISTED} more")
        if report.warnings:
            self.stdout.write(f"Warnings: {len(report.warnings)}")
            for warning in report.warnings[:MAX_LISTED]:
                self.stdout.write(f"  {warning}")
        if report.not_kept:
            kept = ", ".join(f"{name} {number}" for name, number in sorted(report.not_kept.items()))
            self.stdout.write(f"Not kept by the catalogue: {kept}")
        style = self.style.WARNING if report.refused else self.style.SUCCESS
        self.stdout.write(style("HSDS import finished."))

    def export_hsds(self, path: Path, language: str, fmt: str, *, quiet: bool) -> None:
        if path.exists() and not path.is_dir():
            raise CommandError(f"{path} exists and is not a directory.")
        with tqdm(total=export_count(), unit="record", disable=quiet, file=self.stderr) as bar:
            written = hsds_export(directory=path, fmt=fmt, language=language, by=None, progress=bar.update)
        for name, number in written.items():
            self.stdout.write(f"{path / name}: {number} records")
        self.stdout.write(self.style.SUCCESS("HSDS export finished."))
