"""Two advisors saving one plan at once, through the API from two threads (PostgreSQL only: the
row lock and the separate connections are what is tested)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client as HttpClient

from kotopolku.accounts.services import api_token_create
from kotopolku.casework.models import Plan
from kotopolku.casework.tests.factories import PlanFactory

RACES = 100

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL)"),
]


def test_plan_patch__100_races_of_two_saves__no_lost_update(world):
    plan = PlanFactory(client=world.client, summary="start")
    tokens = [api_token_create(user=user, name="race")[1] for user in (world.advisor, world.coordinator)]
    lost = 0
    for race in range(RACES):
        version = Plan.objects.get(pk=plan.pk).version
        barrier = threading.Barrier(2)
        answers: dict[int, int] = {}

        def save(
            index: int, version: int = version, barrier: threading.Barrier = barrier, race: int = race
        ) -> None:
            client = HttpClient(HTTP_AUTHORIZATION=f"Bearer {tokens[index]}")
            try:
                barrier.wait()
                response = client.patch(
                    f"/api/v1/plans/{plan.uuid}",
                    {"summary": f"race {race} by {index}"},
                    content_type="application/json",
                    HTTP_IF_MATCH=f'"{version}"',
                )
                answers[index] = response.status_code
            finally:
                connection.close()

        threads = [threading.Thread(target=save, args=(index,)) for index in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(answers.values()) == [200, 409], answers
        winner = next(index for index, status in answers.items() if status == 200)
        stored = Plan.objects.get(pk=plan.pk)
        # The refused save is not lost silently (it got 409); the accepted one is what is stored.
        if stored.summary != f"race {race} by {winner}" or stored.version != version + 1:
            lost += 1
    assert lost == 0
    assert Plan.objects.get(pk=plan.pk).version == 1 + RACES
