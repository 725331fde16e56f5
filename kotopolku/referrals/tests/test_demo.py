from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from kotopolku.appointments.models import Appointment, AppointmentSeries
from kotopolku.referrals.models import Referral

pytestmark = pytest.mark.django_db


def test_demo__loads_referrals_and_appointments_once():
    call_command("demo", stdout=io.StringIO())
    referrals, appointments = Referral.objects.count(), Appointment.objects.count()
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert referrals == 8 and statuses >= {"sent", "accepted", "declined"}
    assert appointments > 50 and AppointmentSeries.objects.count() == 1
    call_command("demo", stdout=io.StringIO())
    assert (Referral.objects.count(), Appointment.objects.count()) == (referrals, appointments)
