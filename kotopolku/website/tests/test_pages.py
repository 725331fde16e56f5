"""The public site: every page type in every language, its weight, its languages and its refusals."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotopolku.articles.enums import TranslationStatus
from kotopolku.articles.models import ArticleTranslation
from kotopolku.articles.tests.factories import GuideFactory, GuideTranslationFactory, published_article
from kotopolku.catalogue.tests.factories import ServicePathStepFactory, service_named
from kotopolku.core.public_languages import PUBLIC_LANGUAGE_CODES
from kotopolku.events.tests.factories import EventFactory
from kotopolku.website.languages import COOKIE

pytestmark = pytest.mark.django_db

MAX_PAGE_BYTES = 60 * 1024


def _page_weight(html: bytes) -> int:
    """The HTML and every stylesheet and script it loads (no images or fonts)."""
    total = len(html)
    for asset in re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        path = finders.find(asset.decode())
        assert path, asset
        with open(path, "rb") as handle:
            total += len(handle.read())
    return total


@pytest.fixture
def content(site):
    point = site.service_point
    guide = GuideFactory(service_point=point, slug="opas")
    GuideTranslationFactory(guide=guide, language="fi", title="Miten tulla kemiläiseksi?")
    article = published_article(service_point=point, slug="verokortti", languages=("fi", "en"), guide=guide)
    service = service_named("Verokortti", en="Tax card", description="Hae verokortti.")
    article.related_services.add(service)
    step = ServicePathStepFactory(path__life_situation="work", service=service)
    article.path_steps.add(step)
    event = EventFactory(service_point=point, title="Tervetuloa Testiin")
    return {"article": article, "service": service, "step": step, "event": event}


def _urls(content, language):
    base = f"/ih-testi/{language}"
    return [
        f"{base}/", f"{base}/articles/", f"{base}/services/", f"{base}/services/{content['service'].uuid}/",
        f"{base}/search/?q=vero", f"{base}/ask/", f"{base}/accessibility/", f"{base}/events/",
        f"{base}/events/{content['event'].uuid}/", f"{base}/appointment/",
        f"{base}/paths/{content['step'].path.uuid}/",
    ]  # fmt: skip


@pytest.mark.parametrize("language", PUBLIC_LANGUAGE_CODES)
def test_every_page_type__in_every_language__is_served_in_it_light_and_with_its_alternates(
    client, content, language
):
    for url in _urls(content, language):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content
        assert (
            f'<html lang="{language}" dir="{"rtl" if language in ("ar", "fa") else "ltr"}"'.encode() in html
        ), url
        assert html.count(b'rel="alternate" hreflang=') == 14, url
        assert _page_weight(html) <= MAX_PAGE_BYTES, url
        assert response["Content-Language"] == language


def test_article__in_its_languages_only_and_in_the_guide(client, content):
    english = client.get("/ih-testi/en/articles/verokortti/")
    assert english.status_code == 200
    assert english.content.count(b'rel="alternate" hreflang=') == 2
    somali = client.get("/ih-testi/so/articles/verokortti/")
    assert somali.status_code == 404
    assert "Laguma helo luqaddan" in somali.content.decode()
    assert b'href="/ih-testi/en/articles/verokortti/"' in somali.content
    guide = client.get("/ih-testi/fi/guides/opas/")
    assert guide.status_code == 200 and "Miten tulla kemiläiseksi?" in guide.content.decode()


def test_article__outdated_translation__shows_a_notice_linking_the_current_source(client, content):
    ArticleTranslation.objects.filter(article=content["article"], language="fi").update(revision=2)
    response = client.get("/ih-testi/en/articles/verokortti/")
    assert "updated after this translation was made" in response.content.decode()
    assert b'href="/ih-testi/fi/articles/verokortti/"' in response.content


def test_article__draft_language__not_shown(client, content):
    ArticleTranslation.objects.filter(language="en").update(status=TranslationStatus.DRAFT)
    assert client.get("/ih-testi/en/articles/verokortti/").status_code == 404


def test_article_page__at_most_six_queries(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get("/ih-testi/en/articles/verokortti/").status_code == 200


def test_directory__filters_and_a_fixed_number_of_queries(client, content, django_assert_max_num_queries):
    for index in range(5):
        service_named(f"Palvelu {index}", en=f"Service {index}")
    client.get("/ih-testi/en/services/")
    for index in range(5):
        service_named(f"Toinen {index}")
    with django_assert_max_num_queries(8):
        response = client.get("/ih-testi/en/services/")
    assert response.status_code == 200 and "Service 4" in response.content.decode()
    work = client.get("/ih-testi/en/services/?situation=work").content.decode()
    assert "Tax card" in work and "Service 4" not in work
    assert client.get("/ih-testi/en/services/?organisation=" + "x" * 300).status_code == 400


def test_unknown_language_in_the_url__404_in_the_readers_language(client, site):
    client.cookies[COOKIE] = "sv"
    response = client.get("/ih-testi/xx/")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.content.decode()
    assert client.get("/no-such-point/fi/").status_code == 404


def test_language__is_remembered_for_the_service_points_address(client, site):
    client.get("/ih-testi/uk/")
    response = client.get("/ih-testi/")
    assert response.status_code == 302 and response["Location"] == "/ih-testi/uk/"


def test_language__first_visit_follows_the_browser(client, site):
    response = client.get("/ih-testi/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    assert response["Location"] == "/ih-testi/ar/"


def test_home__opening_hours_open_now_map_and_contact(client, site):
    html = client.get("/ih-testi/en/").content.decode()
    assert "Open now" in html and "openstreetmap.org" in html and "ih@example.test" in html
    assert "Opening hours this week" in html


def test_index_sitemap_and_robots(client, content):
    index = client.get("/")
    assert index.status_code == 200 and "International House Testi" in index.content.decode()
    sitemap = client.get("/sitemap.xml")
    assert sitemap["Content-Type"] == "application/xml"
    assert b"/ih-testi/fa/articles/" in sitemap.content and b'hreflang="fi-x-plain"' in sitemap.content
    assert b"/ih-testi/so/articles/verokortti/" not in sitemap.content
    assert b"Sitemap:" in client.get("/robots.txt").content


def test_search__in_the_readers_language_else_other_languages(client, content):
    english = client.get("/ih-testi/en/search/?q=verokortti").content.decode()
    assert "verokortti en" in english
    russian = client.get("/ih-testi/ru/search/?q=verokortti").content.decode()
    assert "Ничего не найдено на этом языке" in russian or "На этом языке ничего не найдено" in russian
    assert "verokortti fi" in russian


def test_staff_entry__moved_to_staff(client):
    assert client.get("/staff/")["Location"].startswith("/accounts/login/")


def test_shared_pages__kept_a_minute_and_forgotten_when_the_site_changes(
    client, content, django_assert_num_queries
):
    first = client.get("/ih-testi/en/services/")
    with django_assert_num_queries(0):
        again = client.get("/ih-testi/en/services/")
    assert again.content == first.content and again["Content-Language"] == "en"
    assert again.cookies[COOKIE].value == "en"
    content["article"].service_point.site.save()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/ih-testi/en/services/").status_code == 200
    assert queries.captured_queries
    # An article carries a token per visit: never kept.
    one = client.get("/ih-testi/en/articles/verokortti/").content
    assert one != client.get("/ih-testi/en/articles/verokortti/").content
