from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kotopolku.accounts.permissions import require
from kotopolku.audit.forms import AuditFilterForm
from kotopolku.audit.selectors import audit_event_list
from kotopolku.audit.services import audit_record
from kotopolku.audit.wording import events_in_words


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "audit.view")
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    events = audit_event_list(user=request.user, **filters)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    lines = events_in_words(page.object_list)
    # Reading the log is itself a read of personal data (who did what, from where).
    audit_record(
        actor=request.user,
        action="audit.view",
        purpose="supervision of data processing",
        details={
            "filters": {key: str(value) for key, value in filters.items() if value},
            "page": page.number,
        },
    )
    query = request.GET.copy()
    query.pop("page", None)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "lines": lines, "query": query.urlencode()},
        status=status,
    )
