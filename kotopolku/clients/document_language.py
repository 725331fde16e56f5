"""The language of a document made for the client to read (the "your data" export).

Staff work in fi, sv and en, and those three use the apps' own catalogues. A client may read
another of the languages of the public information instead (ru, uk, et, ar, fa, so, tr, zh, fr,
es). The fixed text of the client's documents — the registry's headings and code-list words, and
the words of the sections other apps add through ``clients.hooks.register_export_document`` —
is translated into those languages in ``document_locale/``, a catalogue that is laid over the
active one only while such a document is rendered. It never takes part in the staff pages or the
public site, whose catalogues use some of the same words in another sense ("Closed" of opening
hours on the site, of a case here).
"""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from babel import Locale
from django.utils import translation
from django.utils.translation import trans_real

from kotopolku.core.pdf import text_direction

STAFF_LANGUAGES = ("fi", "sv", "en")
DOCUMENT_LANGUAGES = (*STAFF_LANGUAGES, "ru", "uk", "et", "ar", "fa", "so", "tr", "zh", "fr", "es")
DOCUMENT_LOCALE = Path(__file__).resolve().parent / "document_locale"

# How each staff language offers itself (the document is for the client, not for the staff member).
_STAFF_LABELS = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


@cache
def _translation(language: str) -> trans_real.DjangoTranslation:
    """Django's catalogue for ``language`` (its own and every app's) with the document texts on
    top. Built once per language: the catalogues are files shipped with the product."""
    combined = trans_real.DjangoTranslation(language)
    combined.merge(
        gettext_module.translation("django", str(DOCUMENT_LOCALE), [translation.to_locale(language)])
    )
    return combined


@contextmanager
def document_language(language: str) -> Iterator[None]:
    """Render a client's document in ``language`` (one of ``DOCUMENT_LANGUAGES``): gettext, dates
    and babel's country and language names all follow it until the block ends."""
    if language not in DOCUMENT_LANGUAGES:
        raise ValueError(language)
    with translation.override(language):
        if language not in STAFF_LANGUAGES:
            # ``override`` activated Django's catalogue; put the one with the document texts in
            # its place. The override's exit restores the caller's language as usual.
            trans_real._active.value = _translation(language)  # type: ignore[attr-defined]
        yield


def document_language_label(language: str) -> str:
    """The language named in itself ("العربية", "Русский"), so the client recognises it."""
    if language in _STAFF_LABELS:
        return _STAFF_LABELS[language]
    name = Locale.parse(language).display_name or language
    return name[:1].upper() + name[1:]


def document_direction(language: str) -> str:
    return text_direction(language)
