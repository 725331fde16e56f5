"""The languages a service point meets, as ISO 639 codes, with names from babel."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

# In the order the desk offers them: the staff languages first, then what Finnish service
# points meet most often (Statistics Finland's largest foreign-language groups).
DESK_LANGUAGES = (
    "fi", "sv", "en", "ru", "uk", "ar", "so", "fa", "ku", "ckb", "et", "zh", "vi", "tr", "fr",
    "es", "th", "tl", "pl", "ro", "de", "ti", "am", "ps", "sq", "bn", "hi", "ur", "ne", "my",
)  # fmt: skip


@lru_cache(maxsize=8)
def _names(ui_language: str) -> dict[str, str]:
    try:
        locale = Locale.parse(ui_language or "en")
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse("en")
    return dict(locale.languages)


def is_known_language(code: str) -> bool:
    """An ISO 639 code babel knows (any language, not only the offered ones)."""
    if code in DESK_LANGUAGES:
        return True
    return code.isascii() and code.isalpha() and code.islower() and code in _names("en")


def language_name(code: str, ui_language: str | None) -> str:
    name = _names(ui_language or "en").get(code) or _names("en").get(code) or code
    return name[:1].upper() + name[1:]


def language_choices(ui_language: str | None, *, extra: str = "") -> list[tuple[str, str]]:
    return list(_language_choices(ui_language or "", extra))


@lru_cache(maxsize=64)
def _language_choices(ui_language: str, extra: str) -> tuple[tuple[str, str], ...]:
    # Built from babel's static data only: the same for every request in a language.
    codes = list(DESK_LANGUAGES)
    if extra and extra not in codes:
        codes.append(extra)
    return tuple((code, f"{language_name(code, ui_language)} ({code})") for code in codes)
