from __future__ import annotations

import io

import pytest

from kotopolku.casework.models import Assessment, Case, CaseNote, CaseTransfer, HouseholdMember, Plan

pytestmark = pytest.mark.django_db


def test_demo__loads_cases_household_assessments_plans_in_every_status_and_notes__twice():
    from django.core.management import call_command

    call_command("demo", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())  # idempotent
    assert Case.objects.filter(status="open").count() >= 10
    assert HouseholdMember.objects.count() == 3
    assert Assessment.objects.filter(number=2).exists()
    assert set(Plan.objects.values_list("status", flat=True)) == {"draft", "active", "completed", "ended"}
    assert CaseNote.objects.filter(special_category=True).exists()
    assert CaseTransfer.objects.filter(status="requested").count() == 1
