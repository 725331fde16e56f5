"""The site's own text is translated into every public language: no empty msgstr anywhere."""

from __future__ import annotations

from pathlib import Path

import polib
from django.utils.translation import to_locale

from kotopolku.core.public_languages import PUBLIC_LANGUAGE_CODES

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def test_every_public_language_has_a_compiled_catalogue():
    for code in PUBLIC_LANGUAGE_CODES:
        directory = LOCALE / to_locale(code) / "LC_MESSAGES"
        assert (directory / "django.po").exists(), code
        assert (directory / "django.mo").exists(), code


def test_no_po_file_has_an_empty_or_fuzzy_translation():
    files = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
    assert len(files) == len(PUBLIC_LANGUAGE_CODES)
    for path in files:
        catalogue = polib.pofile(str(path))
        untranslated = [entry.msgid for entry in catalogue.untranslated_entries() if not entry.obsolete]
        fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
        assert not untranslated, f"{path}: {untranslated[:5]}"
        assert not fuzzy, f"{path}: {fuzzy[:5]}"
        assert len(catalogue.translated_entries()) > 100, path


def test_the_non_latin_catalogues_are_not_copies_of_the_english_text():
    for code in ("ar", "fa", "ru", "uk", "zh"):
        catalogue = polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))
        same = [
            entry.msgid
            for entry in catalogue
            if entry.msgstr == entry.msgid and any(c.isalpha() for c in entry.msgid)
        ]
        assert not same, f"{code}: {same[:5]}"
