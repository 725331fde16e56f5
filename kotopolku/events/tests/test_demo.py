from __future__ import annotations

import io

import pytest

from kotopolku.accounts.demo import load_users
from kotopolku.clients.demo import load_demo as load_clients
from kotopolku.employers.demo import load_demo as load_employers
from kotopolku.employers.models import Employer, JobOpening, Proposal
from kotopolku.employers.selectors import public_openings_without_finnish
from kotopolku.events.demo import load_demo as load_events
from kotopolku.events.models import Event, Registration
from kotopolku.events.selectors import workshops_held
from kotopolku.organisations.demo import load_tenancy

pytestmark = pytest.mark.django_db


def test_load_demo__pilot_companies_openings_events_and_workshops_once():
    tenancy = load_tenancy()
    load_users(tenancy)
    load_clients(tenancy=tenancy, stdout=io.StringIO())
    for _ in range(2):
        load_employers(tenancy=tenancy, stdout=io.StringIO())
        load_events(tenancy=tenancy, stdout=io.StringIO())
    assert Employer.objects.filter(service_point=tenancy.kemi, is_pilot=True).count() == 8
    assert Employer.objects.filter(service_point=tenancy.rovaniemi).count() >= 12
    assert public_openings_without_finnish().exists()
    assert JobOpening.objects.filter(visibility="hidden").exists()
    assert Proposal.objects.exists()
    assert Event.objects.filter(kind="workshop", service_point=tenancy.rovaniemi).count() == 4
    import datetime as dt

    today = dt.date.today()
    assert workshops_held(service_point_ids=[tenancy.rovaniemi.pk], date_from=today - dt.timedelta(days=365),
                          date_to=today) == 3  # fmt: skip
    assert Registration.objects.filter(status="waiting").exists()
