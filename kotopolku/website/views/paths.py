"""A service path as the site's municipality walks it: the common steps with the local variant
applied, each step a link to its service. Articles link here to a step (``#step-<uuid>``)."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from kotopolku.catalogue.models import ServicePath
from kotopolku.catalogue.selectors.paths import path_with_steps, resolve_steps
from kotopolku.website import presenters
from kotopolku.website.views.cached import shared_page
from kotopolku.website.views.context import Page, not_found, site_page


@require_GET
@shared_page
@site_page
def path(request: HttpRequest, page: Page, uuid: UUID) -> HttpResponse:
    try:
        found = path_with_steps(uuid=uuid)
    except ServicePath.DoesNotExist:
        return not_found(request, page.language, page.site)
    if not found.is_active:
        return not_found(request, page.language, page.site)
    translation = presenters.pick(found.translations.all(), page.language)
    steps = []
    for number, resolved in enumerate(resolve_steps(found, page.service_point.municipality), start=1):
        service = resolved.step.service
        anchors = {resolved.step.uuid, *([resolved.common.uuid] if resolved.common else [])}
        steps.append(
            {
                "number": number,
                "anchors": sorted(str(anchor) for anchor in anchors),
                "service": presenters.service_link(service, page) if service else None,
                "note": presenters.text_of(resolved.step, "note", page.language),
                "local": resolved.origin != "common",
            }
        )
    return page.render(
        "website/path.html",
        {
            "name": translation.name if translation else found.key,
            "description": translation.description if translation else "",
            "text_lang": translation.language if translation else page.language,
            "steps": steps,
        },
    )
