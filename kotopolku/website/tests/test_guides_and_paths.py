"""A guide as PDF in every language it exists in (Arabic with its own font, right to left), and
articles linking to the steps of a service path."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kotopolku.articles.tests.factories import GuideFactory, GuideTranslationFactory, published_article
from kotopolku.catalogue.models import ServicePathVariant
from kotopolku.catalogue.tests.factories import ServicePathStepFactory, service_named

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(site):
    guide = GuideFactory(service_point=site.service_point, slug="opas")
    GuideTranslationFactory(guide=guide, language="fi", title="Miten tulla kemiläiseksi?")
    GuideTranslationFactory(guide=guide, language="ar", title="كيف تصبح من سكان كيمي؟")
    published_article(
        service_point=site.service_point, slug="verokortti", languages=("fi", "ar"), guide=guide
    )
    return guide


def _fonts_and_text(pdf: bytes) -> tuple[set[str], str]:
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    return fonts, " ".join(page.extract_text() or "" for page in reader.pages)


@pytest.mark.parametrize(("language", "font"), [("fi", "Kotopolku-Sans"), ("ar", "Kotopolku-Arabic")])
def test_guide_pdf__in_each_language_of_the_guide_with_the_shipped_fonts(client, guide, language, font):
    page = client.get(f"/ih-testi/{language}/guides/opas/").content.decode()
    assert f'href="/ih-testi/{language}/guides/opas/guide.pdf"' in page
    response = client.get(f"/ih-testi/{language}/guides/opas/guide.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="opas-{language}.pdf"'
    assert response.content.startswith(b"%PDF")
    fonts, text = _fonts_and_text(response.content)
    assert any(font in name for name in fonts), fonts
    if language == "fi":
        assert "Miten tulla kemiläiseksi?" in text and "Sisällys" in text
    else:  # joined Arabic letters are drawn from contextual forms: Arabic-script glyphs
        assert any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" for ch in text)


def test_guide_pdf__a_language_the_guide_is_not_in__404_in_that_language(client, guide):
    response = client.get("/ih-testi/so/guides/opas/guide.pdf")
    assert response.status_code == 404 and response["Content-Language"] == "so"
    assert client.get("/ih-testi/fi/guides/no-such/guide.pdf").status_code == 404


def test_article__links_to_its_path_steps__and_the_path_page_has_the_step(
    client, site, django_assert_max_num_queries
):
    service = service_named("Verokortti", en="Tax card")
    step = ServicePathStepFactory(service=service, path__name="Muutin töihin")
    later = ServicePathStepFactory(path=step.path, service=service_named("Pankkitili", en="Bank account"))
    article = published_article(service_point=site.service_point, slug="verokortti", languages=("fi", "en"))
    article.path_steps.add(step)
    article.related_services.add(service)
    client.get("/ih-testi/en/articles/verokortti/")
    with django_assert_max_num_queries(5):  # the site is cached after the first page
        html = client.get("/ih-testi/en/articles/verokortti/").content.decode()
    link = f"/ih-testi/en/paths/{step.path.uuid}/#step-{step.uuid}"
    assert f'href="{link}"' in html and "Muutin töihin: Tax card" in html
    path = client.get(link.split("#")[0]).content.decode()
    assert f'id="step-{step.uuid}"' in path and f'id="step-{later.uuid}"' in path
    assert path.index("Tax card") < path.index("Bank account")


def test_path_page__the_sites_municipality_sees_its_own_variant(client, site):
    step = ServicePathStepFactory(service=service_named("Maistraatti"))
    variant = ServicePathVariant.objects.create(path=step.path, municipality=site.service_point.municipality)
    ServicePathStepFactory(
        path=step.path, variant=variant, change="add", service=service_named("Kotoutuminen")
    )
    html = client.get(f"/ih-testi/fi/paths/{step.path.uuid}/").content.decode()
    assert "Maistraatti" in html and "Kotoutuminen" in html and "Kuntamme oma vaihe" in html
    assert client.get("/ih-testi/fi/paths/00000000-0000-0000-0000-000000000000/").status_code == 404
