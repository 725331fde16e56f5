"""The appointment request on the service point's site: the appointments app's request service
takes it to the service point's queue; the site asks in the reader's language."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kotopolku.appointments import services as appointments
from kotopolku.website.forms import AppointmentRequestForm
from kotopolku.website.views.context import Page, site_page
from kotopolku.website.views.limits import network_address, refused, too_large


def _language_of(page: Page) -> str:
    return page.language.split("-")[0]


@require_http_methods(["GET", "POST"])
@site_page
def appointment_request(request: HttpRequest, page: Page) -> HttpResponse:
    if request.method != "POST":
        form = AppointmentRequestForm(initial={"language": _language_of(page)})
        return page.render("website/appointment_request.html", {"form": form})
    if too_large(request):
        return refused(page, _("The form was too large to send."), 413)
    if request.POST.get("website"):  # the honeypot: people do not see this field
        return refused(page, _("The message could not be sent."), 400)
    form = AppointmentRequestForm(request.POST)
    if form.is_valid():
        data = appointments.RequestData(service_point=page.service_point, **form.cleaned_data)
        try:
            appointments.request_submit(data=data, source=network_address(request))
        except ValidationError as error:
            fields = getattr(error, "error_dict", {})
            if "__all__" in fields:  # the service's one refusal of the whole form: its rate limit
                return refused(
                    page, _("You have sent many messages in a short time. Please try again in an hour."), 429
                )
            for name in fields:
                form.add_error(name if name in form.fields else None, _("Check this field."))
        else:
            return HttpResponseRedirect(page.url("appointment_sent"))
    return page.render("website/appointment_request.html", {"form": form}, status=400)


@require_GET
@site_page
def appointment_sent(request: HttpRequest, page: Page) -> HttpResponse:
    return page.render("website/appointment_sent.html")
