from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from kotopolku.duplicates.models import DuplicatePair, Sweep, SweepStatus

pytestmark = pytest.mark.django_db


def test_demo__the_queue_holds_the_demo_near_duplicates():
    call_command("demo", stdout=io.StringIO())
    assert Sweep.objects.get().status == SweepStatus.DONE
    names = {
        frozenset((p.first.family_name_latin, p.second.family_name_latin))
        for p in DuplicatePair.objects.all()
    }
    assert frozenset({"Rahimi"}) in names
