from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kotopolku.accounts.permissions import can, require
from kotopolku.core.text import search_text
from kotopolku.organisations.enums import OrganisationKind
from kotopolku.organisations.forms import OrganisationForm
from kotopolku.organisations.models import Organisation
from kotopolku.organisations.selectors import organisation_list
from kotopolku.organisations.services import organisation_save


@login_required
def organisation_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "organisations.view")
    search = search_text(request.GET.get("q", ""), max_length=100)
    kind = request.GET.get("kind", "")
    if kind not in OrganisationKind.values:
        kind = ""
    page = Paginator(organisation_list(search=search, kind=kind), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "page": page,
            "search": search,
            "kind": kind,
            "kinds": OrganisationKind.choices,
            "may_manage": can(request.user, "organisations.manage"),
        },
    )


@login_required
def organisation_edit(request: HttpRequest, uuid: str | None = None) -> HttpResponse:
    organisation = get_object_or_404(Organisation, uuid=uuid) if uuid else Organisation()
    require(request.user, "organisations.manage", organisation if uuid else None)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation_save(organisation=form.save(commit=False), by=request.user)
        messages.success(request, _("The organisation was saved."))
        return redirect("organisations:list")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
        status=status,
    )
