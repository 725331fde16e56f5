"""A running sweep's progress: the JSON the queue page polls, and the page as served."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotopolku.accounts.enums import Role
from kotopolku.clients.tests.matching_support import member
from kotopolku.duplicates.models import Sweep, SweepStatus
from kotopolku.duplicates.services import sweep_request, sweep_run
from kotopolku.organisations.tests.factories import ServicePointFactory

pytestmark = pytest.mark.django_db


def _running(point, coordinator, progress=40):
    sweep = sweep_request(by=coordinator, service_point=point)
    Sweep.objects.filter(pk=sweep.pk).update(status=SweepStatus.RUNNING, progress=progress, stage="scoring")
    return sweep


def test_progress__running_sweep__json_with_its_share_done(
    client, point, coordinator, django_assert_max_num_queries
):
    sweep = _running(point, coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("duplicates:progress", args=[sweep.uuid]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["status"] == "running" and body["progress"] == 40
    assert body["text"] == "A sweep is running: 40 % done."


def test_progress__finished_sweep__counts_in_words(client, point, registry, coordinator):
    sweep = sweep_run(sweep_request(by=coordinator, service_point=point))
    client.force_login(coordinator)
    body = client.get(reverse("duplicates:progress", args=[sweep.uuid]), HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["status"] == "done" and body["progress"] == 100 and body["found"] == 2
    assert "found 2 likely duplicates" in body["text"]


def test_progress__in_swedish(client, point, coordinator):
    sweep = _running(point, coordinator, progress=7)
    client.force_login(member(Role.COORDINATOR, point, language="sv"))
    client.cookies.load({"django_language": "sv"})
    body = client.get(reverse("duplicates:progress", args=[sweep.uuid]), HTTP_ACCEPT_LANGUAGE="sv").json()
    assert "7 %" in body["text"] and "running" not in body["text"]


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.COORDINATOR])
def test_progress__not_ones_to_sweep__not_found(client, point, coordinator, role):
    sweep = _running(point, coordinator)
    elsewhere = member(Role.COORDINATOR, ServicePointFactory())
    client.force_login(member(role, point) if role == Role.ADVISOR else elsewhere)
    assert client.get(reverse("duplicates:progress", args=[sweep.uuid])).status_code == 404


def test_progress__signed_out__sent_to_sign_in(client, point, coordinator):
    sweep = _running(point, coordinator)
    assert client.get(reverse("duplicates:progress", args=[sweep.uuid])).status_code == 302


def test_queue__running_sweep__the_page_polls_and_says_to_reload_without_script(client, point, coordinator):
    sweep = _running(point, coordinator)
    client.force_login(coordinator)
    text = client.get(reverse("duplicates:queue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'data-sweep-progress="{reverse("duplicates:progress", args=[sweep.uuid])}"' in text
    assert "duplicates/sweep.js" in text and 'value="40"' in text
    assert "Reload the page to see its progress." in text


def test_queue__finished_sweep__no_polling(client, point, registry, coordinator):
    sweep_run(sweep_request(by=coordinator, service_point=point))
    client.force_login(coordinator)
    text = client.get(reverse("duplicates:queue"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "data-sweep-progress" not in text and "sweep.js" not in text
    assert "found 2 likely duplicates" in text
