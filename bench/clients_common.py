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


NETWORK_USER = "bench-network@example.test"
# The network user (the bench network's residence-permit expert) works with this many clients,
# one in NETWORK_TEAM_EVERY by id: network roles reach a member point's clients only where they
# work with them, and a regional expert's caseload is some thousands at most.
NETWORK_TEAM_SIZE = 2000
NETWORK_TEAM_EVERY = 50


def bench_network_user(network: Any) -> Any:
    from kotopolku.accounts.enums import Role

    return bench_user(NETWORK_USER, network=network, role=Role.PERMIT_EXPERT)


def bench_team(
    user: Any, point_ids: Sequence[int], *, size: int = NETWORK_TEAM_SIZE, every: int = NETWORK_TEAM_EVERY
) -> int:
    """Put ``user`` on the team of ``size`` clients at ``point_ids`` (every ``every``-th by id), in
    one statement (PostgreSQL); idempotent. Returns the rows added."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM clients_clientteammember WHERE user_id = %s AND removed_at IS NULL",
            [user.pk],
        )
        wanted = size - cursor.fetchone()[0]
        if wanted <= 0:
            return 0
        cursor.execute(
            "INSERT INTO clients_clientteammember"
            " (created_at, updated_at, uuid, client_id, user_id, reason, added_at)"
            " SELECT now(), now(), gen_random_uuid(), c.id, %s, 'bench', now() FROM clients_client c"
            " WHERE c.service_point_id = ANY(%s) AND c.id %% %s = 0 AND NOT EXISTS ("
            "  SELECT 1 FROM clients_clientteammember t"
            "  WHERE t.client_id = c.id AND t.user_id = %s AND t.removed_at IS NULL)"
            " ORDER BY c.id LIMIT %s",
            [user.pk, list(point_ids), every, user.pk, wanted],
        )
        added = cursor.rowcount
        cursor.execute("ANALYZE clients_clientteammember")
    return added
