"""Abstract bases every domain model builds on."""

from __future__ import annotations

import uuid

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class PublicIdModel(TimeStampedModel):
    """A model shown in URLs and the API by a random UUID, never by its sequential id."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class ServicePointScopedModel(PublicIdModel):
    """Client data: every row belongs to exactly one service point (the tenant)."""

    service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.PROTECT, related_name="+", db_index=True
    )

    class Meta:
        abstract = True
