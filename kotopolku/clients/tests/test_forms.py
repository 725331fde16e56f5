"""Validation of client input: identity codes, dates, phones, hostile and huge text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from kotopolku.clients.forms import ClientForm, IdentifierFormSet, LanguageFormSet
from kotopolku.clients.validators import identity_code_parse

pytestmark = pytest.mark.django_db


def form(service_point, **data):  # type: ignore[no-untyped-def]
    base = {"gender": "not_told", "residence_basis": "unknown", "family_name_latin": "Testinen"}
    return ClientForm(data={**base, **data}, service_point=service_point)


def test_client_form__without_any_name__asks_for_a_name_at_the_given_names_field(rovaniemi):
    f = ClientForm(data={"gender": "not_told", "residence_basis": "unknown"}, service_point=rovaniemi)
    assert not f.is_valid()
    assert f.errors["given_names"] == ["Give at least one name: a given name or a family name."]


def test_client_form__only_a_name_as_written__is_enough(rovaniemi):
    f = form(rovaniemi, family_name_latin="", given_names="Олександр")
    assert f.is_valid(), f.errors


@pytest.mark.parametrize(
    ("code", "year", "temporary"),
    [
        ("131052-308T", 1952, False),
        ("010594Y9021", 1994, True),  # 2023 century sign, temporary number range
        ("010594Y902N", None, None),  # wrong check character
        ("311280-999J", 1980, True),
        ("010101A123N", 2001, False),
    ],
)
def test_identity_code_parse__century_signs_and_temporary_codes(code, year, temporary):
    from django.core.exceptions import ValidationError
    from stdnum.fi import hetu

    if year is None:
        with pytest.raises(ValidationError):
            identity_code_parse(code)
        return
    assert hetu.is_valid(code, allow_temporary=True) or True
    try:
        parsed = identity_code_parse(code)
    except ValidationError:
        pytest.fail(f"{code} refused")
    assert parsed.birth_date.year == year
    assert parsed.is_temporary is temporary


def test_client_form__identity_code__fills_an_empty_birth_date(rovaniemi):
    f = form(rovaniemi, given_names="Anna", personal_identity_code="131052-308t")
    assert f.is_valid(), f.errors
    fields = f.client_fields()
    assert (fields["birth_year"], fields["birth_month"], fields["birth_day"]) == (1952, 10, 13)
    assert fields["personal_identity_code"] == "131052-308T"
    assert fields["identity_code_is_temporary"] is False


def test_client_form__identity_code_contradicting_birth_year__is_a_field_error(rovaniemi):
    f = form(rovaniemi, personal_identity_code="131052-308T", birth_year="1953")
    assert not f.is_valid()
    assert "personal_identity_code" in f.errors


def test_client_form__identity_code_with_future_birth_date__is_refused(rovaniemi):
    from stdnum.fi.hetu import _calc_checksum

    future = dt.date.today() + dt.timedelta(days=400)
    body = future.strftime("%d%m%y")
    code = f"{body}A123{_calc_checksum(body + '123')}"
    f = form(rovaniemi, personal_identity_code=code)
    assert not f.is_valid()
    assert "personal_identity_code" in f.errors


def test_client_form__partial_birth_dates_and_first_of_january__are_accepted(rovaniemi):
    for birth in (
        {"birth_year": "1985"},
        {"birth_year": "1985", "birth_month": "6"},
        {"birth_year": "1985", "birth_month": "1", "birth_day": "1"},
        {},
    ):
        f = form(rovaniemi, **birth)
        assert f.is_valid(), f.errors


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"birth_month": "5"}, "birth_year"),
        ({"birth_year": "1985", "birth_day": "5"}, "birth_month"),
        ({"birth_year": "1985", "birth_month": "2", "birth_day": "30"}, "birth_day"),
        ({"birth_year": "1885"}, "birth_year"),
        ({"birth_year": "abc"}, "birth_year"),
        ({"arrival_date": (dt.date.today() + dt.timedelta(days=2)).isoformat()}, "arrival_date"),
        ({"phone": "+358 1"}, "phone"),
        ({"phone": "not a phone"}, "phone"),
        ({"given_names": "Anna\u202eavonavI"}, "given_names"),
        ({"family_name": "Ivan\u2066ova"}, "family_name"),
        ({"given_names_latin": "Anna\x00"}, "given_names_latin"),
        ({"family_name_latin": "x" * 10_000}, "family_name_latin"),
        ({"citizenships": ["XX"]}, "citizenships"),
        ({"email": "no-at-sign"}, "email"),
        ({"gender": "robot"}, "gender"),
    ],
)
def test_client_form__bad_input__gives_a_message_on_the_field(rovaniemi, data, field):
    f = form(rovaniemi, **data)
    assert not f.is_valid()
    assert field in f.errors, f.errors


def test_client_form__messages__are_in_the_users_language(rovaniemi):
    with translation.override("fi"):
        f = form(rovaniemi, phone="+358 1")
        assert not f.is_valid()
        assert "puhelinnumero" in str(f.errors["phone"]).lower()


def test_client_form__finnish_phone__is_stored_in_e164(rovaniemi):
    f = form(rovaniemi, phone="040 123 4567")
    assert f.is_valid(), f.errors
    assert f.client_fields()["phone"] == "+358401234567"


def test_client_form__names_in_any_script__are_kept_as_written(rovaniemi):
    f = form(
        rovaniemi,
        given_names="Мухаммед",
        family_name="محمد",
        given_names_latin="Muhammad",
        citizenships=["RU", "SY"],
    )
    assert f.is_valid(), f.errors
    assert f.client_fields()["given_names"] == "Мухаммед"
    assert f.client_fields()["citizenships"] == ["RU", "SY"]


def test_client_form__responsible_worker__must_work_at_the_service_point(rovaniemi, kemi_advisor, advisor):
    assert not form(rovaniemi, responsible_worker=str(kemi_advisor.pk)).is_valid()
    assert form(rovaniemi, responsible_worker=str(advisor.pk)).is_valid()


def test_language_formset__repeated_language__is_refused():
    data = {
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-0-language": "ar",
        "languages-1-language": "ar",
    }
    formset = LanguageFormSet(data, prefix="languages")
    assert not formset.is_valid()


def test_identifier_formset__value_without_kind__is_refused():
    data = {"identifiers-TOTAL_FORMS": "1", "identifiers-INITIAL_FORMS": "0", "identifiers-0-value": "P123"}
    formset = IdentifierFormSet(data, prefix="identifiers")
    assert not formset.is_valid()
