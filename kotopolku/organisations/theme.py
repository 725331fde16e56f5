"""A municipality's look in the staff UI: HDS's primary colour variables and the header logo.

The stylesheet and the logo are served at URLs that carry the municipality's version, so a
browser caches them for long and fetches again only after a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kotopolku.accounts.permissions import grants_for
from kotopolku.organisations.models import Municipality

LOGO_MAX_BYTES = 200_000
LOGO_TYPES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


@dataclass(frozen=True)
class Theme:
    code: str
    name: str
    colour: str
    has_logo: bool
    version: int


def logo_type_of(data: bytes) -> str | None:
    """The image type of an uploaded logo judged by its content, or None for anything else."""
    for magic, content_type in LOGO_TYPES.items():
        if data.startswith(magic):
            return content_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:1000].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in head:
        return "image/svg+xml"
    return None


def _mix(colour: str, other: tuple[int, int, int], weight: float) -> str:
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(c * (1 - weight) + o * weight) for c, o in zip(channels, other, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def theme_stylesheet(colour: str) -> str:
    """HDS's primary colour ("bus") and its shades replaced by the municipality's colour."""
    if not colour:
        return ""
    return (
        ":root{"
        f"--color-bus:{colour};"
        f"--color-bus-dark:{_mix(colour, (0, 0, 0), 0.35)};"
        f"--color-bus-medium-light:{_mix(colour, (255, 255, 255), 0.75)};"
        f"--color-bus-light:{_mix(colour, (255, 255, 255), 0.92)};"
        f"--kp-brand:{colour};"
        "}\n"
    )


def theme_of_user(user: Any, language: str) -> Theme | None:
    """The look of the municipality of the first service point (or organisation) the user works at."""
    if user is None or not user.is_authenticated:
        return None
    grants = grants_for(user)
    point_ids = sorted(set(grants.direct) | set(grants.via_network))
    if point_ids:
        found = Municipality.objects.filter(service_points__id=point_ids[0])
    elif grants.organisations:
        found = Municipality.objects.filter(organisations__id=min(grants.organisations))
    else:
        return None
    row = found.values("code", "name_fi", "name_sv", "theme_colour", "logo_type", "version").first()
    if row is None or not (row["theme_colour"] or row["logo_type"]):
        return None
    name = row["name_sv"] if language == "sv" and row["name_sv"] else row["name_fi"]
    return Theme(row["code"], name, row["theme_colour"], bool(row["logo_type"]), row["version"])
