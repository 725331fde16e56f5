"""Partner staff's view of the plan steps assigned to their organisation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotopolku.accounts.permissions import require
from kotopolku.casework import services
from kotopolku.casework.selectors import (
    partner_step_get,
    partner_steps,
)
from kotopolku.casework.views.common import user_of


@login_required
def partner_steps_view(request: HttpRequest) -> HttpResponse:
    require(request.user, "casework.partner_steps")
    return render(request, "casework/partner_steps.html", {"steps": partner_steps(user=user_of(request))})


@login_required
@require_POST
def partner_step_status(request: HttpRequest, step_uuid: Any) -> HttpResponse:
    step = partner_step_get(uuid=step_uuid)
    require(request.user, "casework.partner_steps", step)
    status = request.POST.get("status", "")
    if status not in ("in_progress", "done"):
        messages.error(request, _("Choose a status."))
    else:
        services.step_set_status(step=step, status=status, by=user_of(request))
        messages.success(request, _("The step was updated."))
    return redirect("casework:partner_steps")
