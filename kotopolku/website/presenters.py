"""Model rows turned into what a public page shows, in the reader's language.

Catalogue texts exist in fewer languages than the site: a text shown from another language
carries that language's code, so that the page marks it (``lang``) for screen readers.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from kotopolku.catalogue.enums import ChannelKind, FeeKind, LifeSituation
from kotopolku.catalogue.hours import HELSINKI, day_slots, opening_status, week_table
from kotopolku.core.public_languages import PLAIN_FINNISH

if TYPE_CHECKING:
    from kotopolku.articles.models import Article, ArticleTranslation, Guide
    from kotopolku.articles.reading import ArticleReading, RelatedService
    from kotopolku.catalogue.models import Location, Schedule, Service
    from kotopolku.surveys.models import Survey
    from kotopolku.website.selectors import ServiceCard
    from kotopolku.website.views.context import Page

LIFE_SITUATIONS: dict[str, Any] = {
    LifeSituation.WORK: _("Work"),
    LifeSituation.FAMILY: _("Family"),
    LifeSituation.STUDY: _("Studying"),
    LifeSituation.INTERNATIONAL_PROTECTION: _("International protection"),
    LifeSituation.TEMPORARY_PROTECTION: _("Temporary protection"),
    LifeSituation.BUSINESS: _("Starting a business"),
    LifeSituation.OTHER: _("Settling in and everyday life"),
}
CHANNELS: dict[str, Any] = {
    ChannelKind.ON_SITE: _("Visit in person"),
    ChannelKind.PHONE: _("By phone"),
    ChannelKind.WEB: _("Web page"),
    ChannelKind.E_SERVICE: _("Online service"),
}
FEES: dict[str, Any] = {
    FeeKind.FREE: _("Free of charge"),
    FeeKind.CHARGED: _("There is a fee"),
    FeeKind.PARTLY_CHARGED: _("Partly free of charge"),
    FeeKind.UNKNOWN: _("Ask about the fee"),
}
WEEKDAYS = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"))
# The order in which a catalogue text is looked for when the reader's language has none.
FALLBACK = ("en", "fi", "sv")


def content_language(language: str) -> str:
    return "fi" if language == PLAIN_FINNISH else language


def pick(rows: Any, language: str) -> Any:
    """The row of ``language`` (plain Finnish: then Finnish), else English, Finnish, Swedish."""
    by_language = {row.language: row for row in rows}
    for code in (language, content_language(language), *FALLBACK):
        if code in by_language:
            return by_language[code]
    return next(iter(by_language.values()), None)


def text_of(item: Any, field: str, language: str) -> str:
    return str(item.text(field, content_language(language), fallback=FALLBACK))


@lru_cache(maxsize=32)
def _language_names(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(content_language(language).replace("-", "_")).languages)
    except (ValueError, UnknownLocaleError):
        return dict(Locale.parse("en").languages)


def language_name(code: str, language: str) -> str:
    if code == PLAIN_FINNISH:
        return "selkosuomi"
    return _language_names(language).get(code) or _language_names("en").get(code) or code


def paragraphs(body: str) -> list[str]:
    return [part.strip() for part in body.replace("\r\n", "\n").split("\n\n") if part.strip()]


def week(schedules: list[Schedule], today: date) -> list[dict[str, Any]]:
    return [
        {"day": WEEKDAYS[day.weekday()], "date": day, "slots": slots, "today": day == today}
        for day, slots in week_table(schedules, today)
    ]


# ---------------------------------------------------------------- the service point


def location(location: Location, language: str) -> dict[str, Any]:
    translation = pick(location.translations.all(), language)
    address = next(iter(location.addresses.all()), None)
    map_url = ""
    if location.latitude is not None and location.longitude is not None:
        map_url = (
            f"https://www.openstreetmap.org/?mlat={location.latitude}&mlon={location.longitude}"
            f"#map=17/{location.latitude}/{location.longitude}"
        )
    accessibility = next(iter(location.accessibility.all()), None)
    return {
        "name": translation.name if translation else "",
        "text_lang": translation.language if translation else "",
        "transportation": translation.transportation if translation else "",
        "address": f"{address.address_1}, {address.postal_code} {address.city}" if address else "",
        "map_url": map_url,
        "phones": [phone.number for phone in location.phones.all()],
        "accessibility": text_of(accessibility, "description", language) if accessibility else "",
    }


def popups(location: Location, language: str, today: date) -> list[dict[str, Any]]:
    """Partners' hours held at the location in the coming four weeks."""
    found = []
    for link in getattr(location, "popups", []):
        schedules = list(link.schedules.all())
        slots = []
        for offset in range(28):
            day = today + timedelta(days=offset)
            for slot in day_slots(schedules, day):
                opens, closes = slot.local()
                slots.append({"day": WEEKDAYS[day.weekday()], "date": day, "opens": opens, "closes": closes})
        if slots:
            translation = pick(link.service.translations.all(), language)
            organisation = link.service.organisation
            found.append(
                {
                    "name": translation.name if translation else "",
                    "text_lang": translation.language if translation else "",
                    "organisation": organisation.name_in(content_language(language)) if organisation else "",
                    "slots": slots[:8],
                }
            )
    return found


