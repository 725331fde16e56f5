from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kotopolku.audit.models import AuditEvent
from kotopolku.clients import hooks
from kotopolku.clients.enums import ClientStatus, ConsentPurpose
from kotopolku.clients.models import Client, ClientLanguage, ClientNameKey, Consent
from kotopolku.clients.selectors import client_timeline, retention_due
from kotopolku.clients.services import (
    client_anonymise,
    client_close,
    client_register,
    client_update,
    consent_record,
    consent_withdraw,
    retention_run,
)
from kotopolku.clients.tests.factories import ClientFactory
from kotopolku.organisations.tests.factories import municipality

pytestmark = pytest.mark.django_db


def register(service_point, by, **fields):  # type: ignore[no-untyped-def]
    return client_register(
        service_point=service_point,
        fields={"given_names": "Oleksandr", "family_name": "Kovalenko", **fields},
        languages=[{"language": "uk", "level": "native", "needs_interpreter": True}],
        identifiers=[{"kind": "passport", "value": "FA123456", "issuing_country": "UA"}],
        by=by,
    )


def test_client_register__writes_the_client_and_the_audit_event(rovaniemi, advisor):
    client = register(rovaniemi, advisor, municipality=municipality("698"))
    assert client.languages.get().needs_interpreter
    assert client.identifiers.get().value == "FA123456"
    event = AuditEvent.objects.get(action="clients.register")
    assert (event.target_id, event.actor_id) == (str(client.uuid), advisor.pk)


def test_client_register__failure_after_the_row__leaves_nothing_half_written(rovaniemi, advisor):
    with pytest.raises(KeyError):
        client_register(
            service_point=rovaniemi,
            fields={"given_names": "Half"},
            languages=[{"level": "A1"}],  # no language code: fails after the client row is saved
            by=advisor,
        )
    assert not Client.objects.exists()
    assert not AuditEvent.objects.filter(action="clients.register").exists()


def test_client_register__worker_of_another_service_point__is_refused(rovaniemi, advisor, kemi_advisor):
    with pytest.raises(ValidationError):
        register(rovaniemi, advisor, responsible_worker=kemi_advisor)
    assert not Client.objects.exists()


def test_client_update__audits_the_changed_field_names_without_values(rovaniemi, advisor):
    client = register(rovaniemi, advisor)
    changed = client_update(
        client=client,
        fields={"given_names": "Aleksandr", "family_name": "Kovalenko"},
        languages=[{"language": "uk", "level": "native", "needs_interpreter": False}],
        by=advisor,
    )
    assert changed == ["given_names", "languages"]
    event = AuditEvent.objects.get(action="clients.change")
    assert event.details == {"fields": ["given_names", "languages"], "version": 2}
    assert "Aleksandr" not in str(event.details)


def test_client_update__nothing_changed__writes_no_event(rovaniemi, advisor):
    client = register(rovaniemi, advisor)
    assert client_update(client=client, fields={"given_names": "Oleksandr"}, by=advisor) == []
    assert not AuditEvent.objects.filter(action="clients.change").exists()


def test_consent__recorded_and_withdrawn__keeps_who_and_when(rovaniemi, advisor, coordinator):
    client = register(rovaniemi, advisor)
    consent = consent_record(client=client, purpose=ConsentPurpose.REFERRAL_SHARING, by=advisor)
    with pytest.raises(ValidationError):
        consent_record(client=client, purpose=ConsentPurpose.REFERRAL_SHARING, by=advisor)
    consent_withdraw(consent=consent, by=coordinator)
    consent.refresh_from_db()
    assert consent.recorded_by == advisor and consent.withdrawn_by == coordinator
    assert consent.withdrawn_at is not None
    assert not Consent.objects.in_force().exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"clients.consent_record", "clients.consent_withdraw"} <= actions


