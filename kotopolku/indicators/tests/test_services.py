from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kotopolku.audit.models import AuditEvent
from kotopolku.clients.enums import Gender
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.indicators import services
from kotopolku.indicators.enums import AgeGroup, ExitReason, LabourStatus
from kotopolku.indicators.models import Participant
from kotopolku.indicators.tests.conftest import ENTRY
from kotopolku.organisations.tests.factories import municipality


def test_participant_enrol__takes_the_entry_snapshot_from_the_client(office, enrol):
    client = office.client(
        gender=Gender.NON_BINARY, citizenships=["IQ"], municipality=municipality("241"), birth_year=2007
    )
    participant = enrol(client=client, entered_on=dt.date(2025, 6, 14))
    assert participant.gender == Gender.NON_BINARY
    assert participant.age_group == AgeGroup.UNDER_18  # 17 the day before the 18th birthday
    assert participant.third_country_national
    assert (participant.municipality_code, participant.degurba, participant.rural) == ("241", 3, True)
    assert AuditEvent.objects.filter(action="indicators.participant_enrol", actor=office.advisor).exists()


def test_participant_enrol__on_the_birthday__is_in_the_next_age_group(office, enrol):
    client = office.client(birth_year=2007)
    participant = enrol(client=client, entered_on=dt.date(2025, 6, 15))
    assert participant.age_group == AgeGroup.FROM_18_TO_29


def test_participant_enrol__eu_citizen_in_a_town__is_neither_third_country_nor_rural(office, enrol):
    client = office.client(citizenships=["EE", "RU"], municipality=municipality("240"))
    participant = enrol(client=client)
    assert not participant.third_country_national
    assert (participant.degurba, participant.rural) == (2, False)


def test_participant_enrol__without_the_esf_consent__is_refused(office, enrol):
    client = ClientFactory(service_point=office.point)
    with pytest.raises(ValidationError) as error:
        enrol(client=client)
    assert "client" in error.value.message_dict
    assert not Participant.objects.exists()


def test_participant_enrol__special_category_without_its_own_consent__is_refused(office, enrol):
    data = {**ENTRY, "disability": True, "minority": False, "minority_consent_on": dt.date(2025, 1, 2)}
    with pytest.raises(ValidationError) as error:
        enrol(data=data)
    assert set(error.value.message_dict) == {"disability"}


def test_participant_enrol__outside_the_project_period_or_twice__is_refused(office, enrol):
    client = office.client()
    with pytest.raises(ValidationError) as error:
        enrol(client=client, entered_on=dt.date(2023, 1, 2))
    assert "entered_on" in error.value.message_dict
    enrol(client=client)
    with pytest.raises(ValidationError) as error:
        enrol(client=client, entered_on=dt.date(2025, 1, 3))
    assert "client" in error.value.message_dict
    assert Participant.objects.count() == 1


def test_participant_enrol__client_of_a_point_outside_the_project__is_refused(office, enrol):
    client = ClientFactory(service_point=office.other_point)
    with pytest.raises(ValidationError) as error:
        enrol(client=client)
    assert "project" in error.value.message_dict


def test_participant_exit__puts_the_two_follow_ups_on_the_work_list(office, enrol):
    participant = enrol()
    services.participant_exit(
        by=office.advisor,
        participant=participant,
        exited_on=dt.date(2025, 8, 31),
        reason=ExitReason.EMPLOYED,
        status=LabourStatus.EMPLOYED,
    )
    due = {f.kind: f.due_on for f in participant.follow_ups.all()}
    assert due == {"4w": dt.date(2025, 9, 28), "6m": dt.date(2026, 2, 28)}
    from kotopolku.indicators.selectors import follow_ups_due

    assert follow_ups_due(user=office.advisor, until=dt.date(2025, 10, 1)).count() == 1
    assert follow_ups_due(user=office.outsider, until=dt.date(2026, 10, 1)).count() == 0


def test_participant_exit__before_entry__is_refused_and_nothing_changes(office, enrol):
    participant = enrol(entered_on=dt.date(2025, 3, 2))
    with pytest.raises(ValidationError) as error:
        services.participant_exit(
            by=office.advisor, participant=participant, exited_on=dt.date(2025, 3, 1), reason="x", status="y"
        )
    assert set(error.value.message_dict) == {"exited_on", "exit_reason", "exit_status"}
    participant.refresh_from_db()
    assert participant.exited_on is None and not participant.follow_ups.exists()


def test_follow_up_record__unreachable_with_results__is_refused(office, enrol):
    participant = enrol()
    services.participant_exit(
        by=office.advisor,
        participant=participant,
        exited_on=dt.date(2025, 2, 1),
        reason="completed",
        status="unemployed",
    )
    follow_up = participant.follow_ups.get(kind="4w")
    with pytest.raises(ValidationError):
        services.follow_up_record(
            by=office.advisor,
            follow_up=follow_up,
            done_on=dt.date(2025, 3, 1),
            results={"unreachable": True, "employed": True},
        )
    services.follow_up_record(
        by=office.advisor, follow_up=follow_up, done_on=dt.date(2025, 3, 1), results={"job_searching": True}
    )
    follow_up.refresh_from_db()
    assert follow_up.done_on == dt.date(2025, 3, 1) and follow_up.job_searching and not follow_up.employed


def test_eura_mark__of_exit_data_before_exit__is_refused(office, enrol):
    participant = enrol()
    with pytest.raises(ValidationError):
        services.participant_eura_mark(by=office.advisor, participant=participant, part="exit")
    services.participant_eura_mark(
        by=office.advisor, participant=participant, part="entry", on=dt.date(2025, 1, 5)
    )
    participant.refresh_from_db()
    assert participant.entry_in_eura_on == dt.date(2025, 1, 5)


def test_target_set__checks_each_kind(office):
    from decimal import Decimal

    with pytest.raises(ValidationError) as error:
        services.target_set(
            by=office.coordinator, project=office.project, kind="satisfaction", value=Decimal(6)
        )
    assert "value" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.target_set(
            by=office.coordinator, project=office.project, kind="indicator", detail="EECO99", value=Decimal(1)
        )
    assert "detail" in error.value.message_dict
    target = services.target_set(
        by=office.coordinator, project=office.project, kind="indicator", detail="eeco02", value=Decimal(250)
    )
    assert target.detail == "EECO02"


def test_client_anonymised__keeps_the_participant_figures_without_the_link(office, enrol):
    from kotopolku.indicators.hooks import on_client_anonymised

    client = office.client()
    participant = enrol(client=client)
    on_client_anonymised(sender=None, client=client)
    participant.refresh_from_db()
    assert participant.client is None and participant.labour_status == LabourStatus.UNEMPLOYED
