from __future__ import annotations

from kotopolku.audit.chain import BrokenLink, first_broken_link
from kotopolku.audit.models import AuditEvent


def audit_chain_verify() -> tuple[int, BrokenLink | None]:
    """Return how many events were checked and the first broken link, if any."""
    checked = 0

    def events():  # type: ignore[no-untyped-def]
        nonlocal checked
        for event in AuditEvent.objects.order_by("id").iterator(chunk_size=5000):
            checked += 1
            yield event

    broken = first_broken_link(events())
    return checked, broken
