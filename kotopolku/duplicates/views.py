"""The review queue of likely duplicate pairs, starting a sweep, and judging a pair."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotopolku.accounts.permissions import can, require
from kotopolku.audit.services import audit_record
from kotopolku.clients.matching.warning import CONTRIBUTION_LABELS
from kotopolku.duplicates.forms import SweepForm
from kotopolku.duplicates.models import DuplicatePair, PairStatus, Sweep, SweepStatus
from kotopolku.duplicates.selectors import latest_sweep, review_queue, sweep_visible
from kotopolku.duplicates.services import PURPOSE, pair_decide_different, sweep_request
from kotopolku.duplicates.tasks import duplicates_sweep


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """GET /duplicates/?page=N: the pairs to review, the most likely first."""
    require(request.user, "duplicates.review")
    page = review_queue(request.user, page=request.GET.get("page") or 1)
    audit_record(
        actor=request.user,
        action="duplicates.review",
        target_type="duplicates.queue",
        purpose=PURPOSE,
        details={"page": page.number, "pairs": len(page.object_list)},
    )
    may_sweep = can(request.user, "duplicates.sweep")
    sweep = latest_sweep(request.user) if may_sweep else None
    rows = [
        {
            "pair": pair,
            "records": (pair.first, pair.second),
            "reasons": [str(CONTRIBUTION_LABELS.get(code, code)) for code in pair.reasons],
            "may_merge": pair.first.service_point_id == pair.second.service_point_id
            and can(request.user, "clients.merge", pair.first),
        }
        for pair in page.object_list
    ]
    return render(
        request,
        "duplicates/queue.html",
        {
            "page": page,
            "rows": rows,
            "query": "",
            "sweep": sweep,
            "sweep_text": sweep_text(sweep) if sweep else "",
            "form": SweepForm(user=request.user) if may_sweep else None,
        },
    )


@login_required
@require_POST
def sweep_start(request: HttpRequest) -> HttpResponse:
    require(request.user, "duplicates.sweep")
    form = SweepForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a registry you may sweep."))
        return redirect("duplicates:queue")
    sweep = sweep_request(by=request.user, **form.target())
    duplicates_sweep.enqueue(sweep_id=sweep.pk)
    messages.success(request, _("The sweep was started. Its progress shows here."))
    return redirect("duplicates:queue")


def sweep_text(sweep: Sweep, *, live: bool = False) -> str:
    """Where ``sweep`` is, in words: on the page as served (``live``: as the page's script
    updates it, without the advice to reload)."""
    if sweep.status == SweepStatus.DONE:
        when = formats.date_format(timezone.localtime(sweep.finished_at), "SHORT_DATETIME_FORMAT")
        return _(
            "The last sweep (%(when)s) compared %(compared)s pairs of %(records)s records and found "
            "%(found)s likely duplicates."
        ) % {"when": when, "compared": sweep.compared, "records": sweep.records, "found": sweep.found}
    if sweep.status == SweepStatus.FAILED:
        return _("The last sweep failed. Start it again; if it fails again, tell the administrator.")
    if live:
        return _("A sweep is running: %(progress)s %% done.") % {"progress": sweep.progress}
    return _("A sweep is running: %(progress)s %% done. Reload the page to see its progress.") % {
        "progress": sweep.progress
    }


@login_required
def sweep_progress(request: HttpRequest, uuid: Any) -> JsonResponse:
    """GET /duplicates/sweeps/<uuid>/progress/: how far a sweep is, for the page to show while it
    runs (counts only, no personal data). A sweep the user may not start is not found."""
    sweep = sweep_visible(request.user, uuid)
    if sweep is None:
        raise Http404
    return JsonResponse(
        {
            "status": sweep.status,
            "progress": sweep.progress,
            "records": sweep.records,
            "compared": sweep.compared,
            "found": sweep.found,
            "text": sweep_text(sweep, live=True),
        },
        headers={"Cache-Control": "no-store"},
    )


def _pair(request: HttpRequest, uuid: Any) -> DuplicatePair:
    pair = DuplicatePair.objects.select_related("first", "second").filter(uuid=uuid).first()
    if pair is None:
        raise Http404
    require(request.user, "duplicates.review", pair.first)
    require(request.user, "duplicates.review", pair.second)
    return pair


@login_required
@require_POST
def pair_different(request: HttpRequest, uuid: Any) -> HttpResponse:
    """The reviewer judges the pair to be two different people: it leaves the queue for good."""
    pair = _pair(request, uuid)
    if pair.status != PairStatus.OPEN:
        messages.info(request, _("This pair was already decided."))
    else:
        pair_decide_different(pair=pair, by=request.user)
        messages.success(request, _("Marked as different people. This pair will not be offered again."))
    page = request.POST.get("page") or "1"
    return redirect(f"{reverse('duplicates:queue')}?page={int(page) if page.isdigit() else 1}")
