from __future__ import annotations

from types import SimpleNamespace
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kotopolku.accounts.permissions import can, require
from kotopolku.core.versioning import StaleVersion
from kotopolku.organisations.forms import MunicipalityThemeForm, OrganisationFilterForm, OrganisationForm
from kotopolku.organisations.models import Municipality, Organisation
from kotopolku.organisations.selectors import organisation_list
from kotopolku.organisations.services import municipality_theme_update, organisation_save
from kotopolku.organisations.theme import theme_stylesheet


@login_required
def organisation_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "organisations.view")
    filter_form = OrganisationFilterForm(request.GET or None)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    organisations = organisation_list(search=filters.get("q", ""), kind=filters.get("kind", ""))
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    language = get_language()
    # Each organisation under its name in the user's language where it has one (sv, en).
    rows = [
        SimpleNamespace(
            uuid=organisation.uuid,
            display_name=organisation.name_in(language),
            get_kind_display=organisation.get_kind_display(),
            business_id=organisation.business_id,
            municipality_name=organisation.municipality.name_in(language)
            if organisation.municipality
            else "",
        )
        for organisation in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "page": page,
            "rows": rows,
            "filter_form": filter_form,
            "query": query.urlencode(),
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


@login_required
def municipality_theme_edit(request: HttpRequest, code: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, code=code)
    require(request.user, "organisations.theme", municipality)
    initial = {"theme_colour": municipality.theme_colour, "version": municipality.version}
    form = MunicipalityThemeForm(request.POST or None, request.FILES or None, initial=initial)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            municipality_theme_update(
                municipality=municipality,
                colour=form.cleaned_data["theme_colour"],
                logo=form.cleaned_data["logo"],
                remove_logo=form.cleaned_data["remove_logo"],
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except StaleVersion as exc:
            stale = cast(Municipality, exc.current)
            form = MunicipalityThemeForm(
                initial={"theme_colour": stale.theme_colour, "version": stale.version}
            )
        else:
            messages.success(
                request, _("The look of %(name)s was saved.") % {"name": municipality.name_in(get_language())}
            )
            return redirect("organisations:theme", code=municipality.code)
    status = 409 if stale else (400 if request.method == "POST" else 200)
    return render(
        request,
        "organisations/municipality_theme.html",
        {
            "form": form,
            "municipality": municipality,
            "municipality_name": municipality.name_in(get_language()),
            "stale": stale,
        },
        status=status,
    )


def _versioned_cache(response: HttpResponse) -> HttpResponse:
    # The URL names the version, so a browser may keep the answer for a year.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@require_GET
def theme_css(request: HttpRequest, code: str, version: int) -> HttpResponse:
    municipality = get_object_or_404(Municipality.objects.only("theme_colour", "version"), code=code)
    response = HttpResponse(
        theme_stylesheet(municipality.theme_colour), content_type="text/css; charset=utf-8"
    )
    return _versioned_cache(response) if municipality.version == version else response


@require_GET
def theme_logo(request: HttpRequest, code: str, version: int) -> HttpResponse:
    municipality = get_object_or_404(Municipality, code=code)
    if not municipality.logo_type:
        raise Http404
    response = HttpResponse(bytes(municipality.logo), content_type=municipality.logo_type)
    # An SVG opened on its own must not run anything in the product's origin.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return _versioned_cache(response) if municipality.version == version else response
