"""The staff inbox: read a question sent from the site, answer it (by e-mail, or by phone and
write the answer down) or close it."""

from __future__ import annotations

from urllib.parse import urlencode
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kotopolku.contacts.selectors import active_topics
from kotopolku.core.public_languages import public_language
from kotopolku.core.versioning import StaleVersion
from kotopolku.inquiries.enums import InquiryStatus
from kotopolku.inquiries.selectors import inbox, inquiry_open
from kotopolku.inquiries.services import inquiry_answer, inquiry_close

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
        request,
        "inquiries/inbox.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": InquiryStatus.choices,
            "query": urlencode({"status": status}),
        },
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
                inquiry_close(
                    inquiry=inquiry,
                    by=request.user,
                    expected_version=int(version) if version.isdigit() else -1,
                )
                messages.success(request, _("The message was closed."))
                return redirect("inquiries:inbox")
            if form.is_valid():
                inquiry_answer(
                    inquiry=inquiry,
                    answer=form.cleaned_data["answer"],
                    topic_codes=form.cleaned_data["topics"],
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                )
                messages.success(request, _("The answer was saved and logged as a desk contact."))
                return redirect("inquiries:inbox")
        except StaleVersion:
            form.add_error(
                None, _("Someone else handled this message while you were writing. Reload the page.")
            )
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
        "inquiries/inquiry.html",
        {
            "inquiry": inquiry,
            "form": form,
            "language_name": language_item.name if language_item else inquiry.language,
        },
        status=status,
    )