# ---------------------------------------------------------------- articles and guides


def _guide_translation(guide: Guide, language: str) -> Any:
    return pick(guide.translations.all(), language)


def guide_title(guide: Guide, language: str) -> str:
    translation = _guide_translation(guide, language)
    return translation.title if translation else guide.slug


def guide_intro(guide: Guide, language: str) -> str:
    translation = _guide_translation(guide, language)
    return translation.introduction if translation else ""


def guide_link(guide: Guide, page: Page) -> dict[str, Any]:
    translation = _guide_translation(guide, page.language)
    return {
        "title": translation.title if translation else guide.slug,
        "text_lang": translation.language if translation else "",
        "url": page.url("guide", slug=guide.slug),
    }


def article_link(article: Article, page: Page) -> dict[str, Any]:
    published = {t.language: t for t in article.translations.all()}
    translation = published.get(page.language)
    if translation is not None:
        return {
            "title": translation.title,
            "summary": translation.summary,
            "url": page.url("article", slug=article.slug),
            "text_lang": page.language,
            "elsewhere": [],
        }
    shown = pick(published.values(), page.language)
    return {
        "title": shown.title,
        "summary": "",
        "url": page.url("article", shown.language, slug=article.slug),
        "text_lang": shown.language,
        "elsewhere": [
            {
                "name": language_name(code, page.language),
                "code": code,
                "url": page.url("article", code, slug=article.slug),
            }
            for code in published
        ],
    }


def search_article(translation: ArticleTranslation, page: Page) -> dict[str, Any]:
    return {
        "title": translation.title,
        "summary": translation.summary,
        "text_lang": translation.language,
        "url": page.url("article", translation.language, slug=translation.article.slug),
    }


# ---------------------------------------------------------------- services


def service_link(service: Service, page: Page) -> dict[str, Any]:
    translation = pick(service.translations.all(), page.language)
    description = translation.description if translation else ""
    return {
        "name": translation.name if translation else "",
        "summary": description[:200] + ("…" if len(description) > 200 else ""),
        "text_lang": translation.language if translation else "",
        "organisation": service.organisation.name_in(content_language(page.language))
        if service.organisation
        else "",
        "url": page.url("service", uuid=service.uuid),
    }


def service_card(card: ServiceCard, page: Page) -> dict[str, Any]:
    """A service in the directory or the search results (``website.selectors.service_cards``)."""
    return {
        "name": card.name,
        "summary": card.summary,
        "text_lang": card.language,
        "organisation": card.organisation,
        "url": page.url("service", uuid=card.uuid),
    }


def related_service_link(service: RelatedService, page: Page) -> dict[str, Any]:
    """A related service of an article, its name already chosen for the reader
    (``articles.reading``)."""
    return {
        "name": service.name,
        "text_lang": service.language,
        "organisation": service.organisation,
        "url": page.url("service", uuid=service.uuid),
    }


