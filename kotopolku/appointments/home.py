"""The appointments app's panel on the home page: the user's own appointments of today."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from kotopolku.appointments.models import Appointment
from kotopolku.appointments.selectors import HOLDING, local_start


def today_context(request: HttpRequest) -> dict[str, Any] | None:
    today = timezone.localdate()
    rows = list(
        Appointment.objects.filter(
            worker_id=request.user.pk,
            status__in=HOLDING,
            starts_at__gte=local_start(today),
            starts_at__lt=local_start(today + timedelta(days=1)),
        )
        .only("uuid", "starts_at", "kind", "channel")
        .order_by("starts_at")
    )
    if not rows:
        return None
    return {"rows": rows}
