from __future__ import annotations

import pytest
from django.urls import reverse

from kotopolku.audit.models import AuditEvent
from kotopolku.catalogue.models import ServicePathStep, ServicePathVariant
from kotopolku.catalogue.selectors import path_with_steps, resolve_steps
from kotopolku.catalogue.tests.factories import ServicePathFactory, ServicePathStepFactory, service_named
from kotopolku.organisations.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def path_with_variant():
    path = ServicePathFactory(name="Työ")
    dvv, vero, bank, course = (service_named(n) for n in ("DVV", "Vero", "Pankki", "Kurssi"))
    first = ServicePathStepFactory(path=path, service=dvv, position=10)
    second = ServicePathStepFactory(path=path, service=vero, position=20)
    third = ServicePathStepFactory(path=path, service=bank, position=30)
    kemi = Municipality.objects.get(code="240")
    variant = ServicePathVariant.objects.create(path=path, municipality=kemi)
    local_course = service_named("Kemin kurssi")
    pointti = service_named("Pointti")
    ServicePathStep.objects.create(path=path, variant=variant, change="add", position=5, service=pointti)
    ServicePathStep.objects.create(path=path, variant=variant, change="remove", replaces=third, position=30)
    ServicePathStep.objects.create(
        path=path,
        variant=variant,
        change="replace",
        replaces=second,
        position=20,
        service=local_course,
        texts={"fi": {"note": "Kemissä iltakurssi"}},
    )
    ServicePathStepFactory(path=path, service=course, position=40)
    return path, kemi, first


def names(items):
    return [item.step.service.translations.get().name for item in items]


def test_resolve_steps__common_path__in_position_order(path_with_variant):
    path, _, _ = path_with_variant
    assert names(resolve_steps(path_with_steps(uuid=path.uuid), None)) == ["DVV", "Vero", "Pankki", "Kurssi"]


def test_resolve_steps__variant__adds_replaces_and_removes(path_with_variant):
    path, kemi, _ = path_with_variant
    items = resolve_steps(path_with_steps(uuid=path.uuid), kemi)
    assert names(items) == ["Pointti", "DVV", "Kemin kurssi", "Kurssi"]
    assert [item.origin for item in items] == ["added", "common", "replaced", "common"]
    assert items[2].note("fi") == "Kemissä iltakurssi"


def test_resolve_steps__municipality_without_variant__gets_the_common_path(path_with_variant):
    path, _, _ = path_with_variant
    rovaniemi = Municipality.objects.get(code="698")
    assert names(resolve_steps(path_with_steps(uuid=path.uuid), rovaniemi)) == [
        "DVV",
        "Vero",
        "Pankki",
        "Kurssi",
    ]


def test_path_detail__for_municipality__shows_local_steps(
    advisor_client, path_with_variant, django_assert_max_num_queries
):
    path, _, _ = path_with_variant
    with django_assert_max_num_queries(14):
        response = advisor_client.get(
            reverse("catalogue:path_detail", args=[path.uuid]), {"municipality": "240"}
        )
    content = response.content.decode()
    assert "Pointti" in content and "Pankki" not in content and "Kemissä iltakurssi" in content


@pytest.mark.parametrize("code", ["24", "abc", "999", "<b>"])
def test_path_detail__bad_municipality__is_404(advisor_client, path_with_variant, code):
    path, _, _ = path_with_variant
    assert (
        advisor_client.get(
            reverse("catalogue:path_detail", args=[path.uuid]), {"municipality": code}
        ).status_code
        == 404
    )


def test_path_list__query_count(advisor_client, django_assert_max_num_queries):
    for _ in range(6):
        ServicePathFactory()
    with django_assert_max_num_queries(8):
        assert advisor_client.get(reverse("catalogue:path_list")).status_code == 200


def test_path_step_create__common_and_local(coordinator_client, path_with_variant, coordinator):
    path, _, first = path_with_variant
    extra = service_named("Kela")
    url = reverse("catalogue:path_step_create", args=[path.uuid])
    response = coordinator_client.post(
        url, {"change": "add", "service": extra.pk, "position": 25, "note_fi": "Hae Kela"}
    )
    assert response.status_code == 302
    step = path.steps.get(service=extra)
    assert (step.variant, step.position, step.text("note", "fi")) == (None, 25, "Hae Kela")
    response = coordinator_client.post(
        url,
        {"municipality": Municipality.objects.get(code="698").pk, "change": "remove", "replaces": first.pk},
    )
    assert response.status_code == 302
    assert path.variants.filter(municipality__code="698").exists()
    assert AuditEvent.objects.filter(actor=coordinator, action="catalogue.path_step_saved").count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {"change": "remove"},
        {"change": "replace", "municipality": "MUNI"},
        {"change": "add"},
        {"change": "add", "service": "SERVICE", "note_fi": "x\u202ey"},
        {"change": "add", "service": "SERVICE", "note_en": "x" * 10_000},
        {"change": "teleport", "service": "SERVICE"},
    ],
)
def test_path_step_create__bad_input__is_400(coordinator_client, path_with_variant, data):
    path, _, _ = path_with_variant
    before = ServicePathStep.objects.count()
    data = {
        k: (
            service_named("X").pk
            if v == "SERVICE"
            else Municipality.objects.get(code="698").pk
            if v == "MUNI"
            else v
        )
        for k, v in data.items()
    }
    response = coordinator_client.post(reverse("catalogue:path_step_create", args=[path.uuid]), data)
    assert response.status_code == 400
    assert ServicePathStep.objects.count() == before


def test_path_step_delete__advisor__is_forbidden(advisor_client, path_with_variant):
    path, _, first = path_with_variant
    response = advisor_client.post(reverse("catalogue:path_step_delete", args=[path.uuid, first.uuid]))
    assert response.status_code == 403
    assert ServicePathStep.objects.filter(pk=first.pk).exists()


def test_path_step_delete__coordinator__removes_step_and_its_local_changes(
    coordinator_client, path_with_variant
):
    path, _, first = path_with_variant
    response = coordinator_client.post(
        reverse("catalogue:path_step_delete", args=[path.uuid, first.uuid]), {"confirmed": "1"}
    )
    assert response.status_code == 302
    assert not ServicePathStep.objects.filter(pk=first.pk).exists()


def test_path_step_delete__asks_for_confirmation_before_removing(coordinator_client, path_with_variant):
    path, _, first = path_with_variant
    url = reverse("catalogue:path_step_delete", args=[path.uuid, first.uuid])
    detail = coordinator_client.get(reverse("catalogue:path_detail", args=[path.uuid])).content.decode()
    # The remove button is a link to the confirmation page, with a dialog for browsers with JavaScript.
    assert f'href="{url}" data-confirm-dialog=' in detail and "<dialog" in detail
    for response in (coordinator_client.get(url), coordinator_client.post(url)):
        assert response.status_code == 200
        page = response.content.decode()
        assert 'name="confirmed" value="1"' in page and f'action="{url}"' in page
        assert ServicePathStep.objects.filter(pk=first.pk).exists()
