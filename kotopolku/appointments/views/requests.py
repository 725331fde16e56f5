"""Requests for an appointment: the public form and the advisors' queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kotopolku.accounts.permissions import require
from kotopolku.appointments import services
from kotopolku.appointments.enums import RequestStatus
from kotopolku.appointments.forms import (
    RequestForm,
)
from kotopolku.appointments.models import (
    AppointmentRequest,
)
from kotopolku.appointments.selectors import (
    request_queue,
)
from kotopolku.appointments.views.common import (
    MAX_REQUEST_BYTES,
    errors_to_form,
    is_uuid,
)

# --- requests ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def requests_queue(request: HttpRequest) -> HttpResponse:
    require(request.user, "appointments.requests")
    if request.method == "POST":
        item = (
            AppointmentRequest.objects.filter(uuid=request.POST.get("handled", "")).first()
            if is_uuid(request.POST.get("handled", ""))
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
            errors_to_form(form, error)
        else:
            return render(request, "appointments/request_done.html")
    return render(
        request,
        "appointments/request_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
