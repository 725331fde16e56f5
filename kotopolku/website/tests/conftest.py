from __future__ import annotations

from datetime import time

import pytest

from kotopolku.catalogue.models import Phone, Schedule
from kotopolku.catalogue.tests.factories import location_named
from kotopolku.organisations.tests.factories import ServicePointFactory
from kotopolku.website.models import Site


@pytest.fixture
def site(db):
    """A published site whose catalogue location is open every day 00:00–23:59."""
    point = ServicePointFactory(slug="ih-testi", name="International House Testi", email="ih@example.test")
    location = location_named("International House Testi", latitude="66.5", longitude="25.7")
    Phone.objects.create(location=location, number="+358401111111")
    Schedule.objects.create(
        location=location, kind="regular", freq="WEEKLY", byday="MO,TU,WE,TH,FR,SA,SU",
        opens_at=time(0, 0), closes_at=time(23, 59),
    )  # fmt: skip
    return Site.objects.create(service_point=point, location=location)
