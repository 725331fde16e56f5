"""pydantic's validation errors become per-field messages in the user's language."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

import pytest
from django.utils import translation
from pydantic import BaseModel, Field, HttpUrl
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticCustomError

from kotopolku.core.api_errors import MESSAGES, PYDANTIC_ERROR_TYPES, error_message


class Sample(BaseModel):
    count: int = 0
    flag: bool = False
    name: str = Field("", max_length=5)
    code: str = Field("", min_length=2)
    codes: list[str] = Field(default_factory=list, max_length=2)
    day: date | None = None
    moment: datetime | None = None
    ref: UUID | None = None
    kind: Literal["walk_in", "phone", "email"] = "walk_in"
    size: int = Field(1, ge=1, le=480)
    extra: dict[str, Any] = Field(default_factory=dict)
    url: HttpUrl | None = None
    required: str


def errors_for(**data: Any) -> dict[str, dict[str, Any]]:
    try:
        Sample(**data)
    except PydanticValidationError as error:
        return {str(e["loc"][0]): dict(e) for e in error.errors()}
    raise AssertionError("no error")


def message(field: str, language: str, **data: Any) -> str:
    found = errors_for(required="x", **data)[field]
    with translation.override(language):
        return error_message(found)


@pytest.mark.parametrize(
    ("field", "data", "fi", "sv"),
    [
        ("count", {"count": "abc"}, "Anna kokonaisluku.", "Ange ett heltal."),
        ("flag", {"flag": "maybe"}, "Anna true tai false.", "Ange true eller false."),
        ("name", {"name": 5}, "Anna tämä tekstinä.", "Ange detta som text."),
        ("name", {"name": "too long"}, "Anna enintään 5 merkkiä.", "Ange högst 5 tecken."),
        ("code", {"code": "x"}, "Anna vähintään 2 merkkiä.", "Ange minst 2 tecken."),
        ("codes", {"codes": "kela"}, "Anna luettelo.", "Ange en lista."),
        ("codes", {"codes": ["a", "b", "c"]}, "Anna enintään 2 kohtaa.", "Ange högst 2 poster."),
        (
            "day",
            {"day": "2026-13-01"},
            "Anna päivämäärä muodossa VVVV-KK-PP.",
            "Ange ett datum som ÅÅÅÅ-MM-DD.",
        ),
        (
            "day",
            {"day": "2026-05-01T10:30"},
            "Anna päivämäärä muodossa VVVV-KK-PP.",
            "Ange ett datum som ÅÅÅÅ-MM-DD.",
        ),
        ("ref", {"ref": "not-a-uuid"}, "Anna UUID-tunniste.", "Ange en UUID."),
        ("size", {"size": 0}, "Anna arvo, joka on vähintään 1.", "Ange ett värde som är minst 1."),
        ("size", {"size": 500}, "Anna arvo, joka on enintään 480.", "Ange ett värde som är högst 480."),
        ("extra", {"extra": [1]}, "Anna JSON-objekti.", "Ange ett JSON-objekt."),
        (
            "kind",
            {"kind": "fax"},
            "Valitse jokin näistä: 'walk_in', 'phone', 'email'.",
            "Välj ett av följande: 'walk_in', 'phone', 'email'.",
        ),
    ],
)
def test_error_message__pydantic_types__in_finnish_and_swedish(field, data, fi, sv):
    assert message(field, "fi", **data) == fi
    assert message(field, "sv", **data) == sv


def test_error_message__missing_field__is_required_in_each_language():
    found = errors_for()["required"]
    assert found["type"] == "missing"
    texts = {}
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            texts[language] = error_message(found)
    assert texts == {
        "fi": "Tämä kenttä on pakollinen.",
        "sv": "Det här fältet är obligatoriskt.",
        "en": "This field is required.",
    }


def test_error_message__one_item_limit__uses_the_singular():
    found = {"type": "too_short", "ctx": {"field_type": "List", "min_length": 1, "actual_length": 0}}
    with translation.override("fi"):
        assert error_message(found) == "Anna vähintään 1 kohta."


def test_error_message__unlisted_pydantic_type__is_the_generic_message():
    assert "complex_str_parsing" in PYDANTIC_ERROR_TYPES and "complex_str_parsing" not in MESSAGES
    found = {"type": "complex_str_parsing", "msg": "Input should be a valid complex string"}
    with translation.override("sv"):
        assert error_message(found) == "Ogiltigt värde."
    with translation.override("fi"):
        assert error_message({"type": "value_error", "msg": "Value error, nope"}) == "Virheellinen arvo."


def test_error_message__our_own_error_type__keeps_its_translated_message():
    with translation.override("fi"):
        error = PydanticCustomError("codes_expected", "Anna luettelo koodeja.")
        found = {"type": error.type, "msg": error.message()}
        assert error_message(found) == "Anna luettelo koodeja."


@pytest.mark.parametrize("kind", sorted(MESSAGES))
def test_error_message__every_listed_type__is_translated(kind):
    ctx = {
        "max_length": 3,
        "min_length": 3,
        "gt": 1,
        "ge": 1,
        "lt": 9,
        "le": 9,
        "multiple_of": 5,
        "expected": "'a' or 'b'",
        "error": "x",
    }
    assert kind in PYDANTIC_ERROR_TYPES
    with translation.override("en"):
        english = error_message({"type": kind, "ctx": ctx})
    for language in ("fi", "sv"):
        with translation.override(language):
            translated = error_message({"type": kind, "ctx": ctx})
        assert translated and translated != english, (kind, language)