def test_client_timeline__merges_sources_newest_first(rovaniemi, advisor):
    client = register(rovaniemi, advisor)
    consent_record(client=client, purpose=ConsentPurpose.RECORD_KEEPING, by=advisor)
    far_future = timezone.now() + dt.timedelta(days=1)

    def source(c, user):  # type: ignore[no-untyped-def]
        return [hooks.TimelineEntry(when=far_future, kind="contact", title="Walk-in contact")]

    hooks.register_timeline_source(source)
    try:
        with translation.override("en"):
            entries = client_timeline(client=client, user=advisor)
    finally:
        hooks._timeline_sources.remove(source)
    assert [entry.kind for entry in entries] == ["contact", "client", "client"]
    assert entries[-1].title == "Registered as a client"


def test_client_anonymise__blanks_personal_data_keeps_statistics_and_signals(rovaniemi, coordinator):
    client = register(
        rovaniemi,
        coordinator,
        birth_year=1980,
        birth_month=3,
        birth_day=4,
        gender="man",
        citizenships=["UA"],
        phone="+358401234567",
        personal_identity_code="131052-308T",
        municipality=municipality("698"),
    )
    consent_record(client=client, purpose=ConsentPurpose.RECORD_KEEPING, by=coordinator)
    ClientNameKey.objects.create(client=client, service_point=rovaniemi, kind="token", key="kovalenko")
    received = []

    def receiver(sender, client, **kwargs):  # type: ignore[no-untyped-def]
        received.append(client.status)

    hooks.client_anonymised.connect(receiver)
    try:
        client_anonymise(client=client, by=coordinator)
    finally:
        hooks.client_anonymised.disconnect(receiver)
    client.refresh_from_db()
    assert received == [ClientStatus.ANONYMISED]
    assert client.status == ClientStatus.ANONYMISED and client.anonymised_at is not None
    assert (client.given_names, client.family_name, client.phone, client.personal_identity_code) == (
        "",
        "",
        "",
        "",
    )
    assert "Kovalenko" not in client.display_name
    assert (client.birth_year, client.birth_month, client.gender, client.citizenships) == (
        1980,
        None,
        "man",
        ["UA"],
    )
    assert client.municipality is not None
    assert not client.identifiers.exists() and not client.consents.exists() and not client.name_keys.exists()
    assert ClientLanguage.objects.filter(client=client).exists()
    assert AuditEvent.objects.filter(action="clients.erase", target_id=str(client.uuid)).exists()
    with pytest.raises(ValidationError):
        client_anonymise(client=client, by=coordinator)
    with pytest.raises(ValidationError):
        client_update(client=client, fields={"given_names": "Back"}, by=coordinator)


def test_retention__anonymises_only_cases_closed_longer_than_the_period(rovaniemi, kemi, advisor):
    kemi.retention_years = 10
    kemi.save()
    now = timezone.now()
    old = ClientFactory(
        service_point=rovaniemi, status=ClientStatus.CLOSED, closed_at=now - dt.timedelta(days=6 * 365)
    )
    recent = ClientFactory(
        service_point=rovaniemi, status=ClientStatus.CLOSED, closed_at=now - dt.timedelta(days=365)
    )
    longer_period = ClientFactory(
        service_point=kemi, status=ClientStatus.CLOSED, closed_at=now - dt.timedelta(days=6 * 365)
    )
    active = ClientFactory(service_point=rovaniemi)
    assert [c.pk for c in retention_due()] == [old.pk]
    assert retention_run() == [str(old.uuid)]
    statuses = dict(Client.objects.values_list("pk", "status"))
    assert statuses[old.pk] == ClientStatus.ANONYMISED
    assert {statuses[c.pk] for c in (recent, longer_period)} == {ClientStatus.CLOSED}
    assert statuses[active.pk] == ClientStatus.ACTIVE
    assert AuditEvent.objects.get(action="clients.erase").purpose == "retention period"


def test_client_close__starts_the_retention_period(rovaniemi, advisor):
    client = register(rovaniemi, advisor)
    client_close(client=client, by=advisor)
    assert client.status == ClientStatus.CLOSED and client.closed_at is not None
    with pytest.raises(ValidationError):
        client_close(client=client, by=advisor)