def reading_guide_link(reading: ArticleReading, page: Page) -> dict[str, Any] | None:
    """The guide an article belongs to, titled in the reader's language when it has one."""
    if reading.guide_slug is None:
        return None
    titles = reading.guide_titles
    code = next(
        (code for code in (page.language, content_language(page.language), *FALLBACK) if code in titles),
        next(iter(titles), ""),
    )
    return {
        "title": titles.get(code) or reading.guide_slug,
        "text_lang": code,
        "url": page.url("guide", slug=reading.guide_slug),
    }


def body_html(body: str) -> SafeString:
    """An article's text as HTML: paragraphs at empty lines, line breaks kept, everything else
    escaped. One pass in Python instead of a template loop with a filter per paragraph."""
    return mark_safe(  # noqa: S308 - every piece of text is escaped here
        "".join("<p>" + escape(paragraph).replace("\n", "<br>") + "</p>\n" for paragraph in paragraphs(body))
    )


def service_page(service: Service, page: Page, now: datetime) -> dict[str, Any]:
    language = page.language
    translation = pick(service.translations.all(), language)
    today = now.astimezone(HELSINKI).date()
    schedules = list(service.schedules.all())
    places = []
    for link in service.service_at_locations.all():
        place_schedules = list(link.schedules.all()) or list(link.location.schedules.all())
        place = location(link.location, language)
        place["status"] = opening_status(place_schedules, now) if place_schedules else None
        place["week"] = week(place_schedules, today) if place_schedules else []
        places.append(place)
    return {
        "name": translation.name if translation else "",
        "text_lang": translation.language if translation else "",
        "description": paragraphs(translation.description) if translation else [],
        "application_process": translation.application_process if translation else "",
        "eligibility": translation.eligibility_description if translation else "",
        "fees_description": translation.fees_description if translation else "",
        "organisation": service.organisation.name_in(content_language(language))
        if service.organisation
        else "",
        "url": service.url,
        "email": service.email,
        "fees": FEES.get(service.fees, ""),
        "costs": [
            {"amount": cost.amount, "currency": cost.currency, "option": text_of(cost, "option", language)}
            for cost in service.cost_options.all()
        ],
        "channels": [
            {
                "label": CHANNELS.get(channel.kind, channel.kind),
                "url": channel.url,
                "description": text_of(channel, "description", language),
            }
            for channel in service.channels.all()
        ],
        "languages": [language_name(item.code, language) for item in service.languages.all()],
        "documents": [
            text_of(document, "document", language) for document in service.required_documents.all()
        ],
        "phones": [
            {"number": phone.number, "description": text_of(phone, "description", language)}
            for phone in service.phones.all()
        ],
        "areas": [area.name_in(content_language(language)) for area in service.service_areas.all()],
        "status": opening_status(schedules, now) if schedules else None,
        "week": week(schedules, today) if schedules else [],
        "places": places,
    }


# ---------------------------------------------------------------- surveys


def survey_questions(
    survey: Survey, language: str, values: dict[str, str], errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    return [
        {
            "name": str(question.uuid),
            "kind": question.kind,
            "text": question.text_in(language),
            "required": question.required,
            "choices": list(enumerate(question.choices_in(language))),
            "value": values.get(str(question.uuid), ""),
            "errors": errors.get(str(question.uuid), []),
        }
        for question in survey.questions.all()
    ]


def guide_chapters(guide: Guide, page: Page) -> list[dict[str, Any]]:
    """The guide's articles published in the reader's language, in the guide's order."""
    chapters = []
    for item in guide.articles.all():
        published = {t.language: t for t in item.translations.all()}
        translation = published.get(page.language)
        if translation is not None:
            chapters.append(
                {
                    "translation": translation,
                    "paragraphs": paragraphs(translation.body),
                    "slug": item.slug,
                    "url": page.url("article", slug=item.slug),
                }
            )
    return chapters
