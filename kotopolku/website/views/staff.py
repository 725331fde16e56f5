"""Staff page of the site: the printable links and QR codes of a survey."""

from __future__ import annotations

import io
from uuid import UUID

import segno
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from kotopolku.core.public_languages import public_language
from kotopolku.surveys.enums import AnswerChannel
from kotopolku.surveys.selectors import survey_detail


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
                (label, _public_url(request, slug, code, survey.uuid, channel))
                for channel, label in AnswerChannel.choices
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
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=8, border=4, title=survey.title_in(language), xmldecl=True
    )
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
