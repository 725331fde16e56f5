"""The article page's reads: what it shows from flat rows, and how few queries it takes."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from kotopolku.articles.models import ArticleTranslation
from kotopolku.articles.reading import article_reading
from kotopolku.articles.tests.factories import GuideFactory, GuideTranslationFactory, published_article
from kotopolku.catalogue.tests.factories import ServicePathStepFactory, service_named

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(site):
    point = site.service_point
    guide = GuideFactory(service_point=point, slug="opas")
    GuideTranslationFactory(guide=guide, language="fi", title="Miten tulla kemiläiseksi?")
    GuideTranslationFactory(guide=guide, language="en", title="How to become a Kemi resident?")
    article = published_article(service_point=point, slug="verokortti", languages=("fi", "en"), guide=guide)
    service = service_named("Verokortti", en="Tax card")
    article.related_services.add(service)
    step = ServicePathStepFactory(path__life_situation="work", service=service)
    article.path_steps.add(step)
    return article


def test_reading__names_in_the_readers_language_and_the_source_revision(site, linked):
    reading = article_reading(service_point=site.service_point, slug="verokortti", language="en")
    assert reading is not None
    assert reading.languages == ["en", "fi"] and reading.current_source_revision == 1
    assert reading.guide_titles["en"] == "How to become a Kemi resident?"
    [service] = reading.services
    assert (service.name, service.language) == ("Tax card", "en")
    [step] = reading.steps
    assert step.service_name == "Tax card"
    # The summary and text come for the reader's language only.
    assert reading.translations["en"].body and not reading.translations["fi"].body
    # A reader of Somali sees the English name (the catalogue has no Somali).
    somali = article_reading(service_point=site.service_point, slug="verokortti", language="so")
    assert somali is not None and somali.services[0].language == "en"


def test_reading__nothing_published__none(site, linked):
    ArticleTranslation.objects.filter(article=linked).update(status="draft")
    assert article_reading(service_point=site.service_point, slug="verokortti", language="fi") is None
    assert article_reading(service_point=site.service_point, slug="no-such", language="fi") is None


def test_page__guide_services_steps__five_queries__then_only_the_site_is_kept(
    client, site, linked, django_assert_num_queries
):
    cache.clear()
    with django_assert_num_queries(5):  # site, article rows, guide, services, steps
        response = client.get("/ih-testi/en/articles/verokortti/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "How to become a Kemi resident?" in html and "Tax card" in html
    with django_assert_num_queries(0):  # the site and the reading are kept until an article changes
        assert client.get("/ih-testi/en/articles/verokortti/").status_code == 200


def test_page__an_article_without_links__two_queries(client, site, django_assert_num_queries):
    published_article(service_point=site.service_point, slug="kela", languages=("fi",))
    cache.clear()
    with django_assert_num_queries(2):
        assert client.get("/ih-testi/fi/articles/kela/").status_code == 200


def test_page__text_is_escaped__paragraphs_and_line_breaks_kept(client, site):
    article = published_article(service_point=site.service_point, slug="kela", languages=("fi",))
    ArticleTranslation.objects.filter(article=article).update(
        body="Ensimmäinen <script>alert(1)</script>\nrivi\r\n\r\nToinen & kappale"
    )
    html = client.get("/ih-testi/fi/articles/kela/").content.decode()
    assert "<p>Ensimmäinen &lt;script&gt;alert(1)&lt;/script&gt;<br>rivi</p>" in html
    assert "<p>Toinen &amp; kappale</p>" in html and "<script>alert" not in html


def test_page__a_change_to_the_article_is_seen_at_once(client, site, linked):
    assert "verokortti en" in client.get("/ih-testi/en/articles/verokortti/").content.decode()
    translation = ArticleTranslation.objects.get(article=linked, language="en")
    translation.title = "Tax card, updated"
    translation.save()
    assert "Tax card, updated" in client.get("/ih-testi/en/articles/verokortti/").content.decode()


def test_language_switch__names_escaped_current_marked(client, site, linked):
    html = client.get("/ih-testi/en/articles/verokortti/").content.decode()
    assert (
        '<link rel="alternate" hreflang="fi" href="http://testserver/ih-testi/fi/articles/verokortti/">'
        in html
    )
    assert (
        '<a href="/ih-testi/en/articles/verokortti/" lang="en" hreflang="en" dir="ltr" aria-current="page">'
        "English</a>"
    ) in html


def test_page__links_saved_by_an_editor_are_seen_at_once(client, site, linked):
    from kotopolku.accounts.tests.factories import UserFactory
    from kotopolku.articles.links import article_links_set

    assert "Tax card" in client.get("/ih-testi/en/articles/verokortti/").content.decode()
    linked.refresh_from_db()
    article_links_set(
        article=linked, services=[], path_steps=[], by=UserFactory(), expected_version=linked.version
    )
    html = client.get("/ih-testi/en/articles/verokortti/").content.decode()
    assert "Tax card" not in html and "Related services" not in html
