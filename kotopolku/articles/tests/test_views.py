from __future__ import annotations

import json

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.articles.enums import TranslationStatus
from kotopolku.articles.models import ArticleTranslation
from kotopolku.articles.tests.factories import ArticleFactory, ArticleTranslationFactory, published_article
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


def _member(role: Role, point):
    user = UserFactory()
    Membership.objects.create(user=user, role=role, service_point=point)
    return user


def test_status_page__lists_each_language_state_with_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    point = ServicePointFactory()
    client.force_login(_member(Role.ADVISOR, point))
    for _ in range(3):
        published_article(service_point=point, languages=("fi", "en"))
    client.get("/articles/")
    for _ in range(3):
        published_article(service_point=point, languages=("fi", "ru"))
    with django_assert_max_num_queries(12):
        response = client.get("/articles/")
    assert response.status_code == 200
    assert response.content.decode().count("<tr") == 7


def test_create_submit_approve__draft_to_review_to_published_with_approver(client):
    point = ServicePointFactory()
    coordinator = _member(Role.COORDINATOR, point)
    client.force_login(coordinator)
    response = client.post(
        "/articles/new/",
        {"service_point": point.pk, "slug": "kela", "life_situation": "family", "source_language": "fi",
         "title": "Kela", "summary": "", "body": "Kela maksaa tukia."},
    )  # fmt: skip
    assert response.status_code == 302
    translation = ArticleTranslation.objects.get(article__slug="kela")
    base = f"/articles/{translation.article.uuid}/fi"
    client.post(f"{base}/submit/", {"version": translation.version})
    translation.refresh_from_db()
    client.post(f"{base}/approve/", {"version": translation.version})
    translation.refresh_from_db()
    assert translation.status == TranslationStatus.PUBLISHED and translation.approved_by == coordinator


def test_approve__by_an_advisor__refused_and_audited(client):
    point = ServicePointFactory()
    translation = ArticleTranslationFactory(
        article=ArticleFactory(service_point=point), status=TranslationStatus.REVIEW
    )
    advisor = _member(Role.ADVISOR, point)
    client.force_login(advisor)
    response = client.post(
        f"/articles/{translation.article.uuid}/fi/approve/", {"version": translation.version}
    )
    assert response.status_code == 403
    assert AuditEvent.objects.filter(
        actor=advisor, action="articles.approve", outcome=Outcome.DENIED
    ).exists()


def test_edit__stale_version__409_with_the_other_persons_text(client):
    point = ServicePointFactory()
    translation = ArticleTranslationFactory(
        article=ArticleFactory(service_point=point), body="Toisen teksti."
    )
    client.force_login(_member(Role.ADVISOR, point))
    response = client.post(
        f"/articles/{translation.article.uuid}/fi/edit/",
        {"title": "X", "summary": "", "body": "Minun.", "version": translation.version + 5},
    )
    assert response.status_code == 409
    assert "Toisen teksti." in response.content.decode()


def test_api_put_translation__if_match_stale__409_then_fresh__200_with_etag(client):
    point = ServicePointFactory()
    translation = ArticleTranslationFactory(article=ArticleFactory(service_point=point))
    client.force_login(_member(Role.ADVISOR, point))
    url = f"/api/v1/articles/{translation.article.uuid}/translations/fi"
    body = json.dumps({"title": "Uusi", "body": "Uusi teksti."})
    stale = client.put(url, body, content_type="application/json", HTTP_IF_MATCH='"99"')
    assert stale.status_code == 409
    fresh = client.put(url, body, content_type="application/json", HTTP_IF_MATCH=f'"{translation.version}"')
    assert fresh.status_code == 200 and fresh["ETag"] == f'"{translation.version + 1}"'
    assert fresh.json()["revision"] == 2


def test_api_list__only_the_users_service_points(client):
    own, other = ServicePointFactory(), ServicePointFactory()
    published_article(service_point=own)
    published_article(service_point=other)
    client.force_login(_member(Role.ADVISOR, own))
    response = client.get("/api/v1/articles")
    assert response.status_code == 200 and len(response.json()) == 1


def test_api_put_translation__line_break_in_the_title__422_and_a_multi_line_body_kept(client):
    point = ServicePointFactory()
    translation = ArticleTranslationFactory(article=ArticleFactory(service_point=point))
    client.force_login(_member(Role.ADVISOR, point))
    url = f"/api/v1/articles/{translation.article.uuid}/translations/fi"
    bad = client.put(
        url, json.dumps({"title": "Uusi\notsikko", "body": "Teksti."}), content_type="application/json"
    )
    assert bad.status_code == 422 and list(bad.json()["errors"]) == ["title"]
    good = client.put(
        url, json.dumps({"title": "Uusi", "body": "Rivi 1.\n\nRivi 2."}), content_type="application/json"
    )
    assert good.status_code == 200, good.content
