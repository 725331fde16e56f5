"""Staff pages that write a project: creating and editing it with the municipalities taking part
and their shares (versioned: a stale save shows what the other person changed), and its budget
lines. Coordinators only (``indicators.manage``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, Form, formset_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.permissions import require, service_point_ids
from kotopolku.core.versioning import (
    StaleVersion,
    edit_conflict,
    form_conflict_rows,
    form_overrides,
    form_snapshot,
    snapshot_read,
    snapshot_sign,
    version_from_form,
)
from kotopolku.indicators import selectors
from kotopolku.indicators.forms import BudgetLineForm, PointForm, ProjectForm
from kotopolku.indicators.models import BudgetLine, Project
from kotopolku.indicators.project_services import (
    PROJECT_FIELDS,
    PointShare,
    budget_line_add,
    budget_line_delete,
)
from kotopolku.indicators.project_services import project_edit as project_edit_service
from kotopolku.organisations.models import Municipality, ServicePoint

PointFormSet = formset_factory(PointForm, extra=2, max_num=60, absolute_max=60)


def _apply(form: Form, error: ValidationError) -> None:
    for name, field_messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, field_messages)


def _project_initial(project: Project) -> dict[str, Any]:
    return {name: getattr(project, name) for name in PROJECT_FIELDS}


def _points_initial(project: Project) -> list[dict[str, Any]]:
    return [
        {
            "municipality": point.municipality.code,
            "service_point": str(point.service_point.uuid) if point.service_point else "",
            "share_percent": point.share_percent,
        }
        for point in project.points.select_related("municipality", "service_point").order_by(
            "municipality__code"
        )
    ]


def _formset(request: HttpRequest, data: Any, initial: list[dict[str, Any]], project: Project | None) -> Any:
    reach = set(service_point_ids(request.user, "indicators.manage"))
    if project is not None:
        reach |= set(project.points.exclude(service_point=None).values_list("service_point_id", flat=True))
    points = ServicePoint.objects.filter(pk__in=reach).order_by("name")
    return PointFormSet(
        data,
        initial=initial,
        prefix="points",
        form_kwargs={
            "municipalities": [
                (m.code, f"{m.name_fi} ({m.code})") for m in Municipality.objects.order_by("name_fi")
            ],
            "points": [(str(p.uuid), p.name) for p in points],
        },
    )


def _shares(formset: BaseFormSet) -> list[PointShare]:
    rows = [form.cleaned_data for form in formset.forms if form.cleaned_data.get("municipality")]
    municipalities = {
        m.code: m for m in Municipality.objects.filter(code__in=[r["municipality"] for r in rows])
    }
    points = {
        str(p.uuid): p
        for p in ServicePoint.objects.filter(
            uuid__in=[r["service_point"] for r in rows if r.get("service_point")]
        )
    }
    return [
        PointShare(
            municipality=municipalities[row["municipality"]],
            service_point=points.get(row.get("service_point") or ""),
            share_percent=Decimal(row["share_percent"]),
        )
        for row in rows
    ]


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, uuid: UUID | None = None) -> HttpResponse:
    require(request.user, "indicators.manage")
    project = (
        selectors.project_get(user=request.user, uuid=uuid, action="indicators.manage") if uuid else None
    )
    initial = _project_initial(project) if project else {}
    points_initial = _points_initial(project) if project else []
    form = ProjectForm(request.POST or None, initial=initial, prefix="project")
    formset = _formset(request, request.POST or None, points_initial, project)
    version: Any = project.version if project else ""
    snapshot = snapshot_sign(form_snapshot(ProjectForm(initial=initial, prefix="project"))) if project else ""
    conflict_rows: list[Any] = []
    status = 200
    if request.method == "POST":
        version, snapshot, status = request.POST.get("version", ""), request.POST.get("snapshot", ""), 422
        if form.is_valid() and formset.is_valid():
            try:
                saved = project_edit_service(
                    by=request.user,
                    values=form.cleaned_data,
                    points=_shares(formset),
                    project=project,
                    version=version_from_form(version) if project else None,
                )
            except StaleVersion as stale:
                current = cast(Project, stale.current)
                stored = form_snapshot(ProjectForm(initial=_project_initial(current), prefix="project"))
                submitted = form_snapshot(form)
                conflict = edit_conflict(base=snapshot_read(snapshot), current=stored, submitted=submitted)
                conflict_rows = form_conflict_rows([form], conflict, current=stored, submitted=submitted)
                overrides = form_overrides([form], conflict).get("project", {})
                form = ProjectForm(initial={**_project_initial(current), **overrides}, prefix="project")
                formset = _formset(request, None, _points_initial(current), current)
                version, snapshot, status = current.version, snapshot_sign(stored), 409
            except ValidationError as error:
                _apply(form, error)
            else:
                messages.success(request, _("The project was saved."))
                return redirect("indicators:project", uuid=saved.uuid)
    return render(
        request,
        "indicators/project_form.html",
        {
            "project": project,
            "form": form,
            "formset": formset,
            "version": version,
            "snapshot": snapshot,
            "conflict_rows": conflict_rows,
        },
        status=status,
    )


def budget_form(project: Project, data: Any = None) -> BudgetLineForm:
    points = [
        (str(point.service_point.uuid), point.service_point.name)
        for point in project.points.exclude(service_point=None).select_related("service_point")
        if point.service_point is not None
    ]
    return BudgetLineForm(data, points=points, prefix="budget")


@login_required
@require_POST
def budget_line_create(request: HttpRequest, uuid: UUID) -> HttpResponse:
    require(request.user, "indicators.manage")
    project = selectors.project_get(user=request.user, uuid=uuid, action="indicators.manage")
    form = budget_form(project, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        point = (
            ServicePoint.objects.filter(uuid=data["service_point"]).first() if data["service_point"] else None
        )
        try:
            budget_line_add(
                by=request.user,
                project=project,
                category=data["category"],
                amount=data["amount"],
                service_point=point,
                note=data["note"],
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("The budget line was added."))
            return redirect("indicators:project", uuid=project.uuid)
    return render(request, "indicators/budget_form.html", {"project": project, "form": form}, status=422)


@login_required
@require_POST
def budget_line_remove(request: HttpRequest, uuid: UUID) -> HttpResponse:
    require(request.user, "indicators.manage")
    line = BudgetLine.objects.select_related("project").filter(uuid=uuid).first()
    if line is None:
        raise Http404
    project = selectors.project_get(user=request.user, uuid=line.project.uuid, action="indicators.manage")
    budget_line_delete(by=request.user, line=line)
    messages.success(request, _("The budget line was removed."))
    return redirect("indicators:project", uuid=project.uuid)
