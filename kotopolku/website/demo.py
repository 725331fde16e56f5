"""Demo sites (idempotent): Rovaniemi and Kemi publish their sites, with their catalogue
locations for address and hours."""

from __future__ import annotations

from datetime import date
from typing import Any, TextIO

from django.db import transaction

from kotopolku.catalogue.demo import demo_uuid
from kotopolku.catalogue.models import Location
from kotopolku.website.models import Site

LOCATIONS = {"rovaniemi": "ih-rovaniemi", "kemi": "pointti-kemi"}


@transaction.atomic
def load_demo(*, tenancy: Any, stdout: TextIO) -> None:
    points = {"rovaniemi": tenancy.rovaniemi, "kemi": tenancy.kemi}
    for key, point in points.items():
        location = Location.objects.filter(uuid=demo_uuid("location", LOCATIONS[key])).first()
        Site.objects.update_or_create(
            service_point=point,
            defaults={
                "location": location,
                "is_published": True,
                "accessibility_assessed_on": date(2026, 11, 30),
            },
        )
    stdout.write(f"Website: {len(points)} public sites\n")
