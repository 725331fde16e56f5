from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.organisations.models import Municipality, Network, Organisation, ServicePoint
from kotopolku.organisations.tests.factories import ServicePointFactory
from kotopolku.organisations.validators import normalise_business_id

pytestmark = pytest.mark.django_db


def test_municipalities__all_311_are_loaded_with_codes_and_names():
    assert Municipality.objects.count() == 311
    tornio = Municipality.objects.get(code="851")
    assert (tornio.name_fi, tornio.name_sv, tornio.business_id) == ("Tornio", "Torneå", "0193524-6")


@pytest.mark.parametrize("value", ["0246246-0", "02462460", " 0246246-0 "])
def test_business_id__valid__is_normalised(value):
    assert normalise_business_id(value) == "0246246-0"


@pytest.mark.parametrize("value", ["0246246-1", "1234567", "abcdefg-h", "0246246-0" * 100])
def test_business_id__invalid__is_refused(value):
    with pytest.raises(ValidationError):
        normalise_business_id(value)


def test_demo__loads_idempotently(capsys):
    call_command("demo")
    call_command("demo")
    assert Network.objects.get(slug="lapland").service_points.count() == 2
    assert ServicePoint.objects.filter(slug__in=["ih-rovaniemi", "ip-kemi"]).count() == 2
    assert (
        Organisation.objects.filter(short_name__in=["Kela", "DVV", "Vero", "Migri", "MoniNet"]).count() == 5
    )
    assert set(Membership.objects.values_list("role", flat=True)) == {role.value for role in Role}
    assert User.objects.filter(email__endswith="@demo.kotopolku.fi").count() == 7
    assert "Password for every demo user" in capsys.readouterr().out


@pytest.fixture
def coordinator(client):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.COORDINATOR, service_point=ServicePointFactory())
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return user


def test_organisation_form__invalid_business_id__gets_a_field_message(client, coordinator):
    response = client.post(
        "/organisations/new/", {"name": "Firma", "kind": "company", "business_id": "1234567-8"}
    )
    assert response.status_code == 400
    assert "valid Finnish business ID" in str(response.context["form"].errors["business_id"])
    assert not Organisation.objects.filter(name="Firma").exists()


def test_organisation_form__valid__is_saved_normalised(client, coordinator):
    response = client.post(
        "/organisations/new/", {"name": "Kela", "kind": "state_authority", "business_id": "02462460"}
    )
    assert response.status_code == 302
    assert Organisation.objects.get(name="Kela").business_id == "0246246-0"


def test_organisation_list__query_count_is_bounded(client, coordinator, django_assert_max_num_queries):
    Organisation.objects.bulk_create([Organisation(name=f"Org {n}", kind="ngo") for n in range(80)])
    with django_assert_max_num_queries(8):
        response = client.get("/organisations/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [
        ("en", "Social Insurance Institution of Finland", "Kansaneläkelaitos"),
        ("sv", "Folkpensionsanstalten", "Kansaneläkelaitos"),
        ("fi", "Kansaneläkelaitos", "Social Insurance Institution"),
    ],
)
def test_organisation_list__shows_the_name_in_the_users_language_where_there_is_one(
    client, coordinator, language, shown, hidden
):
    Organisation.objects.create(
        name="Kansaneläkelaitos",
        name_sv="Folkpensionsanstalten",
        name_en="Social Insurance Institution of Finland",
        kind="state_authority",
    )
    Organisation.objects.create(name="Lapin yliopisto", kind="educational")
    client.cookies["django_language"] = language
    page = client.get("/organisations/").content.decode()
    assert shown in page and hidden not in page
    assert "Lapin yliopisto" in page  # no English name: the Finnish one
    assert shown in client.get("/organisations/?q=folkpension").content.decode()  # found by any name


def test_municipalities__business_ids_with_stray_spaces_in_the_source__are_cleaned():
    assert Municipality.objects.get(code="046").business_id == "0163687-9"
