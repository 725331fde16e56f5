from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import TEST_PASSWORD, UserFactory
from kotopolku.audit.models import AuditEvent
from kotopolku.organisations.models import Municipality
from kotopolku.organisations.tests.factories import ServicePointFactory, municipality
from kotopolku.organisations.theme import theme_stylesheet
from kotopolku.organisations.validators import contrast_with_white

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def staff(role: Role, code: str = "240"):
    point = ServicePointFactory(municipality=municipality(code))
    user = UserFactory()
    Membership.objects.create(user=user, role=role, service_point=point)
    return user


def test_theme_stylesheet__replaces_the_primary_colour_and_its_shades():
    css = theme_stylesheet("#005a8c")
    assert "--color-bus:#005a8c;" in css and "--color-bus-dark:#" in css and "--color-bus-light:#" in css
    assert theme_stylesheet("") == ""


def test_contrast__of_hds_blue_and_of_a_pale_colour():
    assert contrast_with_white("#0000bf") > 10
    assert contrast_with_white("#ffe977") < 2


def test_theme_edit__administrator_sets_colour_and_logo__staff_pages_use_them(client):
    admin = staff(Role.ADMINISTRATOR)
    client.force_login(admin)
    url = reverse("organisations:theme", args=["240"])
    response = client.post(
        url, {"theme_colour": "#005A8C", "version": 1, "logo": SimpleUploadedFile("l.png", PNG)}
    )
    assert response.status_code == 302
    kemi = Municipality.objects.get(code="240")
    assert (kemi.theme_colour, kemi.logo_type, bytes(kemi.logo), kemi.version) == (
        "#005a8c",
        "image/png",
        PNG,
        2,
    )
    assert AuditEvent.objects.filter(action="organisations.theme_changed", actor=admin).count() == 1

    advisor = staff(Role.ADVISOR)
    client.force_login(advisor)
    page = client.get(reverse("core:home")).content.decode()
    css_url = reverse("organisations:theme_css", args=["240", 2])
    logo_url = reverse("organisations:theme_logo", args=["240", 2])
    assert css_url in page and logo_url in page
    css = client.get(css_url)
    assert css["Content-Type"].startswith("text/css") and "--color-bus:#005a8c" in css.content.decode()
    assert "immutable" in css["Cache-Control"]
    logo = client.get(logo_url)
    assert (
        logo.content == PNG
        and logo["Content-Type"] == "image/png"
        and "sandbox" in logo["Content-Security-Policy"]
    )


def test_theme_edit__without_a_theme__pages_use_the_product_look(client):
    client.force_login(staff(Role.ADVISOR, code="698"))
    assert "theme-" not in client.get(reverse("core:home")).content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"theme_colour": "#ffe977"}, "theme_colour", "liian vaalea"),
        ({"theme_colour": "blue"}, "theme_colour", "kuusi heksadesimaalinumeroa"),
        ({"logo": SimpleUploadedFile("x.png", b"GIF89a....")}, "logo", "PNG"),
        ({"logo": SimpleUploadedFile("x.png", PNG + b"0" * 200_001)}, "logo", "200 kt"),
    ],
)
def test_theme_edit__bad_input__says_which_field_and_saves_nothing(client, data, field, message):
    client.force_login(staff(Role.ADMINISTRATOR))
    response = client.post(reverse("organisations:theme", args=["240"]), {"version": 1, **data})
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    kemi = Municipality.objects.get(code="240")
    assert (kemi.theme_colour, kemi.logo_type, kemi.version) == ("", "", 1)


def test_theme_edit__stale_version__shows_the_saved_look_and_keeps_it(client):
    client.force_login(staff(Role.ADMINISTRATOR))
    url = reverse("organisations:theme", args=["240"])
    assert client.post(url, {"theme_colour": "#005a8c", "version": 1}).status_code == 302
    response = client.post(url, {"theme_colour": "#222222", "version": 1})
    assert response.status_code == 409
    assert Municipality.objects.get(code="240").theme_colour == "#005a8c"
    assert response.context["form"].initial["theme_colour"] == "#005a8c"


def test_theme_edit__administrator_of_another_municipality_or_an_advisor__is_refused_and_audited(client):
    for user in (staff(Role.ADMINISTRATOR, code="698"), staff(Role.ADVISOR)):
        client.force_login(user)
        assert client.get(reverse("organisations:theme", args=["240"])).status_code == 403
        assert AuditEvent.objects.filter(actor=user, action="organisations.theme", outcome="denied").exists()


def test_theme_edit__page_in_each_language(client):
    client.force_login(staff(Role.ADMINISTRATOR))
    for language, heading in (
        ("fi", "Kunnan ilme: Kemi"),
        ("sv", "Kommunens utseende: Kemi"),
        ("en", "The look of Kemi"),
    ):
        client.cookies["django_language"] = language
        assert heading in client.get(reverse("organisations:theme", args=["240"])).content.decode()


def test_log_in_page__still_works_with_the_theme_processor(client):
    client.logout()
    assert client.get(reverse("accounts:login")).status_code == 200
    assert TEST_PASSWORD
