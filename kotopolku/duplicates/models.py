"""The registry-wide duplicate sweep: its runs, the pairs it found and what reviewers decided,
and the duplicate model's parameters learned from this deployment's registry."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kotopolku.core.models import PublicIdModel, TimeStampedModel


class MatchParameters(TimeStampedModel):
    """The duplicate model's m and u probabilities and prior learned from the registry without
    labels (``clients.matching.training``). The newest row is the one in use."""

    parameters = models.JSONField(_("parameters"))
    records = models.PositiveIntegerField(_("records learned from"))
    pairs = models.PositiveIntegerField(_("pairs compared"))
    learned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("duplicate model parameters")
        verbose_name_plural = _("duplicate model parameters")
        ordering = ["-created_at", "-id"]


class SweepStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Sweep(PublicIdModel):
    """One sweep over the registry of a service point, or of every member of a network."""

    service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    network = models.ForeignKey(
        "organisations.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    threshold = models.FloatField(_("threshold"))
    status = models.CharField(
        _("status"), max_length=16, choices=SweepStatus.choices, default=SweepStatus.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    records = models.PositiveIntegerField(_("records"), default=0)
    compared = models.PositiveIntegerField(_("pairs compared"), default=0)
    found = models.PositiveIntegerField(_("pairs found"), default=0)
    seconds = models.FloatField(_("duration (s)"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("duplicate sweep")
        verbose_name_plural = _("duplicate sweeps")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(service_point__isnull=True) ^ Q(network__isnull=True), name="sweep_one_scope"
            )
        ]


class PairStatus(models.TextChoices):
    OPEN = "open", _("To review")
    DIFFERENT = "different", _("Different people")
    MERGED = "merged", _("Merged")


class DuplicatePair(PublicIdModel):
    """Two records a sweep found likely to be one person (``first`` has the smaller id). A pair
    judged "different people" stays, so that no later sweep offers it again."""

    first = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    # The service point of the first record: the queue of a point lists the pairs that touch it.
    service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.CASCADE, related_name="+"
    )
    other_service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.CASCADE, related_name="+"
    )
    probability = models.FloatField(_("probability"))
    reasons = models.JSONField(_("reasons"), default=list)
    status = models.CharField(_("status"), max_length=16, choices=PairStatus.choices, default=PairStatus.OPEN)
    sweep = models.ForeignKey(Sweep, on_delete=models.SET_NULL, null=True, blank=True, related_name="pairs")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("possible duplicate pair")
        verbose_name_plural = _("possible duplicate pairs")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_pair_once"),
            models.CheckConstraint(condition=Q(first__lt=models.F("second")), name="duplicate_pair_ordered"),
        ]
        indexes = [
            # The review queue: a point's open pairs, most likely first.
            models.Index(fields=["service_point", "status", "-probability"], name="dup_pair_queue_idx"),
            models.Index(
                fields=["other_service_point", "status", "-probability"], name="dup_pair_queue2_idx"
            ),
        ]
