"""Staff pages of monitoring: projects and their targets, the common indicators, the entry table,
desk statistics and the situational picture. Every report is audited when read or exported and
shows aggregates with small cells hidden to whoever may not see individuals."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.audit.services import audit_record
from kotopolku.indicators import charts, selectors, services
from kotopolku.indicators.desk import DIMENSIONS, desk_statistics
from kotopolku.indicators.exports import ReportFile, report_response
from kotopolku.indicators.forms import (
    DeskFilterForm,
    ReportFilterForm,
    TargetForm,
)
from kotopolku.indicators.models import Project, Target
from kotopolku.indicators.periods import Period
from kotopolku.indicators.permissions import sees_individuals
from kotopolku.indicators.project_views import budget_form
from kotopolku.indicators.targets import target_progress
from kotopolku.organisations.models import ServicePoint


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _format(request: HttpRequest) -> str:
    return request.GET.get("format", "") if request.GET.get("format") in ("csv", "xlsx") else ""


def _scope(
    request: HttpRequest,
    allowed: list[int],
    default: Period,
    form_class: type[ReportFilterForm] = ReportFilterForm,
) -> tuple[ReportFilterForm, list[int], Period]:
    """The filter form, and the service points and period it selects (within ``allowed``)."""
    points = ServicePoint.objects.filter(pk__in=allowed).order_by("name")
    form = form_class(request.GET or None, points=[(str(p.uuid), p.name) for p in points])
    chosen, period = list(allowed), default
    if form.is_bound and form.is_valid():
        if form.cleaned_data.get("point"):
            chosen = [p.pk for p in points if str(p.uuid) == form.cleaned_data["point"]]
        period = form.cleaned_data.get("period") or default
    return form, chosen, period


def _filters_text(form: ReportFilterForm, chosen: list[int]) -> str:
    names = ServicePoint.objects.filter(pk__in=chosen).order_by("name").values_list("name", flat=True)
    return ", ".join(names) or "–"


def _project_name(project: Project) -> str:
    return " ".join(filter(None, [project.name, project.funder_code]))


def _project_period(project: Project) -> Period:
    return Period(project.starts_on, project.ends_on)


def _audit_report(
    request: HttpRequest, name: str, *, target: Any = None, period: Period, export: str = ""
) -> None:
    audit_record(
        actor=request.user,
        action="indicators.report_export" if export else "indicators.report_view",
        target=target,
        target_type="" if target is not None else "report",
        target_id="" if target is not None else name,
        purpose="monitoring and reporting to the funder",
        details={"report": name, "period": period.token, **({"format": export} if export else {})},
    )


def _budget_rows(project: Project) -> list[list[Any]]:
    """The budget below the targets in the file: category, service point, amount."""
    budget = selectors.budget_of(project)
    if not budget.lines:
        return []
    rows: list[list[Any]] = [[], [_("Budget")], [_("Cost category"), _("Service point"), _("Amount (EUR)")]]
    for line in budget.lines:
        point = line.service_point.name if line.service_point else _("Whole project")
        rows.append([line.category, point, float(line.amount)])
    rows.append([_("Total"), "", float(budget.total)])
    return rows


@login_required
def project_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "indicators.view")
    projects = selectors.project_list(user=request.user).prefetch_related("points__municipality")
    audit_record(actor=request.user, action="indicators.project_list", target_type="project")
    return render(
        request,
        "indicators/project_list.html",
        {"projects": projects, "may_manage": can(request.user, "indicators.manage")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    require(request.user, "indicators.view")
    project = selectors.project_get(user=request.user, uuid=uuid)
    may_manage = can(request.user, "indicators.manage")
    target_form = TargetForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        require(request.user, "indicators.manage")
        assert target_form is not None
        if target_form.is_valid():
            try:
                services.target_set(by=request.user, project=project, **target_form.cleaned_data)
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    target_form.add_error(name if name in target_form.fields else None, errors)
            else:
                messages.success(request, _("The target was saved."))
                return redirect("indicators:project", uuid=project.uuid)
    allowed = selectors.project_points(project=project, user=request.user)
    form, chosen, period = _scope(request, allowed, _project_period(project))
    individuals = sees_individuals(request.user)
    progress = target_progress(project=project, points=chosen, period=period, individuals=individuals)
    export = _format(request)
    _audit_report(request, "targets", target=project, period=period, export=export)
    if export:
        report = ReportFile(
            title=_("Targets and actual figures: %(project)s") % {"project": project.name},
            slug=f"targets-{slugify(project.funder_code or project.name)}-{period.start}-{period.end}",
            meta=[
                (_("Project"), _project_name(project)),
                (_("Reporting period"), period.label),
                (_("Service points"), _filters_text(form, chosen)),
            ],
            header=[_("Target"), _("Goal"), _("Upper end of a range"), _("Actual"), _("Explanation")],
            rows=[
                [
                    row.label,
                    float(row.target.value),
                    "" if row.target.value_max is None else float(row.target.value_max),
                    "–" if row.actual is None else float(row.actual),  # the explanation says why
                    str(row.explanation),
                ]
                for row in progress
            ]
            + _budget_rows(project),
        )
        return report_response(report, export)
    chart = charts.bar_chart(
        [
            (row.label, None if row.actual is None else float(row.actual), float(row.target.value))
            for row in progress
        ]
    )
    return render(
        request,
        "indicators/project_detail.html",
        {
            "project": project,
            "points": project.points.select_related("municipality", "service_point"),
            "filters": form,
            "period": period,
            "progress": progress,
            "chart": chart,
            "target_form": target_form,
            "may_manage": may_manage,
            "backlog": selectors.eura_backlog(user=request.user, project=project),
            "budget": selectors.budget_of(project),
            "budget_form": budget_form(project) if may_manage else None,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_POST
def target_delete(request: HttpRequest, uuid: UUID) -> HttpResponse:
    require(request.user, "indicators.manage")
    target = Target.objects.select_related("project").filter(uuid=uuid).first()
    if target is None or not selectors.project_list(user=request.user).filter(pk=target.project_id).exists():
        from django.http import Http404

        raise Http404
    project_uuid = target.project.uuid
    services.target_delete(by=request.user, target=target)
    messages.success(request, _("The target was removed."))
    return redirect("indicators:project", uuid=project_uuid)


@login_required
def indicator_report(request: HttpRequest, uuid: UUID) -> HttpResponse:
    require(request.user, "indicators.view")
    project = selectors.project_get(user=request.user, uuid=uuid)
    allowed = selectors.project_points(project=project, user=request.user)
    form, chosen, period = _scope(request, allowed, _project_period(project))
    individuals = sees_individuals(request.user)
    table = selectors.indicator_table(
        project=project, service_points=chosen, period=period, individuals=individuals
    )
    export = _format(request)
    _audit_report(request, "indicators", target=project, period=period, export=export)
    if export:
        report = ReportFile(
            title=_("ESF+ common indicators: %(project)s") % {"project": project.name},
            slug=f"indicators-{slugify(project.funder_code or project.name)}-{period.start}-{period.end}",
            meta=[(_("Project"), _project_name(project)), (_("Reporting period"), period.label),
                  (_("Service points"), _filters_text(form, chosen))],
            header=[_("Code"), _("Indicator"), _("Women"), _("Men"), _("Non-binary"), _("Total")],
            rows=[[row.code, str(row.label), *row.shown_cells.values()] for row in table.rows],
        )  # fmt: skip
        return report_response(report, export)
    return render(
        request,
        "indicators/indicator_report.html",
        {
            "project": project,
            "filters": form,
            "period": period,
            "table": table,
            "individuals": individuals,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def participant_report(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The entry table by age group and status, and (for those allowed) the people behind it."""
    require(request.user, "indicators.view")
    project = selectors.project_get(user=request.user, uuid=uuid)
    allowed = selectors.project_points(project=project, user=request.user)
    form, chosen, period = _scope(request, allowed, _project_period(project))
    individuals = sees_individuals(request.user)
    table = selectors.entry_table(
        project=project, service_points=chosen, period=period, individuals=individuals
    )
    export = _format(request)
    _audit_report(request, "participants", target=project, period=period, export=export)
    age_labels = [str(label) for label in (_("Under 18"), _("18–29"), _("30–54"), _("55 and over"))]
    if export:
        report = ReportFile(
            title=_("Participants by age group and status: %(project)s") % {"project": project.name},
            slug=f"participants-{slugify(project.funder_code or project.name)}-{period.start}-{period.end}",
            meta=[(_("Project"), _project_name(project)), (_("Reporting period"), period.label),
                  (_("Service points"), _filters_text(form, chosen))],
            header=[_("Status"), *age_labels, _("Total")],
            rows=[[str(label), *values, total] for _key, label, values, total in table.rows]
            + [[_("Total"), *table.totals, table.total]],
        )  # fmt: skip
        return report_response(report, export)
    code, gender = request.GET.get("code", "").upper(), request.GET.get("gender", "")
    people = None
    if individuals:
        try:
            people = selectors.participant_list(
                user=request.user, project=project, period=period, code=code, gender=gender
            )[:200]
        except LookupError:
            code, people = "", None
        audit_record(
            actor=request.user,
            action="indicators.participant_list",
            target=project,
            purpose="ESF+ participant data",
            details={"code": code, "gender": gender, "period": period.token},
        )
    return render(
        request,
        "indicators/participant_report.html",
        {
            "project": project,
            "filters": form,
            "period": period,
            "table": table,
            "age_labels": age_labels,
            "people": people,
            "code": code,
            "gender": gender,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def desk_report(request: HttpRequest) -> HttpResponse:
    require(request.user, "indicators.view")
    allowed = sorted(service_point_ids(request.user, "indicators.view"))
    today = timezone.localdate()
    default = Period(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    form, chosen, period = _scope(request, allowed, default, DeskFilterForm)
    dimension = (form.cleaned_data.get("dimension") if form.is_bound and form.is_valid() else "") or "topic"
    individuals = sees_individuals(request.user)
    stats = desk_statistics(
        service_points=chosen, period=period, dimension=dimension, individuals=individuals
    )
    export = _format(request)
    _audit_report(request, f"desk:{dimension}", period=period, export=export)
    month_labels = [f"{month:%m/%Y}" for month in stats.months]
    if export:
        rows: list[list[Any]] = [
            [str(row.label), *row.values, row.total] for row in stats.summary + stats.activity
        ]
        rows += (
            [[]]
            + [[str(DIMENSIONS[dimension])]]
            + [[str(r.label), *r.values, r.total] for r in stats.breakdown]
        )
        report = ReportFile(
            title=_("Desk statistics"),
            slug=f"desk-statistics-{period.start}-{period.end}",
            meta=[(_("Reporting period"), period.label), (_("Service points"), _filters_text(form, chosen)),
                  (_("Break down by"), str(DIMENSIONS[dimension]))],
            header=["", *month_labels, _("Total")],
            rows=rows,
        )  # fmt: skip
        return report_response(report, export)
    contacts_row = stats.summary[0]
    return render(
        request,
        "indicators/desk_report.html",
        {
            "filters": form,
            "stats": stats,
            "month_labels": month_labels,
            "dimension_label": DIMENSIONS[dimension],
            "chart": charts.column_chart([f"{m:%m}" for m in stats.months], contacts_row.values),
            "query": request.GET.urlencode(),
        },
    )
