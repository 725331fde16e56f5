"""The language of the entry and exit data sheet: the participant's own where a client document
can be written in it (``clients.document_language``: fi, sv, en and ten more, Arabic and Persian
right to left).

The sheet's words in the ten other languages are in ``document_locale/`` of this app, laid over
the client documents' catalogue (and Django's own) only while the sheet is rendered, as the
client's "your data" document does with its own."""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import trans_real

from kotopolku.clients.document_language import (
    DOCUMENT_LANGUAGES,
    DOCUMENT_LOCALE,
    STAFF_LANGUAGES,
    document_direction,
    document_language_label,
)

SHEET_LANGUAGES = DOCUMENT_LANGUAGES
SHEET_LOCALE = Path(__file__).resolve().parent / "document_locale"


@cache
def _translation(language: str) -> trans_real.DjangoTranslation:
    combined = trans_real.DjangoTranslation(language)
    for catalogue in (DOCUMENT_LOCALE, SHEET_LOCALE):
        combined.merge(
            gettext_module.translation("django", str(catalogue), [translation.to_locale(language)])
        )
    return combined


@contextmanager
def sheet_language(language: str) -> Iterator[None]:
    if language not in SHEET_LANGUAGES:
        raise ValueError(language)
    with translation.override(language):
        if language not in STAFF_LANGUAGES:
            trans_real._active.value = _translation(language)  # type: ignore[attr-defined]
        yield


def sheet_language_of(client: Any) -> str:
    """The first language the client speaks that the sheet is written in; English otherwise."""
    if client is None:
        return "en"
    spoken = client.languages.values_list("language", flat=True)
    return next((code for code in spoken if code in SHEET_LANGUAGES), "en")


def sheet_language_choices() -> list[tuple[str, str, str]]:
    """(code, the language named in itself, direction) for the links to the sheet."""
    return [(code, document_language_label(code), document_direction(code)) for code in SHEET_LANGUAGES]
