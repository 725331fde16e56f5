"""Shared by the client matching benchmarks: bench service points, a bench user, bulk indexing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

BATCH = 5000


def bench_point(slug: str, name: str = "") -> Any:
    from kotopolku.organisations.models import Municipality, ServicePoint

    municipality = Municipality.objects.order_by("code").first()
    point, _ = ServicePoint.objects.get_or_create(
        slug=slug[:60], defaults={"name": name or slug, "municipality": municipality}
    )
    return point


def bench_user(email: str, *, points: Iterable[Any] = (), network: Any = None, role: str = "advisor") -> Any:
    from kotopolku.accounts.models import Membership, User
    from kotopolku.accounts.permissions import forget_grants

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, full_name=email.split("@")[0])
    for point in points:
        Membership.objects.get_or_create(user=user, role=role, service_point=point)
    if network is not None:
        Membership.objects.get_or_create(user=user, role=role, network=network)
    forget_grants(user)
    return user


def clear_point(point: Any) -> None:
    from kotopolku.clients.models import Client, ClientNameKey

    ClientNameKey.objects.filter(service_point=point).delete()
    Client.objects.filter(service_point=point).update(merged_into=None)
    Client.objects.filter(service_point=point).delete()


def index_clients(point: Any, rows: Sequence[dict[str, Any]]) -> list[Any]:
    """Create one client per row (Client field values) with its search keys; returns the clients."""
    from kotopolku.clients.matching.services import key_rows
    from kotopolku.clients.models import Client, ClientNameKey

    created: list[Any] = []
    for start in range(0, len(rows), BATCH):
        batch = [Client(service_point=point, **row) for row in rows[start : start + BATCH]]
        created.extend(Client.objects.bulk_create(batch))
    keys = [row for client in created for row in key_rows(client)]
    for start in range(0, len(keys), BATCH * 4):
        ClientNameKey.objects.bulk_create(keys[start : start + BATCH * 4])
    return created
