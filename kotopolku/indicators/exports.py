"""Reports as files: CSV and XLSX, each starting with the report's title, period and filters, so a
file read months later still says what it counts."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

HIDDEN = "<5"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class ReportFile:
    title: str
    slug: str
    meta: list[tuple[str, str]]
    header: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def _cell(value: Any, *, for_csv: bool) -> Any:
    if value is None:
        return HIDDEN
    if hasattr(value, "__html__") or not isinstance(value, int | float | str):
        return str(value)
    if for_csv and isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # a spreadsheet would run it as a formula
    return value


def _preamble(report: ReportFile) -> list[list[Any]]:
    generated = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    lines: list[list[Any]] = [[report.title]]
    lines.extend([[label, value] for label, value in report.meta])
    lines.append([_("Generated"), generated])
    lines.append([_("Hidden cells"), _("“<5”: fewer than five persons, hidden for privacy")])
    lines.append(
        ["", _("“×”: hidden so that a cell of fewer than five persons cannot be worked out from the total")]
    )
    lines.append([])
    return lines


def report_csv(report: ReportFile) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in _preamble(report):
        writer.writerow([_cell(value, for_csv=True) for value in line])
    writer.writerow([_cell(value, for_csv=True) for value in report.header])
    for row in report.rows:
        writer.writerow([_cell(value, for_csv=True) for value in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report.slug}.csv"'
    return response


def report_xlsx(report: ReportFile) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    # A sheet's title may not hold : \ / ? * [ ] and is at most 31 characters.
    sheet.title = re.sub(r"[:\\/?*\[\]]", " ", report.title)[:31].strip() or "Report"
    for line in _preamble(report):
        sheet.append([_cell(value, for_csv=False) for value in line])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    sheet.append([_cell(value, for_csv=False) for value in report.header])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in report.rows:
        sheet.append([_cell(value, for_csv=False) for value in row])
    sheet.column_dimensions["A"].width = 50
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{report.slug}.xlsx"'
    return response


def report_response(report: ReportFile, file_format: str) -> HttpResponse:
    return report_xlsx(report) if file_format == "xlsx" else report_csv(report)
