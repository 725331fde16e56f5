"""A guide as one PDF in the reader's language, drawn with the fonts shipped in ``core/pdf``
(Latin, Cyrillic, Arabic script right to left, Chinese), so every language prints the same."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from kotopolku.articles import selectors as articles
from kotopolku.core.pdf import render_pdf
from kotopolku.website import presenters
from kotopolku.website.views.context import Page, not_found, site_page


@require_GET
@site_page
def guide_pdf(request: HttpRequest, page: Page, slug: str) -> HttpResponse:
    found = articles.published_guide(service_point=page.service_point, slug=slug)
    if found is None:
        return not_found(request, page.language, page.site)
    chapters = presenters.guide_chapters(found, page)
    if not chapters:  # the guide is not in this language: its page lists the languages it is in
        return not_found(request, page.language, page.site)
    content = render_pdf(
        "website/guide.pdf.html",
        {
            "title": presenters.guide_title(found, page.language),
            "introduction": presenters.guide_intro(found, page.language),
            "chapters": chapters,
            "service_point": page.service_point,
            "address": request.build_absolute_uri(page.url("guide", slug=found.slug)),
            "printed": timezone.localdate(),
        },
        language=page.language,
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{found.slug}-{page.language}.pdf"'
    response["Content-Language"] = page.language
    return response
