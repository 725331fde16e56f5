"""The registry-wide sweep, the review queue and the decisions."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from kotopolku.accounts.enums import Role
from kotopolku.audit.models import AuditEvent
from kotopolku.clients.tests.matching_support import make_client, member
from kotopolku.duplicates.models import DuplicatePair, PairStatus, Sweep, SweepStatus
from kotopolku.duplicates.services import blocked_pairs, pair_decide_different, sweep_request, sweep_run
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


def _sweep(point, by=None):
    return sweep_run(sweep_request(by=by, service_point=point))


def _pairs(registry):
    names = {client.pk: name for name, client in registry.items()}
    return {
        frozenset((names[pair.first_id], names[pair.second_id])): pair for pair in DuplicatePair.objects.all()
    }


def test_blocked_pairs__share_a_key__across_scripts(point, registry):
    ids = {frozenset(pair) for pair in blocked_pairs([point.pk])}
    assert frozenset((registry["oleksandr"].pk, registry["aleksandr"].pk)) in ids
    assert frozenset((registry["olena"].pk, registry["olena_latin"].pk)) in ids


def test_sweep__finds_the_duplicates_and_not_the_namesakes(point, registry, coordinator):
    sweep = _sweep(point, coordinator)
    assert sweep.status == SweepStatus.DONE and sweep.progress == 100
    pairs = _pairs(registry)
    assert set(pairs) == {frozenset(("oleksandr", "aleksandr")), frozenset(("olena", "olena_latin"))}
    assert sweep.found == 2 and sweep.records >= 4
    typo = pairs[frozenset(("oleksandr", "aleksandr"))]
    assert typo.probability >= 0.8
    assert {"birth_typo", "phone_same"} <= set(typo.reasons)
    assert "name_scripts" in pairs[frozenset(("olena", "olena_latin"))].reasons
    assert AuditEvent.objects.filter(action="duplicates.sweep").count() == 1


@pytest.mark.django_db(transaction=True)
def test_sweep__outside_a_transaction__keys_grouped_over_a_connection_of_their_own(point, registry):
    sweep = _sweep(point)
    assert sweep.status == SweepStatus.DONE and sweep.found == 2
    assert set(_pairs(registry)) == {
        frozenset(("oleksandr", "aleksandr")),
        frozenset(("olena", "olena_latin")),
    }


def test_sweep__a_pair_judged_different_is_never_offered_again(point, registry, coordinator):
    _sweep(point)
    pair = _pairs(registry)[frozenset(("olena", "olena_latin"))]
    pair_decide_different(pair=pair, by=coordinator)
    _sweep(point)
    pair.refresh_from_db()
    assert pair.status == PairStatus.DIFFERENT
    assert DuplicatePair.objects.filter(status=PairStatus.OPEN).count() == 1
    event = AuditEvent.objects.get(action="duplicates.different")
    assert event.details["pair"] == pair.pk


def test_sweep__scoped_to_its_service_point(point, registry):
    elsewhere = ServicePointFactory()
    make_client(elsewhere, given_names_latin="Oleksandr", family_name_latin="Shevchenko", birth_year=1990,
                birth_month=5, birth_day=17, phone="+358401112233")  # fmt: skip
    _sweep(elsewhere)
    assert not DuplicatePair.objects.exists()


def test_queue__ranked_pairs_with_reasons_in_words__few_queries(
    client, point, registry, coordinator, django_assert_max_num_queries
):
    _sweep(point)
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("duplicates:queue"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = response.content.decode()
    assert "birth dates one typo apart" in text and "names match across scripts" in text
    assert reverse(
        "clients:merge", args=[registry["aleksandr"].uuid, registry["oleksandr"].uuid]
    ) in text or (
        reverse("clients:merge", args=[registry["oleksandr"].uuid, registry["aleksandr"].uuid]) in text
    )
    assert AuditEvent.objects.filter(action="duplicates.review").exists()


def test_queue__in_finnish(client, point, registry):
    _sweep(point)
    client.force_login(member(Role.COORDINATOR, point, language="fi"))
    client.cookies.load({"django_language": "fi"})
    response = client.get(reverse("duplicates:queue"), HTTP_ACCEPT_LANGUAGE="fi")
    text = response.content.decode()
    assert "Tarkistettavat parit, todennäköisimmät ensin" in text
    assert "syntymäajoissa yhden merkin ero" in text


def test_queue__other_service_points_staff_see_none(client, point, registry):
    _sweep(point)
    outsider = member(Role.COORDINATOR, ServicePointFactory())
    client.force_login(outsider)
    response = client.get(reverse("duplicates:queue"))
    assert response.status_code == 200
    assert registry["oleksandr"].display_name not in response.content.decode()


def test_different__post_marks_the_pair_and_it_leaves_the_queue(client, point, registry, advisor):
    _sweep(point)
    pair = _pairs(registry)[frozenset(("oleksandr", "aleksandr"))]
    client.force_login(advisor)
    response = client.post(reverse("duplicates:different", args=[pair.uuid]), {"page": "1"})
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PairStatus.DIFFERENT and pair.decided_by == advisor
    assert registry["oleksandr"].display_name not in client.get(reverse("duplicates:queue")).content.decode()


def test_different__someone_elses_pair__403_and_audited(client, point, registry):
    _sweep(point)
    pair = DuplicatePair.objects.first()
    client.force_login(member(Role.ADVISOR, ServicePointFactory()))
    response = client.post(reverse("duplicates:different", args=[pair.uuid]))
    assert response.status_code == 403
    pair.refresh_from_db()
    assert pair.status == PairStatus.OPEN


def test_sweep_start__coordinator_queues_a_sweep(client, point, registry, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("duplicates:sweep"), {"scope": f"point:{point.uuid}"})
    assert response.status_code == 302
    sweep = Sweep.objects.get()
    assert sweep.service_point == point and sweep.requested_by == coordinator


def test_sweep_start__advisor_may_not(client, point, advisor):
    client.force_login(advisor)
    assert client.post(reverse("duplicates:sweep"), {"scope": f"point:{point.uuid}"}).status_code == 403
    assert not Sweep.objects.exists()


def test_sweep_start__another_points_registry__refused(client, point, coordinator):
    client.force_login(coordinator)
    other = ServicePointFactory()
    client.post(reverse("duplicates:sweep"), {"scope": f"point:{other.uuid}"})
    assert not Sweep.objects.exists()


def test_command__clients_sweep(point, registry):
    call_command("clients", "sweep", "--service-point", point.slug)
    assert DuplicatePair.objects.count() == 2
