"""The site's "ask us" form and the accessibility statement with its feedback form: both land
in the staff inbox through the inquiries app's services."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kotopolku.inquiries.enums import InquiryKind
from kotopolku.inquiries.services import InquiryData, InquiryInvalid, RateLimited, inquiry_submit
from kotopolku.surveys.services import TokenInvalid, TokenUsed, visit_token_issue
from kotopolku.website import messages
from kotopolku.website.forms import InquiryForm
from kotopolku.website.views.context import Page, site_page
from kotopolku.website.views.limits import network_address, refused, too_large


def _inquiry_view(
    request: HttpRequest, page: Page, kind: str, template: str, extra: dict[str, Any]
) -> HttpResponse:
    if request.method == "POST":
        if too_large(request):
            return refused(page, _("The form was too large to send."), 413)
        form = InquiryForm(request.POST, language=page.language)
        if request.POST.get("website"):  # the honeypot: people do not see this field
            return refused(page, _("The message could not be sent."), 400)
        if form.is_valid():
            data = InquiryData(
                kind=kind,
                language=form.cleaned_data["language"],
                question=form.cleaned_data["question"],
                answer_by=form.cleaned_data["answer_by"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                page=request.POST.get("page", "")[:300],
            )
            try:
                inquiry_submit(
                    service_point=page.service_point,
                    data=data,
                    token=request.POST.get("token", ""),
                    network_address=network_address(request) or None,
                )
            except InquiryInvalid as error:
                for field, code in error.errors.items():
                    form.add_error(field if field in form.fields else None, str(messages.INQUIRY[code]))
            except RateLimited:
                return refused(
                    page, _("You have sent many messages in a short time. Please try again in an hour."), 429
                )
            except TokenUsed:
                return refused(page, _("This message has already been sent. Thank you!"), 409)
            except TokenInvalid:
                return refused(page, _("The form has expired. Open the page again and try again."), 400)
            else:
                return HttpResponseRedirect(page.url("ask_sent"))
        return page.render(template, {"form": form, "token": visit_token_issue(), **extra}, status=400)
    form = InquiryForm(initial={"language": page.language}, language=page.language)
    return page.render(template, {"form": form, "token": visit_token_issue(), **extra})


@require_http_methods(["GET", "POST"])
@site_page
def ask(request: HttpRequest, page: Page) -> HttpResponse:
    return _inquiry_view(request, page, InquiryKind.QUESTION, "website/ask.html", {})


@require_GET
@site_page
def ask_sent(request: HttpRequest, page: Page) -> HttpResponse:
    return page.render("website/ask_sent.html")


@require_http_methods(["GET", "POST"])
@site_page
def accessibility(request: HttpRequest, page: Page) -> HttpResponse:
    return _inquiry_view(
        request,
        page,
        InquiryKind.ACCESSIBILITY,
        "website/accessibility.html",
        {"assessed_on": page.site.accessibility_assessed_on},
    )
