"""The client's documents beyond the staff languages: every fixed text of the "your data"
document is translated in each document language, and the catalogue never leaks into staff
pages."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from kotopolku.clients.document_language import (
    DOCUMENT_LANGUAGES,
    DOCUMENT_LOCALE,
    STAFF_LANGUAGES,
    document_language,
    document_language_label,
)
from kotopolku.clients.enums import ClientStatus, ConsentPurpose, Gender, ResidenceBasis
from kotopolku.clients.forms import IDENTIFIER_KINDS

EXTRA_LANGUAGES = [code for code in DOCUMENT_LANGUAGES if code not in STAFF_LANGUAGES]
TEMPLATE = Path(__file__).resolve().parents[1] / "templates" / "clients" / "includes" / "export_document.html"


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(DOCUMENT_LOCALE / translation.to_locale(language) / "LC_MESSAGES" / "django.po"))


def _template_msgids() -> set[str]:
    text = TEMPLATE.read_text(encoding="utf-8")
    plain = set(re.findall(r'{% translate "([^"]+)" %}', text))
    blocks = {
        re.sub(r"{{ (\w+) }}", r"%(\1)s", body)
        for body in re.findall(r"{% blocktranslate[^%]*%}(.*?){% endblocktranslate %}", text)
    }
    return plain | blocks


def _labels_shown() -> set[str]:
    choices = [*Gender.choices, *ResidenceBasis.choices, *ClientStatus.choices, *ConsentPurpose.choices]
    with translation.override("en"):
        return {str(label) for _value, label in [*choices, *IDENTIFIER_KINDS]}


def test_every_document_language_has_a_complete_compiled_catalogue():
    expected = _template_msgids() | _labels_shown()
    assert len(expected) > 40
    for language in EXTRA_LANGUAGES:
        catalogue = _catalogue(language)
        assert (DOCUMENT_LOCALE / translation.to_locale(language) / "LC_MESSAGES" / "django.mo").exists()
        assert not catalogue.untranslated_entries() and not catalogue.fuzzy_entries(), language
        missing = expected - {entry.msgid for entry in catalogue}
        assert not missing, f"{language}: {sorted(missing)[:5]}"


def test_the_non_latin_catalogues_are_not_copies_of_the_english_text():
    for language in ("ru", "uk", "ar", "fa", "zh"):
        same = [
            entry.msgid
            for entry in _catalogue(language)
            if entry.msgstr == entry.msgid and re.search(r"[^\W\d_]", re.sub(r"%\(\w+\)s", "", entry.msgid))
        ]
        assert not same, f"{language}: {same[:5]}"


@pytest.mark.parametrize("language", EXTRA_LANGUAGES)
def test_document_language__translates_inside_the_block_only(language):
    with translation.override("fi"):
        with document_language(language):
            heading = _("Your data in the client register")
            woman = str(Gender.WOMAN.label)
        assert heading != "Your data in the client register" and woman != "Woman"
        assert _("Your data in the client register") == "Tietosi asiakasrekisterissä"
    # The site's own catalogue of that language is untouched ("Closed" of opening hours).
    with translation.override(language):
        assert _("Your data in the client register") != heading


def test_document_language__refuses_a_language_it_has_no_texts_for():
    with pytest.raises(ValueError), document_language("de"):
        pass


def test_language_labels_name_each_language_in_itself():
    assert document_language_label("ar") == "العربية"
    assert document_language_label("ru") == "Русский"
    assert document_language_label("sv") == "På svenska"
