"""Shared pieces of the catalogue models."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotopolku.core.models import PublicIdModel

# ISO 639-1/-2/-3 code, optionally with BCP 47 subtags (fi, sv, en, smn, fi-x-plain, zh-Hant).
validate_language_code = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z",
    _("Enter an ISO 639 language code such as fi, sv, en or smn."),
)


def language_field(**kwargs: Any) -> models.CharField:
    return models.CharField(
        _("language"),
        max_length=35,
        validators=[validate_language_code],
        help_text=_("ISO 639 code"),
        **kwargs,
    )


def validate_texts(value: Any) -> None:
    """``texts`` holds short per-language texts of a sub-item: ``{"fi": {"description": "…"}}``."""
    if not isinstance(value, dict):
        raise ValidationError(_("Texts must be an object keyed by language."))
    for language, fields in value.items():
        validate_language_code(language)
        if not isinstance(fields, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in fields.items()
        ):
            raise ValidationError(_("Texts of a language must map field names to strings."))


class CatalogueModel(PublicIdModel):
    """Every catalogue row: ``uuid`` is its HSDS ``id``; ``updated_at`` serves ``modified_after``."""

    class Meta:
        abstract = True


class TextsMixin(models.Model):
    """Short per-language texts of a sub-item (a phone's description, a required document …).

    Names and descriptions of services, locations, organisations and paths are rows of their
    own (``*Translation``); the small texts of sub-items live here, keyed by language.
    """

    texts = models.JSONField(_("texts"), default=dict, blank=True, validators=[validate_texts])

    class Meta:
        abstract = True

    def text(self, field: str, language: str, *, fallback: tuple[str, ...] = ("fi", "en", "sv")) -> str:
        texts: dict[str, dict[str, str]] = self.texts or {}
        for code in (language, *fallback):
            value = texts.get(code, {}).get(field)
            if value:
                return value
        for fields in texts.values():
            if fields.get(field):
                return fields[field]
        return ""

    def set_text(self, field: str, language: str, value: str) -> None:
        texts: dict[str, dict[str, str]] = dict(self.texts or {})
        fields = dict(texts.get(language, {}))
        if value:
            fields[field] = value
        else:
            fields.pop(field, None)
        if fields:
            texts[language] = fields
        else:
            texts.pop(language, None)
        self.texts = texts


class CheckedMixin(models.Model):
    """When a person last confirmed the entry is still correct (HSDS ``assured_date``)."""

    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True, db_index=True)
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last checked by"),
    )

    class Meta:
        abstract = True


class TranslationModel(CatalogueModel):
    """One language version of an entry's names and descriptions.

    ``version`` grows whenever the text changes; a translation records the ``source_language``
    and the ``source_version`` it was made from, so an outdated translation shows.
    """

    language = language_field()
    version = models.PositiveIntegerField(_("version"), default=1)
    source_language = models.CharField(
        _("translated from"), max_length=35, blank=True, validators=[validate_language_code]
    )
    source_version = models.PositiveIntegerField(_("source version"), null=True, blank=True)

    class Meta:
        abstract = True
