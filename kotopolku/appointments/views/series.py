"""Pop-up series: the list and creation, a series' page where it is changed or cancelled as
one, and booking its free slots."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.permissions import require
from kotopolku.appointments import services
from kotopolku.appointments.enums import AppointmentKind, AppointmentStatus
from kotopolku.appointments.forms import (
    PopupBookingForm,
    SeriesChangeForm,
    SeriesForm,
)
from kotopolku.appointments.models import (
    AppointmentSeries,
)
from kotopolku.appointments.selectors import (
    appointment_get,
    series_list,
)
from kotopolku.appointments.views.common import (
    client_for,
    errors_to_form,
    is_uuid,
    points_for,
)
from kotopolku.core.versioning import StaleVersion


@login_required
@require_POST
def popup_book(request: HttpRequest, uuid: str) -> HttpResponse:
    slot = appointment_get(uuid=uuid)
    require(request.user, "appointments.book", slot.service_point)
    if slot.kind != AppointmentKind.POPUP:
        raise Http404
    form = PopupBookingForm(request.POST)
    if form.is_valid():
        client = client_for(request, form.cleaned_data["client"], form)
        if not form.errors:
            try:
                services.popup_slot_book(
                    slot=slot,
                    by=request.user,
                    client=client,
                    contact_name=form.cleaned_data["contact_name"],
                    contact_email=form.cleaned_data["contact_email"],
                    contact_phone=form.cleaned_data["contact_phone"],
                    language=form.cleaned_data["language"],
                )
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("The appointment was booked."))
                return redirect("appointments:detail", uuid=slot.uuid)
    return render(request, "appointments/popup_book.html", {"slot": slot, "form": form}, status=400)


@login_required
def popup_slot(request: HttpRequest, uuid: str) -> HttpResponse:
    slot = appointment_get(uuid=uuid)
    require(request.user, "appointments.book", slot.service_point)
    if slot.kind != AppointmentKind.POPUP or slot.status != AppointmentStatus.OPEN:
        return redirect("appointments:detail", uuid=slot.uuid)
    initial = {"language": "fi"}
    if is_uuid(request.GET.get("client")):
        initial["client"] = request.GET["client"]
    return render(
        request, "appointments/popup_book.html", {"slot": slot, "form": PopupBookingForm(initial=initial)}
    )


# --- series ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def series_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "appointments.series")
    points = list(points_for(request.user, "appointments.series"))
    if not points:
        raise PermissionDenied("appointments.series")
    form = SeriesForm(request.POST or None, initial={"interval_weeks": 2, "slot_minutes": 20})
    if request.method == "POST" and form.is_valid():
        point = next((p for p in points if str(p.uuid) == request.POST.get("service_point")), points[0])
        require(request.user, "appointments.series", point)
        try:
            series = services.series_create(
                service_point=point, data=services.SeriesData(**form.cleaned_data), by=request.user
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The series was created."))
            return redirect("appointments:series_detail", uuid=series.uuid)
    return render(
        request,
        "appointments/series_list.html",
        {"form": form, "series": series_list(user=request.user), "points": points},
        status=400 if request.method == "POST" else 200,
    )


def _series_get(uuid: str) -> AppointmentSeries:
    series = (
        AppointmentSeries.objects.select_related("organisation", "service_point").filter(uuid=uuid).first()
    )
    if series is None:
        raise Http404
    return series


@login_required
@require_http_methods(["GET", "POST"])
def series_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    series = _series_get(uuid)
    require(request.user, "appointments.series", series)
    form = SeriesChangeForm(
        request.POST or None,
        initial={
            "starts": series.starts,
            "ends": series.ends,
            "location": series.location,
            "version": series.version,
        },
    )
    if request.method == "POST":
        try:
            if "cancel_series" in request.POST:
                told = services.series_cancel(
                    series=series,
                    by=request.user,
                    expected_version=int(request.POST.get("version", "0") or 0),
                )
                messages.success(
                    request, _("The series was cancelled; %(count)d people were told.") % {"count": len(told)}
                )
                return redirect("appointments:series_detail", uuid=series.uuid)
            if form.is_valid():
                _updated, told = services.series_change(
                    series=series,
                    starts=form.cleaned_data["starts"],
                    ends=form.cleaned_data["ends"],
                    location=form.cleaned_data["location"],
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(
                    request, _("The series was changed; %(count)d people were told.") % {"count": len(told)}
                )
                return redirect("appointments:series_detail", uuid=series.uuid)
        except StaleVersion:
            form.add_error(None, _("Someone else changed this series meanwhile. Check it and try again."))
        except ValidationError as error:
            errors_to_form(form, error)
    slots = series.slots.select_related("client").order_by("starts_at")
    return render(
        request,
        "appointments/series_detail.html",
        {"series": series, "slots": slots, "form": form},
        status=400 if request.method == "POST" else 200,
    )
