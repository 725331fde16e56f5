"""Companies: the list with the follow-up work list, a company's page with its timeline, and adding
or changing a company, its offices, contact persons and activities."""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.core.versioning import StaleVersion
from kotopolku.employers import selectors, services
from kotopolku.employers.forms import (
    ActivityForm,
    ContactPersonForm,
    EmployerFilterForm,
    EmployerForm,
    OfficeForm,
)
from kotopolku.employers.models import Employer
from kotopolku.employers.views.common import (
    PAGE_SIZE,
    apply_errors,
    employer_for,
    first_service_point,
    form_page,
    page_query,
    staff_user,
    stale_message,
)


@login_required
def employer_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "employers.view")
    filters = EmployerFilterForm(request.GET)
    text = filters.cleaned_data["q"] if filters.is_valid() else ""
    pilot_only = bool(filters.is_valid() and filters.cleaned_data["pilot"])
    page = Paginator(
        selectors.employer_list(user=request.user, text=text, pilot_only=pilot_only), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    follow_ups = list(selectors.follow_ups_due(user=request.user)[:50])
    return render(
        request,
        "employers/employer_list.html",
        {
            "page": page,
            "query": page_query(request),
            "filters": filters,
            "follow_ups": follow_ups,
            "today": timezone.localdate(),
            "may_manage": can(request.user, "employers.manage"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "employers.manage")
    point = first_service_point(request, "employers.manage")
    form = EmployerForm(request.POST or None)

    def save() -> Employer:
        require(request.user, "employers.manage", point)
        return services.employer_create(service_point=point, data=form.data_object(), by=staff_user(request))

    return form_page(
        request,
        form,
        title=_("Add a company"),
        save=save,
        done=_("The company was added."),
        then=lambda employer: employer.get_absolute_url(),
    )


@login_required
def employer_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    employer = employer_for(request, uuid, "employers.view")
    return render(
        request,
        "employers/employer_detail.html",
        {
            "employer": employer,
            "offices": list(employer.offices.select_related("municipality")),
            "contacts": list(employer.contacts.all()),
            "timeline": selectors.employer_timeline(employer=employer, user=request.user),
            "openings": list(selectors.employer_openings(employer=employer, user=request.user)),
            "may_manage": can(request.user, "employers.manage", employer),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def employer_edit(request: HttpRequest, uuid: UUID) -> HttpResponse:
    employer = employer_for(request, uuid, "employers.manage")
    form = EmployerForm(request.POST or None, initial=EmployerForm.initial_for(employer))
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_update(
                employer=employer,
                data=form.data_object(),
                expected_version=form.cleaned_data["version"],
                by=staff_user(request),
            )
        except StaleVersion as error:
            stored = EmployerForm.initial_for(cast(Employer, error.current))
            form = cast(EmployerForm, stale_message(form, error, stored))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("employers:detail", employer.uuid)
    return render(request, "employers/form.html", {"form": form, "title": employer.name, "back": employer})


def _sub_form(
    request: HttpRequest, uuid: UUID, form_class: type[Form], title: str, save: Any, done: str
) -> HttpResponse:
    employer = employer_for(request, uuid, "employers.manage")
    form = form_class(request.POST or None)
    return form_page(
        request,
        form,
        title=title,
        save=lambda: save(employer, form.cleaned_data),
        done=done,
        then=lambda _saved: employer.get_absolute_url(),
        back=employer,
    )


@login_required
@require_http_methods(["GET", "POST"])
def office_add(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return _sub_form(
        request,
        uuid,
        OfficeForm,
        _("Add an office"),
        lambda employer, data: services.employer_office_add(
            employer=employer, by=staff_user(request), **data
        ),
        _("The office was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return _sub_form(
        request,
        uuid,
        ContactPersonForm,
        _("Add a contact person"),
        lambda employer, data: services.employer_contact_add(
            employer=employer, by=staff_user(request), **data
        ),
        _("The contact person was added."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_add(request: HttpRequest, uuid: UUID) -> HttpResponse:
    employer = employer_for(request, uuid, "employers.manage")
    form = ActivityForm(request.POST or None, initial={"happened_on": timezone.localdate()})

    def save() -> Any:
        # Recorded for the user's own service point where the company is kept elsewhere in the
        # network (a joint effort counts for the point that did the work).
        own = service_point_ids(request.user, "employers.manage")
        point = (
            employer.service_point
            if employer.service_point_id in own
            else first_service_point(request, "employers.manage")
        )
        return services.activity_record(
            employer=employer, service_point=point, data=form.data_object(), by=staff_user(request)
        )

    return form_page(
        request,
        form,
        title=_("Record an activity"),
        save=save,
        done=_("The activity was recorded."),
        then=lambda _saved: employer.get_absolute_url(),
        back=employer,
    )


@login_required
@require_POST
def follow_up_done(request: HttpRequest, uuid: UUID) -> HttpResponse:
    activity = selectors.activity_get(uuid=uuid)
    require(request.user, "employers.manage", activity)
    data = services.ActivityData(
        kind=activity.kind,
        happened_on=activity.happened_on,
        outcome=activity.outcome,
        partner_project=activity.partner_project,
        follow_up_on=activity.follow_up_on,
        follow_up_done=True,
    )
    try:
        services.activity_update(activity=activity, data=data, expected_version=None, by=staff_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The follow-up is marked done."))
    return redirect("employers:list")
