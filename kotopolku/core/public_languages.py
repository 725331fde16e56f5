"""The languages of the public site (DOMAIN.md: InfoFinland's twelve, Somali and plain Finnish).

Plain Finnish (selkosuomi) is a language of its own with the private-use code ``fi-x-plain``.
Each entry carries the language's name in itself (what a reader looks for in a language
switch), whether it is written right to left, and the PostgreSQL text search configuration
that stems it, where PostgreSQL has one.
"""

from __future__ import annotations

from dataclasses import dataclass

PLAIN_FINNISH = "fi-x-plain"


@dataclass(frozen=True)
class PublicLanguage:
    code: str
    name: str  # in the language itself
    rtl: bool = False
    search_config: str = "simple"


PUBLIC_LANGUAGES: tuple[PublicLanguage, ...] = (
    PublicLanguage("fi", "suomi", search_config="finnish"),
    PublicLanguage(PLAIN_FINNISH, "selkosuomi", search_config="finnish"),
    PublicLanguage("sv", "svenska", search_config="swedish"),
    PublicLanguage("en", "English", search_config="english"),
    PublicLanguage("ru", "русский", search_config="russian"),
    PublicLanguage("uk", "українська"),
    PublicLanguage("et", "eesti"),
    PublicLanguage("ar", "العربية", rtl=True, search_config="arabic"),
    PublicLanguage("fa", "فارسی", rtl=True),
    PublicLanguage("so", "Soomaali"),
    PublicLanguage("tr", "Türkçe", search_config="turkish"),
    PublicLanguage("zh", "中文"),
    PublicLanguage("fr", "français", search_config="french"),
    PublicLanguage("es", "español", search_config="spanish"),
)

PUBLIC_LANGUAGE_CODES: tuple[str, ...] = tuple(language.code for language in PUBLIC_LANGUAGES)
_BY_CODE = {language.code: language for language in PUBLIC_LANGUAGES}


def public_language(code: str) -> PublicLanguage | None:
    return _BY_CODE.get(code)


def is_public_language(code: object) -> bool:
    return isinstance(code, str) and code in _BY_CODE


def public_language_choices() -> list[tuple[str, str]]:
    return [(language.code, language.name) for language in PUBLIC_LANGUAGES]
