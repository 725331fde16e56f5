from __future__ import annotations

from io import StringIO

import pytest

from kotopolku.accounts.demo import load_users
from kotopolku.clients.demo import CLIENTS, load_demo
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.models import Client, ClientLanguage, Consent
from kotopolku.organisations.demo import load_tenancy

pytestmark = pytest.mark.django_db


def test_load_demo__is_idempotent_and_spans_both_service_points():
    tenancy = load_tenancy()
    load_users(tenancy)
    load_demo(tenancy=tenancy, stdout=StringIO())
    counts = (Client.objects.count(), ClientLanguage.objects.count(), Consent.objects.count())
    load_demo(tenancy=tenancy, stdout=StringIO())
    assert (Client.objects.count(), ClientLanguage.objects.count(), Consent.objects.count()) == counts
    assert counts[0] == len(CLIENTS) >= 55
    assert {tenancy.rovaniemi.id, tenancy.kemi.id} == set(
        Client.objects.values_list("service_point_id", flat=True)
    )
    assert Client.objects.filter(given_names="Мухаммед").exists()
    assert Client.objects.filter(birth_month__isnull=True, birth_year__isnull=False).count() >= 10
    assert Client.objects.filter(status=ClientStatus.CLOSED).exists()
    assert Client.objects.filter(name_keys__isnull=False).distinct().count() == counts[0]


def test_load_demo__the_network_permit_expert_sees_the_clients_on_whose_team_they_are():
    from kotopolku.accounts.models import User
    from kotopolku.clients.demo import PERMIT_EXPERT_EMAIL
    from kotopolku.clients.models import ClientTeamMember
    from kotopolku.clients.selectors import clients_visible

    tenancy = load_tenancy()
    load_users(tenancy)
    load_demo(tenancy=tenancy, stdout=StringIO())
    load_demo(tenancy=tenancy, stdout=StringIO())
    expert = User.objects.get(email=PERMIT_EXPERT_EMAIL)
    team = set(ClientTeamMember.objects.current().filter(user=expert).values_list("client_id", flat=True))
    visible = set(clients_visible(user=expert).values_list("pk", flat=True))
    assert visible == team and 5 <= len(team) < Client.objects.count() / 2
    assert {tenancy.rovaniemi.id, tenancy.kemi.id} == set(
        Client.objects.filter(pk__in=team).values_list("service_point_id", flat=True)
    )
