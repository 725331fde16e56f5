"""The site's reads: which service points have a public site."""

from __future__ import annotations

from django.db.models import QuerySet

from kotopolku.website.models import Site


def published_sites() -> QuerySet[Site]:
    return (
        Site.objects.filter(is_published=True, service_point__is_active=True)
        .select_related("service_point__municipality")
        .order_by("service_point__name")
    )


def site_of(*, slug: str) -> Site | None:
    return (
        Site.objects.filter(is_published=True, service_point__is_active=True, service_point__slug=slug)
        .select_related("service_point__municipality")
        .first()
    )
