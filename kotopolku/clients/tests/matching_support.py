"""Helpers for the matching tests (search, duplicates, merge)."""

from __future__ import annotations

from typing import Any

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.clients.matching.services import client_search_keys_refresh
from kotopolku.clients.models import Client


def make_client(service_point: Any, **fields: Any) -> Client:
    client = Client.objects.create(service_point=service_point, **fields)
    client_search_keys_refresh(client=client)
    return client


def member(role: Role, service_point: Any = None, network: Any = None, **kwargs: Any) -> Any:
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, role=role, service_point=service_point, network=network)
    return user
