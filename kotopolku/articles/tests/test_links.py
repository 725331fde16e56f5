"""Editing an article's related services and path steps: staff page and API, with permissions,
versions, audit and the public page seeing the change at once."""

from __future__ import annotations

import json

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.articles.tests.factories import published_article
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.catalogue.tests.factories import ServicePathStepFactory, service_named
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


def _member(role: Role, point):
    user = UserFactory()
    Membership.objects.create(user=user, role=role, service_point=point)
    return user


@pytest.fixture
def world():
    point = ServicePointFactory()
    article = published_article(service_point=point, slug="verokortti", languages=("fi", "en"))
    tax = service_named("Verokortti", en="Tax card")
    kela = service_named("Kelan neuvonta", en="Kela advice")
    step = ServicePathStepFactory(path__life_situation="work", service=tax)
    return {"point": point, "article": article, "tax": tax, "kela": kela, "step": step}


def test_page__search_finds_services__saving_links_them__audited_and_versioned(client, world):
    article = world["article"]
    advisor = _member(Role.ADVISOR, world["point"])
    client.force_login(advisor)
    url = f"/articles/{article.uuid}/links/"
    page = client.get(url, {"q": "kela"}).content.decode()
    assert f'value="{world["kela"].uuid}"' in page and f'value="{world["tax"].uuid}"' not in page
    assert f'value="{world["step"].uuid}"' in page  # every step of a path in use is offered
    response = client.post(
        url,
        {
            "services": [str(world["kela"].uuid)],
            "path_steps": [str(world["step"].uuid)],
            "version": article.version,
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert list(article.related_services.all()) == [world["kela"]]
    assert list(article.path_steps.all()) == [world["step"]]
    assert article.version == 2
    event = AuditEvent.objects.get(actor=advisor, action="articles.edit", outcome=Outcome.DONE)
    assert event.details["services_added"] == [str(world["kela"].uuid)]
    assert event.details["path_steps_added"] == [str(world["step"].uuid)]
    checked = client.get(url).content.decode()
    assert f'value="{world["kela"].uuid}" checked' in checked


def test_page__stale_version__409_showing_the_stored_links(client, world):
    article = world["article"]
    article.related_services.add(world["tax"])
    client.force_login(_member(Role.ADVISOR, world["point"]))
    response = client.post(
        f"/articles/{article.uuid}/links/",
        {"services": [str(world["kela"].uuid)], "version": article.version + 3},
    )
    assert response.status_code == 409
    assert f'value="{world["tax"].uuid}" checked' in response.content.decode()
    assert list(article.related_services.all()) == [world["tax"]]


@pytest.mark.parametrize(
    ("services", "field"),
    [(["not-a-uuid"], "services"), (["00000000-0000-0000-0000-000000000000"], "services")],
)
def test_page__bad_or_unknown_service__400_with_a_message_for_the_field(client, world, services, field):
    article = world["article"]
    client.force_login(_member(Role.ADVISOR, world["point"]))
    response = client.post(
        f"/articles/{article.uuid}/links/", {"services": services, "version": article.version}
    )
    assert response.status_code == 400
    assert 'class="kp-field-error"' in response.content.decode()
    assert not article.related_services.exists()


def test_page__a_member_of_another_service_point__refused_and_audited(client, world):
    stranger = _member(Role.ADVISOR, ServicePointFactory())
    client.force_login(stranger)
    response = client.post(f"/articles/{world['article'].uuid}/links/", {"version": 1})
    assert response.status_code in (403, 404)
    assert not world["article"].related_services.exists()


def test_page__a_permit_expert_may_read_articles_but_not_link__denial_audited(client, world):
    expert = _member(Role.PERMIT_EXPERT, world["point"])
    client.force_login(expert)
    response = client.get(f"/articles/{world['article'].uuid}/links/")
    assert response.status_code == 403
    assert AuditEvent.objects.filter(actor=expert, action="articles.edit", outcome=Outcome.DENIED).exists()


def test_api__get_then_put_with_if_match__stale_409__unknown_step_422(client, world):
    article = world["article"]
    client.force_login(_member(Role.COORDINATOR, world["point"]))
    url = f"/api/v1/articles/{article.uuid}/links"
    got = client.get(url)
    assert got.status_code == 200 and got.json() == {"services": [], "path_steps": [], "version": 1}
    body = json.dumps({"services": [str(world["tax"].uuid)], "path_steps": [str(world["step"].uuid)]})
    stale = client.put(url, body, content_type="application/json", HTTP_IF_MATCH='"7"')
    assert stale.status_code == 409
    saved = client.put(url, body, content_type="application/json", HTTP_IF_MATCH='"1"')
    assert saved.status_code == 200 and saved["ETag"] == '"2"'
    assert saved.json()["services"] == [str(world["tax"].uuid)]
    unknown = client.put(
        url,
        json.dumps({"path_steps": ["00000000-0000-0000-0000-000000000000"]}),
        content_type="application/json",
    )
    assert unknown.status_code == 422 and "path_steps" in unknown.json()["errors"]


def test_api__too_many_services__422(client, world):
    client.force_login(_member(Role.ADVISOR, world["point"]))
    body = json.dumps({"services": [str(world["tax"].uuid)] * 21})
    response = client.put(
        f"/api/v1/articles/{world['article'].uuid}/links", body, content_type="application/json"
    )
    assert response.status_code == 422
