"""The monthly report of interpreter use and cost, as a page and XLSX."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import require
from kotopolku.appointments.forms import (
    ReportForm,
)
from kotopolku.appointments.selectors import (
    interpreter_report,
)

# --- interpreter report ---------------------------------------------------------------------


@login_required
def interpreter_report_view(request: HttpRequest) -> HttpResponse:
    require(request.user, "appointments.report")
    today = timezone.localdate()
    form = ReportForm(request.GET or {"month": f"{today:%Y-%m}"})
    rows: list[Any] = []
    if form.is_valid():
        year, month = form.cleaned_data["month"]
        rows = interpreter_report(user=request.user, year=year, month=month)
        if request.GET.get("format") == "xlsx":
            return _xlsx(rows, year, month)
    total_cost = sum((row.cost for row in rows), start=0)
    return render(
        request,
        "appointments/interpreter_report.html",
        {
            "form": form,
            "rows": rows,
            "total_cost": total_cost,
            "total_minutes": sum(row.minutes for row in rows),
            "total_bookings": sum(row.bookings for row in rows),
        },
        status=200 if form.is_valid() else 400,
    )


def _xlsx(rows: list[Any], year: int, month: int) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = f"{year}-{month:02d}"
    sheet.append(
        [_("Language"), _("Provider"), _("Service point"), _("Bookings"), _("Minutes"), _("Cost (€)")]
    )
    for row in rows:
        sheet.append(
            [row.language, row.provider, row.service_point, row.bookings, row.minutes, float(row.cost)]
        )
    sheet.append(
        [
            _("Total"),
            "",
            "",
            sum(r.bookings for r in rows),
            sum(r.minutes for r in rows),
            float(sum(r.cost for r in rows)),
        ]
    )
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="interpreters-{year}-{month:02d}.xlsx"'
    return response
