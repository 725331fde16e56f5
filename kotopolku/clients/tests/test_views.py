from __future__ import annotations

import io
import json
import unicodedata

import pytest
from django.conf import settings
from django.urls import reverse

from kotopolku.audit.models import AuditEvent
from kotopolku.clients.enums import ClientStatus
from kotopolku.clients.models import Client, Consent
from kotopolku.clients.tests.factories import ClientFactory, ConsentFactory

pytestmark = pytest.mark.django_db

BASE = {
    "gender": "not_told",
    "residence_basis": "unknown",
    "languages-TOTAL_FORMS": "2",
    "languages-INITIAL_FORMS": "0",
    "identifiers-TOTAL_FORMS": "1",
    "identifiers-INITIAL_FORMS": "0",
}


def logged_in(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_client_list__shows_only_own_service_point_in_bounded_queries(
    client, advisor, rovaniemi, kemi, django_assert_max_num_queries
):
    ClientFactory.create_batch(30, service_point=rovaniemi, family_name_latin="Rovaniemelainen")
    ClientFactory(service_point=kemi, family_name_latin="Kemilainen")
    logged_in(client, advisor)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("clients:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Rovaniemelainen" in body and "Kemilainen" not in body


def test_client_list__search__never_shows_another_service_points_clients(
    client, advisor, rovaniemi, kemi, django_assert_max_num_queries
):
    ClientFactory(service_point=rovaniemi, given_names_latin="Muhammad", family_name_latin="Rahimi")
    ClientFactory(service_point=kemi, given_names_latin="Muhammad", family_name_latin="Karimi")
    ClientFactory.create_batch(20, service_point=rovaniemi, given_names_latin="Muhammad")
    logged_in(client, advisor)
    with django_assert_max_num_queries(14):
        body = client.get(reverse("clients:list"), {"q": "Muhammad"}).content.decode()
    assert "Rahimi" in body and "Karimi" not in body


def test_client_register__valid__saves_and_opens_the_profile(client, advisor, rovaniemi):
    logged_in(client, advisor)
    data = {
        **BASE,
        "given_names": "Олександр",
        "family_name": "Коваленко",
        "given_names_latin": "Oleksandr",
        "family_name_latin": "Kovalenko",
        "birth_year": "1988",
        "citizenships": ["UA"],
        "phone": "0401234567",
        "municipality": "",
        "languages-0-language": "uk",
        "languages-0-level": "native",
        "languages-0-needs_interpreter": "on",
        "identifiers-0-kind": "passport",
        "identifiers-0-value": "FA123456",
        "identifiers-0-issuing_country": "UA",
        "confirm_new_person": "yes",
    }
    response = client.post(reverse("clients:register"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    registered = Client.objects.get()
    assert registered.service_point == rovaniemi
    assert registered.phone == "+358401234567"
    assert registered.languages.get().language == "uk"
    profile = client.get(response["Location"])
    assert "Олександр" in profile.content.decode()


@pytest.mark.parametrize(
    "bad",
    [
        {"given_names": "Anna\u202eavonavI"},
        {"family_name": "x" * 10_000},
        {"personal_identity_code": "131052-308X"},
        {"phone": "+358 1"},
        {"arrival_date": "2999-01-01"},
        {"birth_year": "nineteen"},
        {"languages-0-language": "xx-not"},
        {"languages-TOTAL_FORMS": "x"},
        {"citizenships": "not-a-country"},
        {"municipality": "999999"},
        {"responsible_worker": "abc"},
    ],
)
def test_client_register__bad_input__is_400_with_errors_and_saves_nothing(client, advisor, bad):
    logged_in(client, advisor)
    response = client.post(reverse("clients:register"), {**BASE, "given_names": "Anna", **bad})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not Client.objects.exists()


def test_client_register__likely_duplicate__is_shown_before_saving(client, advisor, rovaniemi):
    pytest.importorskip("kotopolku.clients.matching.selectors")
    from kotopolku.clients.services import client_register

    client_register(
        service_point=rovaniemi,
        fields={"given_names_latin": "Muhammad", "family_name_latin": "Rahimi", "birth_year": 1990},
        by=advisor,
    )
    logged_in(client, advisor)
    data = {**BASE, "given_names_latin": "Mohammed", "family_name_latin": "Rahimi", "birth_year": "1990"}
    response = client.post(reverse("clients:register"), data)
    assert response.status_code == 200
    assert "clients-duplicates" in response.content.decode()
    assert Client.objects.count() == 1
    response = client.post(reverse("clients:register"), {**data, "confirm_new_person": "yes"})
    assert response.status_code == 302
    assert Client.objects.count() == 2


def test_client_profile__is_an_audited_read(client, advisor, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi)
    logged_in(client, advisor)
    assert client.get(reverse("clients:profile", args=[registered.uuid])).status_code == 200
    event = AuditEvent.objects.get(action="clients.view", outcome="done")
    assert (event.target_id, event.purpose) == (str(registered.uuid), "client service")


def test_client_profile__other_service_point__is_403_and_audited(client, kemi_advisor, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi)
    logged_in(client, kemi_advisor)
    for name in ("profile", "edit", "export", "export_json", "anonymise"):
        assert client.get(reverse(f"clients:{name}", args=[registered.uuid])).status_code == 403
    assert client.post(reverse("clients:close", args=[registered.uuid])).status_code == 403
    denied = AuditEvent.objects.filter(actor=kemi_advisor, outcome="denied", target_id=str(registered.uuid))
    assert denied.filter(action="clients.view").exists()
    registered.refresh_from_db()
    assert registered.status == ClientStatus.ACTIVE


def test_client_with_lists__the_same_record_as_the_orm_reads_with_its_related_rows_and_lists(
    advisor, rovaniemi, django_assert_num_queries
):
    from kotopolku.clients.models import ClientLanguage
    from kotopolku.clients.profile_data import client_with_lists

    registered = ClientFactory(service_point=rovaniemi, responsible_worker=advisor, citizenships=["SY"])
    bare = ClientFactory(service_point=rovaniemi)
    ClientLanguage.objects.create(client=registered, language="ar", level="C2")
    ConsentFactory(client=registered)
    with django_assert_num_queries(1):
        found, lists = client_with_lists(uuid=str(registered.uuid))
        assert found.service_point == rovaniemi and found.responsible_worker == advisor
        assert found.service_point.name == rovaniemi.name and found.responsible_worker.email == advisor.email
        assert found.municipality is None or found.municipality.code
    expected = Client.objects.get(pk=registered.pk)
    for field in Client._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    assert [row.language for row in lists.languages] == ["ar"] and len(lists.consents) == 1
    found, lists = client_with_lists(uuid=bare.uuid)
    assert found.responsible_worker is None and lists.languages == [] and lists.team == []


def test_client_profile__unknown_uuid__is_404(client, advisor):
    logged_in(client, advisor)
    assert (
        client.get(reverse("clients:profile", args=["00000000-0000-0000-0000-000000000000"])).status_code
        == 404
    )


def test_client_edit__correction__is_saved_and_audited_with_field_names(client, advisor, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi, given_names="Anna", given_names_latin="Anna")
    logged_in(client, advisor)
    page = client.get(reverse("clients:edit", args=[registered.uuid]))
    assert page.status_code == 200 and 'value="Anna"' in page.content.decode()
    data = {
        **BASE,
        "given_names": "Hanna",
        "given_names_latin": "Anna",
        "family_name": "Ivanova",
        "family_name_latin": "Ivanova",
        "birth_year": "1990",
        "version": "1",
    }
    response = client.post(reverse("clients:edit", args=[registered.uuid]), data)
    assert response.status_code == 302
    registered.refresh_from_db()
    assert registered.given_names == "Hanna"
    assert AuditEvent.objects.get(action="clients.change").details == {
        "fields": ["given_names"],
        "version": 2,
    }


def test_consents__recorded_and_withdrawn_from_the_profile(client, advisor, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi)
    logged_in(client, advisor)
    client.post(reverse("clients:consent_add", args=[registered.uuid]), {"purpose": "referral_sharing"})
    consent = Consent.objects.get()
    assert consent.recorded_by == advisor
    client.post(reverse("clients:consent_withdraw", args=[registered.uuid, consent.uuid]))
    consent.refresh_from_db()
    assert consent.withdrawn_by == advisor
    body = client.get(reverse("clients:profile", args=[registered.uuid])).content.decode()
    assert "Consent withdrawn" in body and "Consent recorded" in body


def test_consent_withdraw__consent_of_another_client__is_404(client, advisor, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi)
    foreign = ConsentFactory(client=ClientFactory(service_point=rovaniemi))
    logged_in(client, advisor)
    response = client.post(reverse("clients:consent_withdraw", args=[registered.uuid, foreign.uuid]))
    assert response.status_code == 404


def test_client_close__from_the_profile(client, advisor, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi)
    logged_in(client, advisor)
    client.post(reverse("clients:close", args=[registered.uuid]))
    registered.refresh_from_db()
    assert registered.status == ClientStatus.CLOSED and registered.closed_at is not None
    client.post(reverse("clients:close", args=[registered.uuid]), {"reopen": "yes"})
    registered.refresh_from_db()
    assert registered.status == ClientStatus.ACTIVE


def test_client_export__json_and_readable_page_in_finnish_and_english(client, advisor, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi, given_names="Мария", citizenships=["RU"])
    logged_in(client, advisor)
    response = client.get(reverse("clients:export_json", args=[registered.uuid]))
    data = json.loads(response.content)
    assert data["given_names"] == "Мария" and data["citizenships"] == ["RU"]
    assert "sources" in data
    fi = client.get(reverse("clients:export", args=[registered.uuid]), {"lang": "fi"})
    en = client.get(reverse("clients:export", args=[registered.uuid]), {"lang": "en"})
    assert (
        'lang="fi"' in fi.content.decode()
        and '<article class="kp-document" lang="en" dir="ltr">' in en.content.decode()
    )
    assert "Your data in the client register" in en.content.decode()
    assert "Venäjä" in fi.content.decode() and "Russia" in en.content.decode()
    assert AuditEvent.objects.filter(action="clients.export", target_id=str(registered.uuid)).count() == 3


def test_client_export__keeps_the_staff_language_and_offers_fi_sv_en_marking_the_clients(
    client, advisor, rovaniemi
):
    from kotopolku.clients.models import ClientLanguage

    registered = ClientFactory(service_point=rovaniemi, citizenships=["SE"])
    ClientLanguage.objects.create(client=registered, language="de")
    ClientLanguage.objects.create(client=registered, language="en")
    client.force_login(advisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = client.get(reverse("clients:export", args=[registered.uuid])).content.decode()
    # The staff page stays in Swedish (navigation, page language) ...
    assert '<html lang="sv"' in page and ">Klienter<" in page
    # ... the document opens in the client's language (English here: no document is written in
    # German) and offers fi, sv and en.
    assert '<article class="kp-document" lang="en" dir="ltr">' in page and "Sweden" in page
    for code, label in (("fi", "Suomeksi"), ("sv", "På svenska"), ("en", "In English")):
        assert f'href="?lang={code}" lang="{code}"' in page and label in page
    assert "(klientens språk)" in page
    swedish = client.get(reverse("clients:export", args=[registered.uuid]), {"lang": "sv"}).content.decode()
    assert '<article class="kp-document" lang="sv" dir="ltr">' in swedish and "Sverige" in swedish


def test_client_export__in_the_clients_own_language_outside_the_staff_languages__right_to_left(
    client, advisor, rovaniemi
):
    from kotopolku.clients.models import ClientLanguage
    from kotopolku.contacts.tests.factories import ContactFactory

    registered = ClientFactory(service_point=rovaniemi, citizenships=["SY"], gender="woman")
    ClientLanguage.objects.create(client=registered, language="ar")
    ClientLanguage.objects.create(client=registered, language="en")
    ContactFactory(
        service_point=rovaniemi, client=registered, note="Kysyi asunnosta", topic_codes=["housing"]
    )
    client.force_login(advisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    page = client.get(reverse("clients:export", args=[registered.uuid])).content.decode()
    # The staff page stays Finnish; the document is in Arabic, right to left, and says so.
    assert '<html lang="fi"' in page and ">Asiakkaat<" in page
    assert '<article class="kp-document" lang="ar" dir="rtl">' in page
    assert "بياناتك في سجل العملاء" in page  # Your data in the client register
    assert "امرأة" in page and "سوريا" in page  # the gender word and Syria, in Arabic
    assert "الزيارات والاتصالات بمركز الخدمة" in page  # the desk's section, in Arabic too
    assert "Kysyi asunnosta" in page  # free text stays as written
    assert "Your data in the client register" not in page and "Woman" not in page
    for code, label in (("fi", "Suomeksi"), ("sv", "På svenska"), ("en", "In English"), ("ar", "العربية")):
        assert f'href="?lang={code}" lang="{code}"' in page and label in page
    assert f"{reverse('clients:export_pdf', args=[registered.uuid])}?lang=ar" in page
    # Any other language of the client's documents can be asked for.
    russian = client.get(reverse("clients:export", args=[registered.uuid]), {"lang": "ru"}).content.decode()
    assert '<article class="kp-document" lang="ru" dir="ltr">' in russian and "Женщина" in russian
    # Only the document changed language: the staff member's next page is Finnish as before.
    assert ">Asiakkaat<" in client.get(reverse("clients:list")).content.decode()


def test_client_export_pdf__in_arabic__text_extracted_right_to_left_and_audited(client, advisor, rovaniemi):
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    registered = ClientFactory(service_point=rovaniemi, gender="woman", given_names="Aisha")
    client.force_login(advisor)
    response = client.get(reverse("clients:export_pdf", args=[registered.uuid]), {"lang": "ar"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"client-{registered.uuid}-ar.pdf" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Kotopolku-Arabic" in name for name in fonts), fonts  # the shipped font of core/pdf
    # The extracted text holds the joined letters' presentation forms (folded back here; a few
    # glyphs map back to a neighbouring letter, so one phrase that maps cleanly is checked).
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() for page in reader.pages))
    assert "Aisha" in text
    assert "سجل العملاء" in text  # "client register", from the heading
    assert AuditEvent.objects.filter(
        action="clients.export", target_id=str(registered.uuid), details__form="pdf-ar"
    ).exists()


def test_client_export__unknown_language__falls_back_to_the_clients_or_staff_language(
    client, advisor, rovaniemi
):
    registered = ClientFactory(service_point=rovaniemi)
    client.force_login(advisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = client.get(reverse("clients:export", args=[registered.uuid]), {"lang": "xx"}).content.decode()
    assert '<article class="kp-document" lang="sv" dir="ltr">' in page


def test_client_export__is_a_readable_document_in_words_not_json(client, advisor, rovaniemi):
    from kotopolku.contacts.tests.factories import ContactFactory

    registered = ClientFactory(service_point=rovaniemi)
    ContactFactory(
        service_point=rovaniemi, client=registered, note="Kysyi asunnosta", topic_codes=["housing"]
    )
    client.force_login(advisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    page = client.get(reverse("clients:export", args=[registered.uuid]), {"lang": "fi"}).content.decode()
    assert "Käynnit ja yhteydenotot palvelupisteeseen" in page and "Asuminen" in page
    assert "Kysyi asunnosta" in page
    assert "<pre" not in page and '"topics"' not in page and "housing" not in page
    assert "Your data" not in page


def test_client_anonymise__needs_confirmation_and_coordinator(client, advisor, coordinator, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi, given_names="Secret")
    logged_in(client, advisor)
    assert (
        client.post(reverse("clients:anonymise", args=[registered.uuid]), {"confirm": "on"}).status_code
        == 403
    )
    logged_in(client, coordinator)
    assert client.post(reverse("clients:anonymise", args=[registered.uuid]), {}).status_code == 400
    registered.refresh_from_db()
    assert registered.status == ClientStatus.ACTIVE
    response = client.post(reverse("clients:anonymise", args=[registered.uuid]), {"confirm": "on"})
    assert response.status_code == 302
    registered.refresh_from_db()
    assert registered.status == ClientStatus.ANONYMISED and registered.given_names == ""


def test_retention_page__coordinator_sees_what_would_be_anonymised(client, coordinator, advisor, rovaniemi):
    import datetime as dt

    from django.utils import timezone

    due = ClientFactory(
        service_point=rovaniemi,
        status=ClientStatus.CLOSED,
        closed_at=timezone.now() - dt.timedelta(days=6 * 365),
        family_name_latin="Vanha",
    )
    ClientFactory(
        service_point=rovaniemi,
        status=ClientStatus.CLOSED,
        closed_at=timezone.now(),
        family_name_latin="Tuore",
    )
    logged_in(client, advisor)
    assert client.get(reverse("clients:retention")).status_code == 403
    logged_in(client, coordinator)
    body = client.get(reverse("clients:retention")).content.decode()
    assert "Vanha" in body and "Tuore" not in body
    due.refresh_from_db()
    assert due.status == ClientStatus.CLOSED


def test_client_profile__html_in_names__is_shown_as_text(client, advisor, rovaniemi):
    registered = ClientFactory(service_point=rovaniemi, given_names="<script>alert(1)</script>")
    logged_in(client, advisor)
    body = client.get(reverse("clients:profile", args=[registered.uuid])).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_client_list__permit_expert_of_the_network__sees_member_points_clients_they_work_with(
    client, rovaniemi, kemi
):
    from django.utils import timezone

    from kotopolku.accounts.enums import Role
    from kotopolku.accounts.models import Membership
    from kotopolku.accounts.tests.factories import UserFactory
    from kotopolku.clients.models import ClientTeamMember
    from kotopolku.organisations.tests.factories import NetworkFactory

    network = NetworkFactory(lead=rovaniemi, members=[rovaniemi, kemi])
    expert = UserFactory()
    Membership.objects.create(user=expert, role=Role.PERMIT_EXPERT, network=network)
    ClientFactory(service_point=rovaniemi, family_name_latin="Rovaniemelainen")
    kemilainen = ClientFactory(service_point=kemi, family_name_latin="Kemilainen")
    ClientFactory(service_point=kemi, family_name_latin="Torniolainen")
    ClientTeamMember.objects.create(client=kemilainen, user=expert, added_at=timezone.now())
    body = logged_in(client, expert).get(reverse("clients:list")).content.decode()
    assert "Kemilainen" in body
    assert "Rovaniemelainen" not in body and "Torniolainen" not in body


def test_client_register__citizenship_typed_by_name_in_any_staff_language_and_consents_given(
    client, advisor, rovaniemi
):
    logged_in(client, advisor)
    data = {
        **BASE,
        "given_names_latin": "Olena",
        "family_name_latin": "Shevchenko",
        "citizenships": ["Ukraina", "ryssland", "", "UA"],
        "consents": ["record_keeping", "esf_participant"],
        "confirm_new_person": "yes",
    }
    response = client.post(reverse("clients:register"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    registered = Client.objects.get()
    assert registered.citizenships == ["UA", "RU"]
    assert sorted(registered.consents.values_list("purpose", flat=True)) == [
        "esf_participant",
        "record_keeping",
    ]
    assert (
        AuditEvent.objects.filter(action="clients.consent_record", target_id=str(registered.uuid)).count()
        == 2
    )
    edit = client.get(reverse("clients:edit", args=[registered.uuid])).content.decode()
    assert 'value="Ukraine"' in edit and 'list="country-names"' in edit


def test_client_register__unknown_country__names_the_field_in_the_users_language(client, advisor):
    client.force_login(advisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fi"
    response = client.post(
        reverse("clients:register"), {**BASE, "given_names": "Anna", "citizenships": ["Atlantis"]}
    )
    assert response.status_code == 400
    assert "”Atlantis” ei ole luettelon maa" in str(response.context["form"].errors["citizenships"])
    assert not Client.objects.exists()


def test_client_register__form_is_in_sections_on_one_page(client, advisor):
    logged_in(client, advisor)
    page = client.get(reverse("clients:register")).content.decode()
    for section in ("name", "contact", "residence", "languages", "identifiers", "consents"):
        assert f'id="section-{section}"' in page and f'href="#section-{section}"' in page
    assert 'name="citizenships" id="id_citizenships_0"' in page and '<select name="citizenships"' not in page
    assert "hold Ctrl" not in page


def test_client_profile__offers_to_log_a_contact_for_the_client_and_the_desk_opens_with_them(
    client, advisor, rovaniemi
):
    registered = ClientFactory(service_point=rovaniemi, given_names_latin="Aziz", family_name_latin="Karimi")
    logged_in(client, advisor)
    profile = client.get(reverse("clients:profile", args=[registered.uuid])).content.decode()
    desk_url = f"{reverse('contacts:desk')}?client={registered.uuid}"
    assert f'href="{desk_url}"' in profile and "Log a contact for this client" in profile
    desk = client.get(desk_url).content.decode()
    assert "This contact is linked to the client Aziz Karimi" in desk
    assert f'value="{registered.uuid}"' in desk


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["likely the same person", "same birth date", "same phone"]),
        ("fi", ["todennäköisyydellä sama henkilö", "sama syntymäaika", "sama puhelin"]),
        ("sv", ["sannolikt samma person", "samma födelsedatum", "samma telefon"]),
    ],
)
def test_client_register__warning_says_why_and_how_likely(client, advisor, rovaniemi, language, words):
    from kotopolku.clients.services import client_register

    fields = {"given_names_latin": "Amina", "family_name_latin": "Yusuf", "phone": "+358401234567"}
    fields |= {"birth_year": 1992, "birth_month": 4, "birth_day": 23}
    client_register(service_point=rovaniemi, fields=fields, by=advisor)
    logged_in(client, advisor)
    client.cookies.load({"django_language": language})
    data = {**BASE, **{name: str(value) for name, value in fields.items()}, "given_names_latin": "Aamina"}
    text = client.post(reverse("clients:register"), data).content.decode()
    for word in words:
        assert word in text
    assert Client.objects.count() == 1
