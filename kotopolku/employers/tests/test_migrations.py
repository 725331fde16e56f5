"""Migration 0003: openings and job seekers move from this app's copy of ISCO-08 to case work's
code list by code, and back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.employers.tests.factories import EmployerFactory

BEFORE = [("employers", "0002_load_code_lists")]
AFTER = [("employers", "0003_occupations_from_case_work")]


def _migrate(target):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_0003__moves_openings_and_job_seekers_to_case_works_isco_by_code(office):
    employer = EmployerFactory(service_point=office.point)
    client = ClientFactory(service_point=office.point)
    try:
        apps = _migrate(BEFORE)
        Occupation = apps.get_model("employers", "Occupation")
        # Going back fills this app's table again from case work's list.
        assert Occupation.objects.count() == 619
        cook = Occupation.objects.get(code="5120")
        # A code case work's list lacks (edited by hand): it is added there, not lost.
        odd = Occupation.objects.create(code="9999", level=4, parent_code="999", name_fi="Muu",
                                        name_sv="Annan", name_en="Other")  # fmt: skip
        apps.get_model("employers", "JobOpening").objects.create(
            employer_id=employer.pk, service_point_id=office.point.pk, title="Kokki", occupation=cook,
            municipality_id=employer.municipality_id, hours="full_time", visibility="advertised",
            opens_on=dt.date(2026, 1, 5),
        )  # fmt: skip
        desired = apps.get_model("employers", "DesiredOccupation").objects
        desired.create(client_id=client.pk, occupation=cook, isco_code="5120")
        desired.create(client_id=client.pk, occupation=odd, isco_code="9999")

        latest = _migrate(AFTER)
        items = latest.get_model("casework", "CodeListItem").objects
        opening = latest.get_model("employers", "JobOpening").objects.get()
        assert (opening.occupation.scheme, opening.occupation.code) == ("isco08", "5120")
        wanted = latest.get_model("employers", "DesiredOccupation").objects.filter(client_id=client.pk)
        assert sorted((d.occupation.code, d.isco_code) for d in wanted) == [
            ("5120", "5120"),
            ("9999", "9999"),
        ]
        assert items.get(scheme="isco08", code="9999").label_en == "Other"
        assert "employers_occupation" not in connection.introspection.table_names()

        back = _migrate(BEFORE)
        opening = back.get_model("employers", "JobOpening").objects.get()
        assert opening.occupation.code == "5120" and opening.occupation.name_en == "Cooks"
        assert back.get_model("employers", "Occupation").objects.filter(code="2221").exists()
    finally:
        _migrate(AFTER)
