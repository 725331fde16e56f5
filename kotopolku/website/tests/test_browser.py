"""The public site in Chromium: every page type in every language passes axe-core (WCAG 2.1
AA); ask us and a survey are sent with the keyboard alone; an Arabic page reads right to left."""

from __future__ import annotations

import pytest

from kotopolku.appointments.models import AppointmentRequest
from kotopolku.articles.tests.factories import GuideFactory, GuideTranslationFactory, published_article
from kotopolku.catalogue.tests.factories import ServicePathStepFactory, service_named
from kotopolku.core.public_languages import PUBLIC_LANGUAGE_CODES
from kotopolku.core.testing.browser import assert_accessible
from kotopolku.events.models import Registration
from kotopolku.events.tests.factories import EventFactory
from kotopolku.inquiries.models import Inquiry
from kotopolku.surveys.models import SurveyResponse
from kotopolku.surveys.tests.factories import survey_with_questions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_public_site__every_page_type_in_every_language_accessible_and_forms_by_keyboard(
    browser_page, live_server, site
):
    page = browser_page
    point = site.service_point
    guide = GuideFactory(service_point=point, slug="opas")
    languages = PUBLIC_LANGUAGE_CODES
    for code in languages:
        GuideTranslationFactory(guide=guide, language=code, title=f"Opas {code}")
    published_article(service_point=point, slug="verokortti", languages=languages, guide=guide)
    service = service_named("Verokortti", en="Tax card", description="Hae verokortti.")
    step = ServicePathStepFactory(service=service)
    event = EventFactory(service_point=point, title="Tervetuloa")
    survey = survey_with_questions(point, languages=("fi", "en"))
    base = live_server.url
    page.goto(f"{base}/?lang=fi")
    assert_accessible(page, context="index")
    for code in languages:
        for path in (
            "", "articles/", "articles/verokortti/", "guides/opas/", "services/", f"services/{service.uuid}/",
            "search/?q=vero", "ask/", "accessibility/", "events/", f"events/{event.uuid}/", "appointment/",
            f"paths/{step.path.uuid}/",
        ):  # fmt: skip
            page.goto(f"{base}/ih-testi/{code}/{path}")
            assert page.evaluate("document.documentElement.lang") == code
            assert_accessible(page, context=f"{code}/{path}")
    page.goto(f"{base}/ih-testi/en/feedback/{survey.uuid}/")
    assert_accessible(page, context="survey")
    page.goto(f"{base}/ih-testi/xx/")
    assert_accessible(page, context="not found")

    # Arabic reads right to left, the whole page.
    page.goto(f"{base}/ih-testi/ar/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"

    # Ask us, by keyboard alone.
    page.goto(f"{base}/ih-testi/en/ask/")
    _tab_to(page, "#id_question")
    page.keyboard.type("Where can I study Finnish in the evening?")
    _tab_to(page, "#id_email")
    page.keyboard.type("reader@example.com")
    _tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/ih-testi/en/ask/sent/")
    assert Inquiry.objects.get().email == "reader@example.com"

    # Registration to an event and an appointment request, by keyboard alone.
    page.goto(f"{base}/ih-testi/so/events/{event.uuid}/")
    _tab_to(page, "#id_name")
    page.keyboard.type("Hodan")
    _tab_to(page, "#id_email")
    page.keyboard.type("hodan@example.com")
    _tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/registered/")
    assert_accessible(page, context="registered")
    assert Registration.objects.get(event=event).language == "so"
    page.goto(f"{base}/ih-testi/ar/appointment/")
    for selector, text in (("#id_topic", "إقامة"), ("#id_preferred_times", "الثلاثاء"), ("#id_name", "Omar")):
        _tab_to(page, selector)
        page.keyboard.type(text)
    _tab_to(page, "#id_phone")
    page.keyboard.type("040 123 4567")
    _tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/ih-testi/ar/appointment/sent/")
    assert AppointmentRequest.objects.get().phone == "+358401234567"

    # A survey, by keyboard alone: arrow keys choose within a radio group.
    page.goto(f"{base}/ih-testi/en/feedback/{survey.uuid}/?channel=qr")
    _tab_to(page, "input[type=radio][value='1']")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    _tab_to(page, "textarea")
    page.keyboard.type("Thank you")
    _tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/thanks/" in page.url
    answer = SurveyResponse.objects.get()
    assert answer.channel == "qr"
    assert answer.answers.get(question__kind="scale").scale == 4
