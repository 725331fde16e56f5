"""Service paths: ordered steps through services for a life situation, with local variants."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotopolku.catalogue.enums import LifeSituation, StepChange
from kotopolku.catalogue.models.base import CatalogueModel, TextsMixin, TranslationModel


class ServicePath(CatalogueModel):
    """A path for a life situation (moved for work, family reunification, student …)."""

    key = models.SlugField(_("key"), max_length=100, unique=True)
    life_situation = models.CharField(_("life situation"), max_length=30, choices=LifeSituation.choices)
    life_event = models.ForeignKey(
        "catalogue.TaxonomyTerm",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_paths",
        verbose_name=_("PTV life event"),
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("service path")
        verbose_name_plural = _("service paths")

    def __str__(self) -> str:
        return self.key

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("catalogue:path_detail", kwargs={"uuid": self.uuid})


class ServicePathTranslation(TranslationModel):
    path = models.ForeignKey(ServicePath, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["path", "language"]
        verbose_name = _("service path translation")
        verbose_name_plural = _("service path translations")
        constraints = [
            models.UniqueConstraint(fields=["path", "language"], name="catalogue_path_translation_unique")
        ]


class ServicePathVariant(CatalogueModel, TextsMixin):
    """How the path differs in one municipality. ``texts``: ``note``."""

    path = models.ForeignKey(ServicePath, on_delete=models.CASCADE, related_name="variants")
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="catalogue_path_variants",
        verbose_name=_("municipality"),
    )

    class Meta:
        ordering = ["path", "municipality__name_fi"]
        verbose_name = _("local variant")
        verbose_name_plural = _("local variants")
        constraints = [
            models.UniqueConstraint(fields=["path", "municipality"], name="catalogue_path_variant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.path_id} / {self.municipality_id}"


class ServicePathStep(CatalogueModel, TextsMixin):
    """A step of a path. ``texts``: ``note`` per language.

    A step without ``variant`` belongs to the common path. A step of a variant ``add``s a step
    (at its ``position`` among the common ones), ``replace``s the common step ``replaces`` (its
    service and note; position kept unless given), or ``remove``s it.
    """

    path = models.ForeignKey(ServicePath, on_delete=models.CASCADE, related_name="steps")
    variant = models.ForeignKey(
        ServicePathVariant, on_delete=models.CASCADE, null=True, blank=True, related_name="steps"
    )
    change = models.CharField(_("change"), max_length=10, choices=StepChange.choices, blank=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="local_changes",
        verbose_name=_("common step"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    service = models.ForeignKey(
        "catalogue.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="path_steps",
        verbose_name=_("service"),
    )

    class Meta:
        ordering = ["path", "position", "id"]
        verbose_name = _("path step")
        verbose_name_plural = _("path steps")
        constraints = [
            # A common step adds nothing to anything; a variant's step says what it changes.
            models.CheckConstraint(
                condition=(Q(variant__isnull=True) & Q(change="") & Q(replaces__isnull=True))
                | (Q(variant__isnull=False) & Q(change="add") & Q(replaces__isnull=True))
                | (
                    Q(variant__isnull=False) & Q(change__in=["replace", "remove"]) & Q(replaces__isnull=False)
                ),
                name="catalogue_path_step_change_consistent",
            ),
            models.CheckConstraint(
                condition=Q(change="remove") | Q(service__isnull=False),
                name="catalogue_path_step_has_service",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.path_id} #{self.position}"
