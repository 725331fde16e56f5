"""The staff calendar (day and week, per worker and per service point), booking, and an
appointment's page with its status changes and interpreters."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import can, require
from kotopolku.appointments import services
from kotopolku.appointments.enums import AppointmentKind, AppointmentStatus, Weekday
from kotopolku.appointments.forms import (
    BookingForm,
    InterpreterForm,
    StatusForm,
)
from kotopolku.appointments.models import (
    Appointment,
)
from kotopolku.appointments.selectors import (
    appointment_get,
    calendar_for,
)
from kotopolku.appointments.views.common import (
    client_for,
    errors_to_form,
    is_uuid,
    parse_date,
    points_for,
    workers_at,
)
from kotopolku.audit.services import audit_record
from kotopolku.clients.models import Client
from kotopolku.clients.selectors import client_find
from kotopolku.core.versioning import StaleVersion


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """Day or week view, per worker or per service point: free, booked and absent slots."""
    require(request.user, "appointments.calendar")
    points = list(points_for(request.user, "appointments.view"))
    view = "day" if request.GET.get("view") == "day" else "week"
    day = parse_date(request.GET.get("date", ""))
    start = day if view == "day" else day - timedelta(days=day.weekday())
    worker = None
    point = None
    if request.GET.get("worker"):
        try:
            worker = User.objects.filter(uuid=UUID(request.GET["worker"]), is_active=True).first()
        except ValueError:
            worker = None
        if worker is None:
            raise Http404
    else:
        wanted = request.GET.get("service_point", "")
        point = next((p for p in points if str(p.uuid) == wanted), points[0] if points else None)
        if point is None:
            raise PermissionDenied("appointments.view")
    result = calendar_for(
        user=request.user,
        start=start,
        days=1 if view == "day" else 7,
        service_point_id=point.pk if point else None,
        worker_id=worker.pk if worker else None,
    )
    step = timedelta(days=1 if view == "day" else 7)
    return render(
        request,
        "appointments/calendar.html",
        {
            "calendar": result,
            "grid": [(w, [result.cell(w, d) for d in result.days]) for w in result.workers],
            "day_labels": [
                f"{Weekday(d.weekday()).label} {date_format(d, 'SHORT_DATE_FORMAT')}" for d in result.days
            ],
            "popup_days": [
                (f"{Weekday(d.weekday()).label} {date_format(d, 'SHORT_DATE_FORMAT')}", result.popup_slots[d])
                for d in result.days
                if result.popup_slots.get(d)
            ],
            "start_iso": start.isoformat(),
            "view": view,
            "points": points,
            "point": point,
            "worker": worker,
            "previous": (start - step).isoformat(),
            "next": (start + step).isoformat(),
            "may_book": can(request.user, "appointments.book"),
            "may_series": can(request.user, "appointments.series"),
            "now": timezone.now(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest) -> HttpResponse:
    require(request.user, "appointments.book")
    points = points_for(request.user, "appointments.book")
    point_ids = set(points.values_list("pk", flat=True))
    initial: dict[str, Any] = {"kind": AppointmentKind.ADVISOR, "language": "fi"}
    for name in ("starts_at", "ends_at", "worker", "client", "service_point", "kind"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    client = Client.objects.filter(uuid=initial["client"]).first() if is_uuid(initial.get("client")) else None
    if client is not None:
        require(request.user, "clients.view", client, purpose="appointment")
        initial["service_point"] = client.service_point.uuid
    if "service_point" not in initial and points:
        initial["service_point"] = points[0].uuid
    form = BookingForm(
        request.POST or None, initial=initial, service_points=points, workers=workers_at(point_ids)
    )
    if request.method == "POST" and form.is_valid():
        point = form.cleaned_data["service_point"]
        require(request.user, "appointments.book", point)
        client = client_for(request, form.cleaned_data["client"], form)
        if not form.errors:
            data = services.BookingData(
                kind=form.cleaned_data["kind"],
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                channel=form.cleaned_data["channel"],
                worker=form.cleaned_data["worker"],
                client=client,
                contact_name=form.cleaned_data["contact_name"],
                contact_organisation=form.cleaned_data["contact_organisation"],
                contact_email=form.cleaned_data["contact_email"],
                contact_phone=form.cleaned_data["contact_phone"],
                language=form.cleaned_data["language"],
                topic=form.cleaned_data["topic"],
                location=form.cleaned_data["location"],
                meeting_link=form.cleaned_data["meeting_link"],
                partners=list(form.cleaned_data["partners"]),
            )
            try:
                appointment = services.appointment_book(service_point=point, data=data, by=request.user)
            except ValidationError as error:
                errors_to_form(form, error)
            else:
                messages.success(request, _("The appointment was booked."))
                return redirect("appointments:detail", uuid=appointment.uuid)
    text = request.GET.get("q", "")[:100] if client is None else ""
    hits = client_find(user=request.user, text=text, limit=20) if text.strip() else []  # type: ignore[arg-type]
    if hits:
        audit_record(
            actor=request.user, action="clients.search", purpose="appointment", details={"hits": len(hits)}
        )
    return render(
        request,
        "appointments/book.html",
        {"form": form, "client": client, "q": text, "hits": hits, "prefill": _prefill(request)},
        status=400 if request.method == "POST" else 200,
    )


def _prefill(request: HttpRequest) -> list[tuple[str, str]]:
    """The slot chosen in the calendar, carried over a client search."""
    names = ("starts_at", "ends_at", "worker", "service_point", "kind")
    return [(name, str(request.GET[name])) for name in names if request.GET.get(name)]


@login_required
def detail(request: HttpRequest, uuid: str) -> HttpResponse:
    appointment = appointment_get(uuid=uuid)
    require(request.user, "appointments.view", appointment)
    services.appointment_read_record(appointment=appointment, by=request.user)
    return render(request, "appointments/detail.html", _detail_context(request, appointment))


def _detail_context(request: HttpRequest, appointment: Appointment, **forms: Any) -> dict[str, Any]:
    may_change = can(request.user, "appointments.change", appointment)
    version = {"version": appointment.version}
    return {
        "appointment": appointment,
        "may_change": may_change and appointment.status == AppointmentStatus.BOOKED,
        "may_no_show": may_change
        and appointment.status == AppointmentStatus.BOOKED
        and appointment.starts_at <= timezone.now(),
        "may_interpreter": can(request.user, "appointments.interpreter", appointment)
        and appointment.status == AppointmentStatus.BOOKED,
        "cancel_form": forms.get("cancel_form")
        or StatusForm(initial=version, for_no_show=False, prefix="cancel"),
        "no_show_form": forms.get("no_show_form")
        or StatusForm(initial=version, for_no_show=True, prefix="noshow"),
        "interpreter_form": forms.get("interpreter_form")
        or InterpreterForm(initial={"language": appointment.language}),
    }


@login_required
@require_POST
def change_status(request: HttpRequest, uuid: str, step: str) -> HttpResponse:
    if step not in ("cancel", "no-show"):
        raise Http404
    appointment = appointment_get(uuid=uuid)
    require(request.user, "appointments.change", appointment)
    no_show = step == "no-show"
    form = StatusForm(request.POST, for_no_show=no_show, prefix="noshow" if no_show else "cancel")
    if form.is_valid():
        act = services.appointment_no_show if no_show else services.appointment_cancel
        try:
            act(
                appointment=appointment,
                by=request.user,
                reason_code=form.cleaned_data["reason"].code,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion:
            form.add_error(
                None, _("Someone else changed this appointment meanwhile. Check it and try again.")
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The appointment was updated."))
            return redirect("appointments:detail", uuid=appointment.uuid)
    key = "no_show_form" if no_show else "cancel_form"
    return render(
        request, "appointments/detail.html", _detail_context(request, appointment, **{key: form}), status=400
    )


@login_required
@require_POST
def add_interpreter(request: HttpRequest, uuid: str) -> HttpResponse:
    appointment = appointment_get(uuid=uuid)
    require(request.user, "appointments.interpreter", appointment)
    form = InterpreterForm(request.POST)
    if form.is_valid():
        try:
            services.interpreter_book(
                appointment=appointment,
                data=services.InterpreterData(**form.cleaned_data),
                by=request.user,
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The interpreter was booked."))
            return redirect("appointments:detail", uuid=appointment.uuid)
    return render(
        request,
        "appointments/detail.html",
        _detail_context(request, appointment, interpreter_form=form),
        status=400,
    )
