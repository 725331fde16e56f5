from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import can, grants_for, require, service_point_ids
from kotopolku.appointments import services
from kotopolku.appointments.enums import AppointmentKind, AppointmentStatus, RequestStatus, Weekday
from kotopolku.appointments.forms import (
    AbsenceForm,
    AvailabilityForm,
    BookingForm,
    InterpreterForm,
    PopupBookingForm,
    ReportForm,
    RequestForm,
    SeriesChangeForm,
    SeriesForm,
    StatusForm,
)
from kotopolku.appointments.ics import appointment_ics, feed_ics
from kotopolku.appointments.models import (
    Absence,
    Appointment,
    AppointmentRequest,
    AppointmentSeries,
    Availability,
    CalendarFeed,
)
from kotopolku.appointments.selectors import (
    appointment_get,
    calendar_for,
    interpreter_report,
    request_queue,
    series_list,
)
from kotopolku.audit.services import audit_record
from kotopolku.clients.models import Client
from kotopolku.clients.selectors import client_find
from kotopolku.core.versioning import StaleVersion
from kotopolku.organisations.models import ServicePoint

MAX_REQUEST_BYTES = 16_384
FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 365


def _errors_to_form(form: Any, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, field_messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, field_messages)


def _points(user: Any, action: str) -> QuerySet[ServicePoint]:
    return ServicePoint.objects.filter(pk__in=service_point_ids(user, action), is_active=True).order_by(
        "name"
    )


def workers_at(point_ids: set[int]) -> QuerySet[User]:
    """Staff who take appointments at these service points: directly or through a network."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(
                memberships__service_point_id__in=point_ids,
                memberships__role__in=[Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR],
            )
            | Q(
                memberships__network__service_points__in=point_ids,
                memberships__role__in=[Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR],
            )
        )
        .distinct()
        .order_by("full_name")
    )


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """Day or week view, per worker or per service point: free, booked and absent slots."""
    require(request.user, "appointments.calendar")
    points = list(_points(request.user, "appointments.view"))
    view = "day" if request.GET.get("view") == "day" else "week"
    day = _parse_date(request.GET.get("date", ""))
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


def _client_for(request: HttpRequest, uuid: Any, form: Any) -> Client | None:
    if not uuid:
        return None
    client = Client.objects.filter(uuid=uuid).first()
    if client is None or not can(request.user, "clients.view", client):
        form.add_error("contact_name", _("The client is not registered at this service point."))
        return None
    return client


@login_required
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest) -> HttpResponse:
    require(request.user, "appointments.book")
    points = _points(request.user, "appointments.book")
    point_ids = set(points.values_list("pk", flat=True))
    initial: dict[str, Any] = {"kind": AppointmentKind.ADVISOR, "language": "fi"}
    for name in ("starts_at", "ends_at", "worker", "client", "service_point", "kind"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    client = (
        Client.objects.filter(uuid=initial["client"]).first() if _is_uuid(initial.get("client")) else None
    )
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
        client = _client_for(request, form.cleaned_data["client"], form)
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
                _errors_to_form(form, error)
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


def _is_uuid(value: Any) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True


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
            _errors_to_form(form, error)
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
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The interpreter was booked."))
            return redirect("appointments:detail", uuid=appointment.uuid)
    return render(
        request,
        "appointments/detail.html",
        _detail_context(request, appointment, interpreter_form=form),
        status=400,
    )


def ics_response(appointment: Appointment) -> HttpResponse:
    summary = _("Appointment at %(point)s") % {"point": appointment.service_point.name}
    response = HttpResponse(
        appointment_ics(appointment, summary=summary), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="appointment-{appointment.uuid}.ics"'
    return response


@login_required
def appointment_ics_view(request: HttpRequest, uuid: str) -> HttpResponse:
    appointment = appointment_get(uuid=uuid)
    require(request.user, "appointments.view", appointment)
    services.appointment_read_record(appointment=appointment, by=request.user)
    return ics_response(appointment)


def feed_summary(appointment: Appointment) -> str:
    return f"{appointment.get_kind_display()} ({appointment.get_channel_display()})"


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A worker's calendar feed for Outlook or Google Calendar (the secret address is the key)."""
    worker = services.calendar_feed_worker(token)
    if worker is None:
        raise Http404
    now = timezone.now()
    appointments = Appointment.objects.filter(
        worker=worker,
        status__in=(AppointmentStatus.BOOKED, AppointmentStatus.DONE),
        starts_at__gte=now - timedelta(days=FEED_DAYS_BACK),
        starts_at__lt=now + timedelta(days=FEED_DAYS_AHEAD),
    ).order_by("starts_at")
    body = feed_ics(appointments, name=f"Kotopolku – {worker.full_name}", summary_of=feed_summary)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@login_required
