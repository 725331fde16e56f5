"""Staff pages of the site: the inbox of questions and accessibility feedback, and the printable
links and QR codes of a survey."""

from __future__ import annotations

import io
from uuid import UUID

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kotopolku.contacts.selectors import active_topics
from kotopolku.core.public_languages import public_language
from kotopolku.core.versioning import StaleVersion
from kotopolku.surveys.enums import AnswerChannel
from kotopolku.surveys.selectors import survey_detail
from kotopolku.website.enums import InquiryStatus
from kotopolku.website.selectors import inbox, inquiry_open
from kotopolku.website.services import inquiry_answer, inquiry_close

PAGE_SIZE = 50


class AnswerForm(forms.Form):
    answer = forms.CharField(label=gettext_lazy("Answer"), widget=forms.Textarea(attrs={"rows": 8}))
    topics = forms.MultipleChoiceField(label=gettext_lazy("Topics"), widget=forms.CheckboxSelectMultiple)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: object, language: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["topics"].choices = [(t.code, t.name_in(language)) for t in active_topics()]  # type: ignore[attr-defined]


@login_required
@require_GET
def inbox_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", InquiryStatus.NEW)
    page = Paginator(inbox(user=request.user, status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "website/staff/inbox.html", {"page_obj": page, "status": status, "statuses": InquiryStatus.choices}
    )


@login_required
@require_http_methods(["GET", "POST"])
def inquiry_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    inquiry = inquiry_open(user=request.user, uuid=uuid)
    language = request.LANGUAGE_CODE
    form = AnswerForm(initial={"version": inquiry.version}, language=language)
    status = 200
    if request.method == "POST":
        form = AnswerForm(request.POST, language=language)
        try:
            if request.POST.get("close"):
                version = request.POST.get("version", "")
                inquiry_close(inquiry=inquiry, by=request.user, expected_version=int(version) if version.isdigit() else -1)
                messages.success(request, _("The message was closed."))
                return redirect("website:inbox")
            if form.is_valid():
                inquiry_answer(
                    inquiry=inquiry, answer=form.cleaned_data["answer"], topic_codes=form.cleaned_data["topics"],
                    by=request.user, expected_version=form.cleaned_data["version"],
                )  # fmt: skip
                messages.success(request, _("The answer was saved and logged as a desk contact."))
                return redirect("website:inbox")
        except StaleVersion:
            form.add_error(None, _("Someone else handled this message while you were writing. Reload the page."))
            status = 409
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        if status == 200:
            status = 400
    language_item = public_language(inquiry.language)
    return render(
        request,
        "website/staff/inquiry.html",
        {"inquiry": inquiry, "form": form, "language_name": language_item.name if language_item else inquiry.language},
        status=status,
    )


def _public_url(request: HttpRequest, survey_slug: str, language: str, uuid: UUID, channel: str) -> str:
    path = reverse("website:survey", kwargs={"site": survey_slug, "lang": language, "uuid": uuid})
    return request.build_absolute_uri(f"{path}?channel={channel}")


@login_required
@require_GET
def survey_links(request: HttpRequest, uuid: UUID) -> HttpResponse:
    survey = survey_detail(user=request.user, uuid=uuid)
    slug = survey.service_point.slug
    links = [
        {
            "language": public_language(code).name if public_language(code) else code,  # type: ignore[union-attr]
            "code": code,
            "channels": [
                (label, _public_url(request, slug, code, survey.uuid, channel)) for channel, label in AnswerChannel.choices
            ],
            "qr": reverse("website:survey_qr", kwargs={"uuid": survey.uuid}) + f"?lang={code}",
        }
        for code in survey.languages
    ]
    return render(request, "website/staff/survey_links.html", {"survey": survey, "links": links})


@login_required
@require_GET
def survey_qr(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The QR code of the survey's desk link (channel "qr") as SVG, for printing."""
    survey = survey_detail(user=request.user, uuid=uuid)
    language = request.GET.get("lang", "")
    if language not in survey.languages:
        language = survey.languages[0] if survey.languages else "fi"
    url = _public_url(request, survey.service_point.slug, language, survey.uuid, AnswerChannel.QR)
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, border=4, title=survey.title_in(language), xmldecl=True)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
