"""Classifications: the national PTV code lists (and any taxonomy an HSDS import brings)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kotopolku.catalogue.models.base import CatalogueModel


class Taxonomy(CatalogueModel):
    """A code list, e.g. PTV service classes. HSDS ``taxonomy``."""

    key = models.SlugField(_("key"), max_length=100, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    uri = models.URLField(_("URI"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name_in("fi")

    def name_in(self, language: str) -> str:
        return {"sv": self.name_sv, "en": self.name_en}.get(language) or self.name_fi or self.name_en


class TaxonomyTermQuerySet(models.QuerySet["TaxonomyTerm"]):
    def in_taxonomy(self, key: str) -> TaxonomyTermQuerySet:
        return self.filter(taxonomy__key=key)


class TaxonomyTerm(CatalogueModel):
    """One code of a code list, with its place in the hierarchy. HSDS ``taxonomy_term``."""

    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    code = models.CharField(_("code"), max_length=100)
    uri = models.URLField(_("URI"), max_length=500, blank=True, db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    label_fi = models.CharField(_("label in Finnish"), max_length=300, blank=True)
    label_sv = models.CharField(_("label in Swedish"), max_length=300, blank=True)
    label_en = models.CharField(_("label in English"), max_length=300, blank=True)
    description_fi = models.TextField(_("description in Finnish"), blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = TaxonomyTermQuerySet.as_manager()

    class Meta:
        ordering = ["taxonomy", "code"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="catalogue_term_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label_in('fi')}"

    def label_in(self, language: str) -> str:
        labels = {"fi": self.label_fi, "sv": self.label_sv, "en": self.label_en}
        return labels.get(language) or self.label_fi or self.label_en or self.label_sv or self.code

    def description_in(self, language: str) -> str:
        texts = {"fi": self.description_fi, "sv": self.description_sv, "en": self.description_en}
        return texts.get(language) or self.description_fi or self.description_en or self.description_sv