@require_POST
def popup_book(request: HttpRequest, uuid: str) -> HttpResponse:
    slot = appointment_get(uuid=uuid)
    require(request.user, "appointments.book", slot.service_point)
    if slot.kind != AppointmentKind.POPUP:
        raise Http404
    form = PopupBookingForm(request.POST)
    if form.is_valid():
        client = _client_for(request, form.cleaned_data["client"], form)
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
                _errors_to_form(form, error)
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
    if _is_uuid(request.GET.get("client")):
        initial["client"] = request.GET["client"]
    return render(
        request, "appointments/popup_book.html", {"slot": slot, "form": PopupBookingForm(initial=initial)}
    )


# --- series ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def series_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "appointments.series")
    points = list(_points(request.user, "appointments.series"))
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
            _errors_to_form(form, error)
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
            _errors_to_form(form, error)
    slots = series.slots.select_related("client").order_by("starts_at")
    return render(
        request,
        "appointments/series_detail.html",
        {"series": series, "slots": slots, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- my availability, absences and calendar feed ----------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def my_calendar(request: HttpRequest) -> HttpResponse:
    require(request.user, "appointments.calendar")
    user = request.user
    assert isinstance(user, User)
    points = ServicePoint.objects.filter(
        pk__in=set(grants_for(user).direct) | set(grants_for(user).via_network)
    ).order_by("name")
    availability_form = AvailabilityForm(
        request.POST if "add_availability" in request.POST else None, service_points=points
    )
    absence_form = AbsenceForm(request.POST if "add_absence" in request.POST else None)
    feed_url = ""
    if request.method == "POST":
        try:
            if "add_availability" in request.POST and availability_form.is_valid():
                services.availability_add(worker=user, by=user, **availability_form.cleaned_data)
                return redirect("appointments:mine")
            if "add_absence" in request.POST and absence_form.is_valid():
                services.absence_add(worker=user, by=user, **absence_form.cleaned_data)
                return redirect("appointments:mine")
            if "remove_availability" in request.POST:
                availability = Availability.objects.filter(
                    worker=user, uuid=request.POST["remove_availability"]
                ).first()
                if availability is not None:
                    services.availability_remove(availability=availability, by=user)
                return redirect("appointments:mine")
            if "new_feed" in request.POST:
                _feed, token = services.calendar_feed_create(worker=user, by=user)
                feed_url = request.build_absolute_uri(f"/appointments/feed/{token}.ics")
            if "revoke_feed" in request.POST:
                services.calendar_feed_revoke(worker=user, by=user)
                messages.success(request, _("The calendar feed address no longer works."))
                return redirect("appointments:mine")
        except ValidationError as error:
            _errors_to_form(availability_form if "add_availability" in request.POST else absence_form, error)
    return render(
        request,
        "appointments/mine.html",
        {
            "availability_form": availability_form,
            "absence_form": absence_form,
            "availabilities": Availability.objects.filter(worker=user).select_related("service_point"),
            "absences": Absence.objects.filter(worker=user, ends_at__gte=timezone.now()),
            "feed_url": feed_url,
            "has_feed": CalendarFeed.objects.filter(worker=user, revoked_at__isnull=True).exists(),
        },
        status=400 if availability_form.errors or absence_form.errors else 200,
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


# --- requests ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def requests_queue(request: HttpRequest) -> HttpResponse:
    require(request.user, "appointments.requests")
    if request.method == "POST":
        item = (
            AppointmentRequest.objects.filter(uuid=request.POST.get("handled", "")).first()
            if _is_uuid(request.POST.get("handled", ""))
            else None
        )
        if item is None:
            raise Http404
        require(request.user, "appointments.requests", item)
        services.request_handle(request=item, by=request.user)
        messages.success(request, _("The request was marked handled."))
        return redirect("appointments:requests")
    status = (
        RequestStatus.HANDLED if request.GET.get("status") == RequestStatus.HANDLED else RequestStatus.NEW
    )
    items = list(request_queue(user=request.user, status=status)[:200])
    if items:
        from kotopolku.audit.services import audit_record

        audit_record(
            actor=request.user,
            action="appointments.requests_view",
            purpose="appointment request",
            details={"requests": len(items)},
        )
    return render(
        request,
        "appointments/requests.html",
        {
            "items": items,
            "is_new": status == RequestStatus.NEW,
            "is_handled": status == RequestStatus.HANDLED,
        },
    )


@require_http_methods(["GET", "POST"])
def request_form(request: HttpRequest) -> HttpResponse:
    """The public form: anyone may ask for an appointment; the request lands in the queue."""
    if request.method == "POST" and len(request.body) > MAX_REQUEST_BYTES:
        return HttpResponse(_("The request is too large."), status=413)
    form = RequestForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            # A robot filled in the trap field: answer as if it worked, keep nothing.
            return render(request, "appointments/request_done.html")
        data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
        try:
            services.request_submit(
                data=services.RequestData(**data), source=request.META.get("REMOTE_ADDR", "")
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return render(request, "appointments/request_done.html")
    return render(
        request,
        "appointments/request_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
