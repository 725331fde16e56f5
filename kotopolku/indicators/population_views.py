"""The situational picture: Statistics Finland's population of a municipality by language over
the years beside the desk's contacts in each language, and the import of the figures."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.audit.services import audit_record
from kotopolku.indicators.desk import contacts_in
from kotopolku.indicators.forms import PictureForm, PopulationImportForm
from kotopolku.indicators.models import PopulationFigure
from kotopolku.indicators.periods import Period
from kotopolku.indicators.permissions import sees_individuals, small_cell
from kotopolku.indicators.population import (
    PopulationImportError,
    language_picture,
    population_import,
    read_source,
)
from kotopolku.organisations.models import ServicePoint


@login_required
@require_http_methods(["GET", "POST"])
def population_picture(request: HttpRequest) -> HttpResponse:
    require(request.user, "indicators.view")
    may_import = can(request.user, "indicators.manage")
    import_form = PopulationImportForm(request.POST or None, request.FILES or None) if may_import else None
    if request.method == "POST":
        require(request.user, "indicators.manage")
        assert import_form is not None
        if import_form.is_valid():
            try:
                document = read_source(
                    upload=import_form.cleaned_data.get("document"),
                    url=import_form.cleaned_data.get("url") or "",
                )
                result = population_import(by=request.user, document=document)
            except PopulationImportError as error:
                import_form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("%(cells)s figures imported (%(suppressed)s suppressed by Statistics Finland).")
                    % {"cells": result.cells, "suppressed": result.suppressed},
                )
                return redirect("indicators:population")
    allowed = sorted(service_point_ids(request.user, "indicators.view"))
    points = ServicePoint.objects.filter(pk__in=allowed).select_related("municipality")
    own_codes = [point.municipality.code for point in points]
    stored = dict(
        PopulationFigure.objects.exclude(area="SSS")
        .values_list("area", "area_name")
        .distinct()
        .order_by("area")
    )
    areas = [(code, stored.get(code) or code) for code in own_codes if code in stored]
    areas += [(code, name) for code, name in stored.items() if code not in own_codes]
    form = PictureForm(request.GET or None, areas=areas)
    area = (form.cleaned_data.get("area") if form.is_bound and form.is_valid() else "") or (
        areas[0][0] if areas else ""
    )
    picture = None
    if area:
        here = [point.pk for point in points if point.municipality.code == area]
        counted = (
            contacts_in(service_points=here, period=Period(dt.date(1900, 1, 1), timezone.localdate()))
            .annotate(year=ExtractYear("happened_at"))
            .values("year", "language")
            .annotate(n=Count("pk"))
        )
        individuals = sees_individuals(request.user)
        by_year = {
            (row["year"], row["language"]): small_cell(row["n"], individuals=individuals) for row in counted
        }
        picture = language_picture(area=area, contacts_by_year_language=by_year)
        audit_record(actor=request.user, action="indicators.report_view", target_type="report",
                     target_id="population", details={"area": area})  # fmt: skip
    return render(
        request,
        "indicators/population.html",
        {"form": form, "import_form": import_form, "picture": picture, "areas": areas},
    )
