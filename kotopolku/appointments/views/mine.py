"""A worker's own availability, absences and calendar feed address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import grants_for, require
from kotopolku.appointments import services
from kotopolku.appointments.forms import (
    AbsenceForm,
    AvailabilityForm,
)
from kotopolku.appointments.models import (
    Absence,
    Availability,
    CalendarFeed,
)
from kotopolku.appointments.views.common import (
    errors_to_form,
)
from kotopolku.organisations.models import ServicePoint

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
            errors_to_form(availability_form if "add_availability" in request.POST else absence_form, error)
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
