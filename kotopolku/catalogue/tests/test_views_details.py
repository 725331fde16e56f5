"""Staff pages for a service's phone numbers, contacts, prices and opening hours per location."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kotopolku.accounts.enums import Role
from kotopolku.audit.models import AuditEvent
from kotopolku.catalogue.models import Contact, CostOption, Phone, Schedule, Service
from kotopolku.catalogue.tests.conftest import user_with_role
from kotopolku.catalogue.tests.factories import (
    ScheduleFactory,
    ServiceAtLocationFactory,
    location_named,
    service_named,
)

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - dt.timedelta(days=400)


@pytest.fixture
def service():
    return service_named("Neuvonta", en="Advice")


@pytest.fixture
def place(service):
    """The service given at one location."""
    return ServiceAtLocationFactory(service=service, location=location_named("Kemin palvelupiste"))


def _age(*services: Service) -> None:
    """Make the services look untouched for a long time."""
    Service.objects.filter(pk__in=[s.pk for s in services]).update(updated_at=LONG_AGO)


def _touched(service: Service) -> bool:
    service.refresh_from_db()
    return service.updated_at > LONG_AGO + dt.timedelta(days=1)


def _url(name: str, service: Service, *rest: object) -> str:
    return reverse(f"catalogue:{name}", args=[service.uuid, *rest])


def _actions() -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith="catalogue.")
        .order_by("id")
        .values_list("action", flat=True)
    )


def phone_data(**overrides: str) -> dict[str, str]:
    data = {
        "owner": "service",
        "number": "016 322 2500",
        "extension": "",
        "type": "voice",
        "description_fi": "Neuvonta ma–pe",
        "description_sv": "Rådgivning mån–fre",
        "description_en": "",
    }
    data.update(overrides)
    return data


# --- Phones ------------------------------------------------------------------------------


def test_phone_create__of_the_service__normalises_the_number_touches_and_audits(
    coordinator_client, coordinator, service
):
    _age(service)
    response = coordinator_client.post(_url("phone_create", service), phone_data(extension="12"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"].endswith("#phones")
    phone = Phone.objects.get()
    assert (phone.service, phone.number, phone.extension, phone.type) == (
        service,
        "+358 16 3222500",
        12,
        "voice",
    )
    assert phone.texts == {
        "fi": {"description": "Neuvonta ma–pe"},
        "sv": {"description": "Rådgivning mån–fre"},
    }
    assert _touched(service)
    event = AuditEvent.objects.get(action="catalogue.phone_added")
    assert event.actor == coordinator and event.details["service"] == str(service.uuid)
    page = coordinator_client.get(_url("service_detail", service)).content.decode()
    assert "+358 16 3222500" in page and 'href="tel:+358163222500"' in page


def test_phone_create__short_service_number_and_foreign_number__are_accepted(coordinator_client, service):
    for number, stored in (("116 117", "116117"), ("+46 8 123 456 78", "+46 8 123 456 78")):
        response = coordinator_client.post(_url("phone_create", service), phone_data(number=number))
        assert response.status_code == 302, number
        assert Phone.objects.filter(number=stored).exists()


def test_phone_create__of_the_service_at_a_location__belongs_to_that_place(
    coordinator_client, service, place
):
    _age(service)
    response = coordinator_client.post(
        _url("phone_create", service), phone_data(owner=f"place:{place.uuid}", number="040 123 4567")
    )
    assert response.status_code == 302
    phone = Phone.objects.get()
    assert phone.service_at_location == place and phone.service is None and phone.location is None
    assert _touched(service)
    page = coordinator_client.get(_url("service_detail", service)).content.decode()
    assert "+358 40 1234567" in page


def test_phone_create__of_a_location__touches_every_service_there(coordinator_client, service, place):
    neighbour = service_named("Toinen palvelu")
    ServiceAtLocationFactory(service=neighbour, location=place.location)
    _age(service, neighbour)
    response = coordinator_client.post(
        _url("phone_create", service), phone_data(owner=f"location:{place.location.uuid}")
    )
    assert response.status_code == 302
    assert Phone.objects.get().location == place.location
    assert _touched(service) and _touched(neighbour)


def test_phone_create__form_preselects_the_owner_from_the_link(coordinator_client, service, place):
    response = coordinator_client.get(_url("phone_create", service), {"owner": f"place:{place.uuid}"})
    assert response.status_code == 200
    assert f'<option value="place:{place.uuid}" selected>' in response.content.decode()


def test_phone_edit__changes_number_and_owner(coordinator_client, service, place):
    phone = Phone.objects.create(
        service=service, number="+358 16 3222500", texts={"fi": {"description": "x"}}
    )
    url = _url("phone_edit", service, phone.uuid)
    page = coordinator_client.get(url).content.decode()
    assert 'value="+358 16 3222500"' in page and 'value="x"' in page
    response = coordinator_client.post(
        url, phone_data(owner=f"place:{place.uuid}", number="+358 40 7678050", description_fi="")
    )
    assert response.status_code == 302
    phone.refresh_from_db()
    assert (phone.number, phone.service, phone.service_at_location) == ("+358 40 7678050", None, place)
    assert phone.texts == {"sv": {"description": "Rådgivning mån–fre"}}
    assert "catalogue.phone_changed" in _actions()


def test_phone_delete__removes_touches_and_audits(coordinator_client, service):
    phone = Phone.objects.create(service=service, number="+358 16 3222500")
    _age(service)
    response = coordinator_client.post(_url("phone_delete", service, phone.uuid))
    assert response.status_code == 302
    assert not Phone.objects.exists()
    assert _touched(service)
    assert "catalogue.phone_removed" in _actions()


def test_phone_delete__get__is_not_allowed(coordinator_client, service):
    phone = Phone.objects.create(service=service, number="+358 16 3222500")
    assert coordinator_client.get(_url("phone_delete", service, phone.uuid)).status_code == 405
    assert Phone.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("number", "abc"),
        ("number", "12"),
        ("number", "016 322 2500\u202e"),
        ("number", "0" * 10_000),
        ("number", ""),
        ("extension", "-1"),
        ("extension", "1e9"),
        ("extension", "99999999999"),
        ("type", "carrier-pigeon"),
        ("owner", "location:7c0c63c5-1c5b-4b2b-9a4f-2a4b7b0c6b11"),
        ("owner", "service'; drop table"),
        ("owner", ""),
        ("description_fi", "a\x00b"),
        ("description_fi", "rivi\nrivi"),
        ("description_sv", "x" * 301),
        ("description_en", "\u2066isolated"),
    ],
)
def test_phone_create__bad_input__is_400_with_field_error_and_writes_nothing(
    coordinator_client, service, field, value
):
    _age(service)
    response = coordinator_client.post(_url("phone_create", service), phone_data(**{field: value}))
    assert response.status_code == 400
    content = response.content.decode()
    assert "field-error" in content and 'id="error-summary"' in content
    assert not Phone.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="catalogue.phone").exists()
    assert not _touched(service)


def test_phone_create__bad_number__message_in_the_users_language(coordinator_client, service):
    response = coordinator_client.post(
        _url("phone_create", service), phone_data(number="abc"), HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert "Tämä ei ole puhelinnumero." in response.content.decode()


def test_phone_of_another_service__is_404_and_untouched(coordinator_client, service):
    other = service_named("Muu palvelu")
    phone = Phone.objects.create(service=other, number="+358 16 3222500")
    foreign_place = ServiceAtLocationFactory(service=other, location=location_named("Muu paikka"))
    located = Phone.objects.create(location=foreign_place.location, number="+358 16 258111")
    for row in (phone, located):
        assert coordinator_client.get(_url("phone_edit", service, row.uuid)).status_code == 404
        assert coordinator_client.post(_url("phone_edit", service, row.uuid), phone_data()).status_code == 404
        assert coordinator_client.post(_url("phone_delete", service, row.uuid)).status_code == 404
    assert Phone.objects.count() == 2
    assert Phone.objects.get(pk=phone.pk).service == other


# --- Contacts ----------------------------------------------------------------------------


def test_contact_create_edit_and_delete__with_its_phones(coordinator_client, service):
    _age(service)
    response = coordinator_client.post(
        _url("contact_create", service),
        {"name": "Aino Asiakas", "title": "Palveluohjaaja", "department": "", "email": "aino@example.fi"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    contact = Contact.objects.get()
    assert (contact.service, contact.name, contact.email) == (service, "Aino Asiakas", "aino@example.fi")
    assert _touched(service)

    response = coordinator_client.post(
        _url("phone_create", service), phone_data(owner=f"contact:{contact.uuid}", number="040 484 4011")
    )
    assert response.status_code == 302
    assert Phone.objects.get().contact == contact
    page = coordinator_client.get(_url("service_detail", service)).content.decode()
    assert "Aino Asiakas" in page and "+358 40 4844011" in page and "mailto:aino@example.fi" in page

    response = coordinator_client.post(
        _url("contact_edit", service, contact.uuid),
        {"name": "", "title": "", "department": "Asiakaspalvelu", "email": ""},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.name, contact.department) == ("", "Asiakaspalvelu")

    _age(service)
    assert coordinator_client.post(_url("contact_delete", service, contact.uuid)).status_code == 302
    assert not Contact.objects.exists() and not Phone.objects.exists()
    assert _touched(service)
    assert [a for a in _actions() if "contact" in a] == [
        "catalogue.contact_added",
        "catalogue.contact_changed",
        "catalogue.contact_removed",
    ]


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "department": "", "email": "aino@example.fi"},
        {"name": "Aino", "email": "not-an-e-mail"},
        {"name": "Aino", "email": "aino@exa mple.fi"},
        {"name": "x" * 201},
        {"name": "Aino\u202eonia"},
        {"name": "Aino", "title": "a\x07b"},
        {"name": "Aino", "department": "y" * 5000},
        {"name": "Aino", "email": "a" * 250 + "@example.fi"},
    ],
)
def test_contact_create__bad_input__is_400_and_writes_nothing(coordinator_client, service, data):
    response = coordinator_client.post(_url("contact_create", service), data)
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert not Contact.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="catalogue.contact").exists()


def test_contact_of_another_service__is_404(coordinator_client, service):
    contact = Contact.objects.create(service=service_named("Muu"), name="Bertil")
    assert coordinator_client.get(_url("contact_edit", service, contact.uuid)).status_code == 404
    assert coordinator_client.post(_url("contact_delete", service, contact.uuid)).status_code == 404
    assert Contact.objects.filter(name="Bertil").exists()


# --- Prices ------------------------------------------------------------------------------


def cost_data(**overrides: str) -> dict[str, str]:
    data = {
        "amount": "60.00",
        "currency": "eur",
        "valid_from": "2026-01-01",
        "valid_to": "",
        "option_fi": "Iltakurssi, lukukausi",
        "option_sv": "Kvällskurs, termin",
        "option_en": "Evening course, one term",
        "amount_description_fi": "",
        "amount_description_sv": "",
        "amount_description_en": "",
    }
    data.update(overrides)
    return data


def test_cost_option_create_edit_delete(coordinator_client, coordinator, service):
    _age(service)
    response = coordinator_client.post(_url("cost_option_create", service), cost_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    cost = CostOption.objects.get()
    assert (cost.amount, cost.currency, cost.valid_from) == (Decimal("60.00"), "EUR", dt.date(2026, 1, 1))
    assert cost.text("option", "sv") == "Kvällskurs, termin"
    assert _touched(service)
    page = coordinator_client.get(_url("service_detail", service)).content.decode()
    assert "Iltakurssi, lukukausi" in page

    response = coordinator_client.post(
        _url("cost_option_edit", service, cost.uuid),
        cost_data(amount="", option_en="", amount_description_fi="Ilmainen alle 18-vuotiaille"),
    )
    assert response.status_code == 302
    cost.refresh_from_db()
    assert cost.amount is None and cost.text("amount_description", "fi") == "Ilmainen alle 18-vuotiaille"
    assert "en" not in cost.texts

    _age(service)
    assert coordinator_client.post(_url("cost_option_delete", service, cost.uuid)).status_code == 302
    assert not CostOption.objects.exists()
    assert _touched(service)
    assert [a for a in _actions() if "cost" in a] == [
        "catalogue.cost_option_added",
        "catalogue.cost_option_changed",
        "catalogue.cost_option_removed",
    ]


def test_cost_option_create__decimal_comma_in_finnish(coordinator_client, service):
    response = coordinator_client.post(
        _url("cost_option_create", service), cost_data(amount="12,50"), HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert response.status_code == 302
    assert CostOption.objects.get().amount == Decimal("12.50")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount", "-1"),
        ("amount", "1000000.01"),
        ("amount", "1e400"),
        ("amount", "NaN"),
        ("amount", "abc"),
        ("amount", "1.005"),
        ("currency", "EU"),
        ("currency", "XYZ"),
        ("currency", "EURO"),
        ("currency", ""),
        ("valid_from", "2026-02-30"),
        ("valid_to", "2025-12-31"),
        ("option_fi", "a\x1bb"),
        ("option_sv", "x" * 301),
        ("amount_description_en", "y" * 501),
    ],
)
def test_cost_option_create__bad_input__is_400_and_writes_nothing(coordinator_client, service, field, value):
    _age(service)
    response = coordinator_client.post(_url("cost_option_create", service), cost_data(**{field: value}))
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert not CostOption.objects.exists()
    assert not _touched(service)


def test_cost_option_create__neither_amount_nor_text__is_400(coordinator_client, service):
    data = cost_data(amount="", option_fi="", option_sv="", option_en="")
    assert coordinator_client.post(_url("cost_option_create", service), data).status_code == 400
    assert not CostOption.objects.exists()


def test_cost_option_of_another_service__is_404(coordinator_client, service):
    cost = CostOption.objects.create(service=service_named("Muu"), amount=Decimal("5"))
    assert (
        coordinator_client.post(_url("cost_option_edit", service, cost.uuid), cost_data()).status_code == 404
    )
    assert coordinator_client.post(_url("cost_option_delete", service, cost.uuid)).status_code == 404
    cost.refresh_from_db()
    assert cost.amount == Decimal("5")


# --- Opening hours per service at a location ----------------------------------------------


def test_schedule_create__for_the_service_at_a_location__shows_there(coordinator_client, service, place):
    ScheduleFactory(service=None, location=place.location)  # the location's own hours, Mon–Fri 8–16
    _age(service)
    response = coordinator_client.post(
        _url("schedule_create", service),
        {
            "owner": f"place:{place.uuid}",
            "kind": "regular",
            "days": ["TU"],
            "opens_at": "12:00",
            "closes_at": "14:30",
            "description_fi": "Pop-up",
            "description_sv": "Pop-up på tisdagar",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    schedule = Schedule.objects.get(service_at_location=place)
    assert (schedule.byday, schedule.service_id, schedule.location_id) == ("TU", None, None)
    assert schedule.text("description", "sv", fallback=()) == "Pop-up på tisdagar"
    assert _touched(service)
    page = coordinator_client.get(_url("service_detail", service)).content.decode()
    assert "12.00–14.30" in page
    assert "Hours of this service at this location." in page or "Tämän palvelun aukioloajat" in page
    # The location's own hours are not used for this service any more, but stay editable.
    assert (
        reverse("catalogue:schedule_edit", args=[service.uuid, place.location.schedules.get().uuid]) in page
    )


def test_schedule_edit__changes_the_rule_and_keeps_other_texts(coordinator_client, service, place):
    schedule = ScheduleFactory(
        service=None, service_at_location=place, texts={"fi": {"description": "Vanha"}, "de": {"notes": "x"}}
    )
    url = _url("schedule_edit", service, schedule.uuid)
    page = coordinator_client.get(url).content.decode()
    assert 'value="08:00"' in page and 'value="Vanha"' in page and "checked" in page
    response = coordinator_client.post(
        url,
        {
            "owner": f"place:{place.uuid}",
            "kind": "regular",
            "days": ["MO", "WE"],
            "opens_at": "09:00",
            "closes_at": "15:00",
            "description_fi": "Uusi",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    schedule.refresh_from_db()
    assert (schedule.byday, schedule.opens_at) == ("MO,WE", dt.time(9, 0))
    assert schedule.texts == {"fi": {"description": "Uusi"}, "de": {"notes": "x"}}
    assert "catalogue.schedule_changed" in _actions()


def test_schedule_edit__to_a_holiday_exception_at_a_location(coordinator_client, service, place):
    schedule = ScheduleFactory(service=None, service_at_location=place)
    response = coordinator_client.post(
        _url("schedule_edit", service, schedule.uuid),
        {
            "owner": f"location:{place.location.uuid}",
            "kind": "exception",
            "valid_from": "2026-12-06",
            "is_closed": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    schedule.refresh_from_db()
    assert (schedule.kind, schedule.is_closed, schedule.byday, schedule.freq) == ("exception", True, "", "")
    assert (schedule.location, schedule.service_at_location) == (place.location, None)


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "regular", "opens_at": "08:00", "closes_at": "16:00"},
        {"kind": "exception", "opens_at": "08:00", "closes_at": "16:00"},
        {"kind": "regular", "days": ["MO"], "opens_at": "08:00"},
        {
            "kind": "regular",
            "days": ["MO"],
            "opens_at": "08:00",
            "closes_at": "16:00",
            "description_fi": "a\u202eb",
        },
        {
            "kind": "regular",
            "days": ["MO"],
            "opens_at": "08:00",
            "closes_at": "16:00",
            "valid_from": "2026-02-01",
            "valid_to": "2026-01-01",
        },
        {
            "owner": "place:7c0c63c5-1c5b-4b2b-9a4f-2a4b7b0c6b11",
            "kind": "regular",
            "days": ["MO"],
            "opens_at": "08:00",
            "closes_at": "16:00",
        },
    ],
)
def test_schedule_create__bad_input__is_400_and_writes_nothing(coordinator_client, service, place, data):
    data = {"owner": f"place:{place.uuid}", **data}
    response = coordinator_client.post(_url("schedule_create", service), data)
    assert response.status_code == 400
    assert "field-error" in response.content.decode() or "error-summary" in response.content.decode()
    assert not Schedule.objects.exists()


def test_schedule_of_another_service_at_a_location__is_404(coordinator_client, service):
    foreign = ServiceAtLocationFactory(service=service_named("Muu"), location=location_named("Muu paikka"))
    schedule = ScheduleFactory(service=None, service_at_location=foreign)
    assert coordinator_client.get(_url("schedule_edit", service, schedule.uuid)).status_code == 404
    assert coordinator_client.post(_url("schedule_delete", service, schedule.uuid)).status_code == 404
    assert Schedule.objects.filter(pk=schedule.pk).exists()


def test_schedule_delete__of_the_service_at_a_location(coordinator_client, service, place):
    schedule = ScheduleFactory(service=None, service_at_location=place)
    _age(service)
    response = coordinator_client.post(_url("schedule_delete", service, schedule.uuid))
    assert response.status_code == 302 and response["Location"].endswith("#hours")
    assert not Schedule.objects.exists()
    assert _touched(service)
    assert "catalogue.schedule_removed" in _actions()


# --- The HSDS API sees every change --------------------------------------------------------


def test_item_change__shows_in_hsds_modified_after(coordinator_client, client, service):
    _age(service)
    since = (timezone.now() - dt.timedelta(minutes=1)).isoformat()
    before = client.get("/api/hsds/services", {"modified_after": since}).json()
    assert before["total_items"] == 0
    coordinator_client.post(_url("cost_option_create", service), cost_data())
    after = client.get("/api/hsds/services", {"modified_after": since, "full": "true"}).json()
    assert [item["id"] for item in after["contents"]] == [str(service.uuid)]
    assert after["contents"][0]["cost_options"][0]["amount"] == 60


# --- Who may ----------------------------------------------------------------------------


def _every_item_request(service: Service, place) -> list[tuple[str, str, dict]]:
    phone = Phone.objects.create(service=service, number="+358 16 3222500")
    contact = Contact.objects.create(service=service, name="Aino")
    cost = CostOption.objects.create(service=service, amount=Decimal("5"))
    schedule = ScheduleFactory(service=None, service_at_location=place)
    return [
        ("get", _url("phone_create", service), {}),
        ("post", _url("phone_create", service), phone_data()),
        ("get", _url("phone_edit", service, phone.uuid), {}),
        ("post", _url("phone_edit", service, phone.uuid), phone_data(number="040 1234567")),
        ("post", _url("phone_delete", service, phone.uuid), {}),
        ("get", _url("contact_create", service), {}),
        ("post", _url("contact_create", service), {"name": "Bertil"}),
        ("post", _url("contact_edit", service, contact.uuid), {"name": "Bertil"}),
        ("post", _url("contact_delete", service, contact.uuid), {}),
        ("get", _url("cost_option_create", service), {}),
        ("post", _url("cost_option_create", service), cost_data()),
        ("post", _url("cost_option_edit", service, cost.uuid), cost_data()),
        ("post", _url("cost_option_delete", service, cost.uuid), {}),
        ("get", _url("schedule_create", service), {}),
        (
            "post",
            _url("schedule_edit", service, schedule.uuid),
            {"owner": "service", "kind": "exception", "valid_from": "2026-12-06", "is_closed": "on"},
        ),
        ("post", _url("schedule_delete", service, schedule.uuid), {}),
    ]


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.PERMIT_EXPERT, Role.PARTNER_STAFF])
def test_item_pages__user_who_may_not_keep_the_catalogue__is_403_and_audited(client, service, place, role):
    user = user_with_role(role)
    client.force_login(user)
    requests = _every_item_request(service, place)
    counts = (
        Phone.objects.count(),
        Contact.objects.count(),
        CostOption.objects.count(),
        Schedule.objects.count(),
    )
    _age(service)
    for method, url, data in requests:
        assert getattr(client, method)(url, data).status_code == 403, (method, url)
    after = (
        Phone.objects.count(),
        Contact.objects.count(),
        CostOption.objects.count(),
        Schedule.objects.count(),
    )
    assert after == counts
    assert Phone.objects.get().number == "+358 16 3222500" and Contact.objects.get().name == "Aino"
    assert not _touched(service)
    denied = AuditEvent.objects.filter(actor=user, action="catalogue.manage", outcome="denied")
    assert denied.count() == len(requests)


def test_item_pages__coordinator_of_another_service_point__may_keep_the_catalogue(client, service, place):
    # Catalogue entries belong to no service point: a coordinator anywhere may keep them.
    client.force_login(user_with_role(Role.COORDINATOR))
    for method, url, data in _every_item_request(service, place):
        assert getattr(client, method)(url, data).status_code in (200, 302), (method, url)


def test_item_pages__anonymous__is_sent_to_log_in(client, service):
    response = client.post(_url("phone_create", service), phone_data())
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Phone.objects.exists()


def test_service_detail__advisor_sees_items_without_edit_controls(advisor_client, service, place):
    Phone.objects.create(service=service, number="+358 16 3222500")
    Contact.objects.create(service=service, name="Aino Asiakas")
    CostOption.objects.create(service=service, amount=Decimal("60"), texts={"fi": {"option": "Kurssi"}})
    page = advisor_client.get(_url("service_detail", service)).content.decode()
    assert "+358 16 3222500" in page and "Aino Asiakas" in page and "Kurssi" in page
    assert _url("phone_create", service) not in page and "/delete/" not in page


# --- The detail page's queries do not grow with the items ---------------------------------


def _add_items(service: Service, place, n: int) -> None:
    for i in range(n):
        Phone.objects.create(service=service, number=f"+358 16 322 25{i:02d}")
        Phone.objects.create(service_at_location=place, number=f"+358 40 123 45{i:02d}")
        Phone.objects.create(location=place.location, number=f"+358 16 258 1{i:02d}")
        contact = Contact.objects.create(service=service, name=f"Yhteyshenkilö {i}", email=f"h{i}@example.fi")
        Phone.objects.create(contact=contact, number=f"+358 50 111 22{i:02d}")
        CostOption.objects.create(service=service, amount=Decimal(i), texts={"fi": {"option": f"Hinta {i}"}})
        ScheduleFactory(service=None, service_at_location=place, byday="MO", opens_at=dt.time(8 + i % 8, 0))


def test_service_detail__query_count_does_not_grow_with_items(
    coordinator_client, service, place, django_assert_num_queries
):
    url = _url("service_detail", service)
    _add_items(service, place, 1)
    coordinator_client.get(url)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        assert coordinator_client.get(url).status_code == 200
    _add_items(service, place, 8)
    with django_assert_num_queries(len(few.captured_queries)):
        response = coordinator_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('<h3 id="contact-') == 9
    assert len(few.captured_queries) <= 30
