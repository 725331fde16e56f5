"""The site's service directory: a page of the catalogue's services by the reader's filters,
and one service's page. The catalogue's selectors filter and order; nothing is copied."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from kotopolku.catalogue.selectors import public as catalogue
from kotopolku.website import presenters
from kotopolku.website.fields import plain_fields
from kotopolku.website.forms import DirectoryForm
from kotopolku.website.selectors import ServiceCard, service_cards
from kotopolku.website.views.cached import shared_page
from kotopolku.website.views.context import Page, not_found, site_page


@dataclass
class DirectoryPage:
    """A page of the directory without counting the whole result (a count over thousands of
    services costs more than the page itself): one row more than a page tells if another
    follows."""

    number: int
    rows: list[ServiceCard]
    has_next: bool

    @classmethod
    def of(cls, services: Any, asked: str | None, language: str) -> DirectoryPage:
        number = int(asked) if asked and asked.isdigit() and 0 < int(asked) < 10_000 else 1
        size = catalogue.DIRECTORY_PAGE_SIZE
        rows = service_cards(services, language=language, start=(number - 1) * size, stop=number * size + 1)
        return cls(number=number, rows=rows[:size], has_next=len(rows) > size)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


@require_GET
@shared_page
@site_page
def directory(request: HttpRequest, page: Page) -> HttpResponse:
    form = DirectoryForm(request.GET or None)
    if request.GET and not form.is_valid():
        return page.render(
            "website/directory.html", {"form": form, "services": [], "page_obj": None}, status=400
        )
    data = form.cleaned_data if request.GET else {}
    query = catalogue.DirectoryQuery(
        text=data.get("q", ""),
        life_situation=data.get("situation", ""),
        language_served=data.get("language", ""),
        organisation_name=data.get("organisation", ""),
        open_now=bool(data.get("open_now")),
        municipality=page.service_point.municipality,
    )
    services = catalogue.service_directory(query=query)
    page_obj = None
    if query.open_now:
        found = catalogue.open_now_filter(services, timezone.now(), limit=catalogue.DIRECTORY_PAGE_SIZE)
        cards = [presenters.service_link(service, page) for service in found]
    else:
        page_obj = DirectoryPage.of(services, request.GET.get("page"), page.language)
        cards = [presenters.service_card(card, page) for card in page_obj.rows]
    query_string = request.GET.copy()
    query_string.pop("page", None)
    return page.render(
        "website/directory.html",
        {
            "form": form,
            "fields": plain_fields(form),
            "services": cards,
            "page_obj": page_obj,
            "query_string": query_string.urlencode(),
        },
    )


@require_GET
@shared_page
@site_page
def service(request: HttpRequest, page: Page, uuid: UUID) -> HttpResponse:
    found = catalogue.public_service(uuid=uuid)
    if found is None:
        return not_found(request, page.language, page.site)
    return page.render(
        "website/service.html", {"service": presenters.service_page(found, page, timezone.now())}
    )
