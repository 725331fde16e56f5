"""The e-mails to people who registered on the public site and the cancel page speak the site's
languages: a person who registered in Somali gets Somali mails and a Somali cancel page."""

from __future__ import annotations

import polib
import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import to_locale

from kotopolku.core.public_languages import PUBLIC_LANGUAGE_CODES, public_language
from kotopolku.events import messages
from kotopolku.events.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
CATALOGUES = {code: messages.__file__.rsplit("/", 1)[0] + f"/locale/{to_locale(code)}/LC_MESSAGES/django.po"
              for code in messages.MESSAGE_LANGUAGES}  # fmt: skip


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_every_site_language_but_plain_finnish_is_a_message_language():
    assert set(messages.MESSAGE_LANGUAGES) == set(PUBLIC_LANGUAGE_CODES) - {"fi-x-plain"}


@pytest.mark.parametrize(
    "language", [code for code in messages.MESSAGE_LANGUAGES if code not in ("fi", "sv", "en")]
)
def test_the_public_catalogues_are_complete_and_not_english(language):
    catalogue = polib.pofile(CATALOGUES[language])
    english = polib.pofile(CATALOGUES["en"])
    assert len(catalogue) >= 19
    assert not catalogue.untranslated_entries() and not catalogue.fuzzy_entries()
    assert {entry.msgid for entry in catalogue} <= {entry.msgid for entry in english}
    for entry in catalogue:
        assert entry.msgstr != entry.msgid, (language, entry.msgid)
        for placeholder in ("%(title)s", "%(name)s", "%(link)s"):
            assert (placeholder in entry.msgid) == (placeholder in entry.msgstr), (language, entry.msgid)


@pytest.mark.parametrize(
    ("language", "greeting", "subject"),
    [
        ("so", "Salaan", "Diiwaangelinta waa la xaqiijiyay"),
        ("ar", "مرحبًا", "تم تأكيد التسجيل"),
        ("zh", "您好", "报名已确认"),
        ("uk", "Вітаємо", "Реєстрацію підтверджено"),
        ("es", "Hola", "Inscripción confirmada"),
    ],
)
def test_confirmation__in_the_language_of_the_registration(language, greeting, subject):
    registration = RegistrationFactory(language=language, name="Amina")
    messages.send_confirmation(registration, SITE)
    [sent] = mail.outbox
    assert sent.subject.startswith(subject)
    assert greeting in sent.body and "Amina" in sent.body
    assert reverse("events:cancel", args=[registration.cancel_token]) in sent.body


def test_reminder_and_feedback__in_estonian__an_unknown_language_gets_english():
    messages.send_reminder(RegistrationFactory(language="et"), SITE)
    messages.send_feedback_request(RegistrationFactory(language="et"), SITE)
    messages.send_moved_up(RegistrationFactory(language="xx"), SITE)
    reminder, feedback, moved_up = mail.outbox
    assert reminder.subject.startswith("Homme:") and "Meeldetuletus" in reminder.body
    assert feedback.subject.startswith("Kuidas läks?")
    assert moved_up.subject.startswith("You got a place")


@pytest.mark.parametrize("language", ["fa", "fr", "en"])
def test_cancel_page__in_the_language_of_the_registration__right_to_left_for_persian(client, language):
    registration = RegistrationFactory(language=language)
    url = reverse("events:cancel", args=[registration.cancel_token])
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    direction = "rtl" if public_language(language).rtl else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in body
    expected = {"fa": "لغو ثبت‌نام من", "fr": "Annuler mon inscription", "en": "Cancel my registration"}
    assert expected[language] in body
    response = client.post(url)
    done = {
        "fa": "ثبت‌نام شما لغو شد",
        "fr": "Votre inscription est annulée",
        "en": "Your registration is cancelled",
    }
    assert done[language] in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "cancelled"
