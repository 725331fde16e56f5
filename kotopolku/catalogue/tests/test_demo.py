from __future__ import annotations

import io

import pytest
from django.urls import reverse

from kotopolku.catalogue import demo
from kotopolku.catalogue.models import (
    Location,
    Schedule,
    Service,
    ServicePath,
    ServicePathStep,
    ServiceTranslation,
)
from kotopolku.catalogue.selectors import path_with_steps, resolve_steps
from kotopolku.organisations.demo import load_tenancy
from kotopolku.organisations.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_catalogue():
    tenancy = load_tenancy()
    demo.load_demo(tenancy=tenancy, stdout=io.StringIO())
    return tenancy


def counts():
    return tuple(
        model.objects.count()
        for model in (Service, ServiceTranslation, Location, Schedule, ServicePath, ServicePathStep)
    )


def test_load_demo__twice__changes_nothing(demo_catalogue):
    before = counts()
    demo.load_demo(tenancy=demo_catalogue, stdout=io.StringIO())
    assert counts() == before
    assert before[0] >= 20


def test_load_demo__every_service_in_fi_sv_en_with_location_or_e_service(demo_catalogue):
    for service in Service.objects.prefetch_related("translations", "channels", "service_at_locations"):
        assert {t.language for t in service.translations.all()} >= {"fi", "sv", "en"}
        assert service.service_at_locations.exists() or service.channels.filter(kind="e_service").exists()


def test_load_demo__work_path_in_kemi__uses_kemi_services_and_drops_the_bank_step(demo_catalogue):
    path = path_with_steps(uuid=ServicePath.objects.get(key="work").uuid)
    common = [item.step.service.translations.get(language="fi").name for item in resolve_steps(path, None)]
    kemi = resolve_steps(path, Municipality.objects.get(code="240"))
    names = [item.step.service.translations.get(language="fi").name for item in kemi]
    assert common[0].startswith("Ulkomaalaisen rekisteröinti")
    assert names[0] == "Asettautumisneuvonta International Pointissa"
    assert not any("Pankkitilin" in name for name in names)
    assert "Kemin työllisyyspalvelut työnhakijoille" in names
    assert [item.origin for item in kemi].count("replaced") == 2


def test_load_demo__pages_render(demo_catalogue, advisor_client):
    service = Service.objects.get(uuid=demo.demo_uuid("service", "dvv-registration"))
    assert advisor_client.get(reverse("catalogue:service_detail", args=[service.uuid])).status_code == 200
    path = ServicePath.objects.get(key="family")
    response = advisor_client.get(reverse("catalogue:path_detail", args=[path.uuid]), {"municipality": "240"})
    assert response.status_code == 200
    assert "Kivikon" in response.content.decode()
