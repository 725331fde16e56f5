"""The duplicate check at registration: records that are likely the same person as the one
being registered, scored by the deployment's Fellegi–Sunter model (``linkage``, ``warning``)."""

from __future__ import annotations

from typing import Any

from kotopolku.accounts.permissions import scope_condition, service_point_ids
from kotopolku.clients.matching.candidates import HIDDEN_STATUSES, ClientMatch, broad_keys, candidate_ids
from kotopolku.clients.matching.keys import birth_keys, identifier_key, name_year_keys, pair_keys, phone_e164
from kotopolku.clients.matching.linkage import DEFAULT_PARAMETERS, Profile
from kotopolku.clients.matching.linkage import score as linkage_score
from kotopolku.clients.matching.transliterate import NameToken, tokens_of
from kotopolku.clients.matching.warning import (
    contribution_codes,
    current_parameters,
    profile_of_fields,
    registry_frequencies,
)
from kotopolku.clients.models import Client

# The probability at which registration warns (precision 0.95 or more on the benchmark's
# sample, bench/duplicates_quality.py).
DUPLICATE_THRESHOLD = 0.5


def client_duplicate_candidates(
    *,
    user: Any,
    service_point: Any,
    given_names: str = "",
    family_name: str = "",
    given_names_latin: str = "",
    family_name_latin: str = "",
    birth_year: int | None = None,
    birth_month: int | None = None,
    birth_day: int | None = None,
    phone: str = "",
    personal_identity_code: str = "",
    exclude: Client | None = None,
    limit: int = 10,
    threshold: float | None = None,
    **other_fields: Any,
) -> list[ClientMatch]:
    """Records that are likely the same person as the one being registered, with the
    probability that they are and each field's part in it. ``other_fields``: gender,
    citizenships, email, municipality and identifiers, where known. Looked for at
    ``service_point`` and the other service points the user may see clients of."""
    point_ids = service_point_ids(user, "clients.view")
    if service_point is None or service_point.pk not in point_ids:
        return []
    forms = [
        tokens
        for tokens in (
            tokens_of(f"{given_names} {family_name}"),
            tokens_of(f"{given_names_latin} {family_name_latin}"),
        )
        if tokens
    ]
    phone_key = phone_e164(phone)
    code_key = identifier_key(personal_identity_code)
    selective: set[str] = set()
    broad: list[str] = []
    for tokens in forms:
        selective |= pair_keys(tokens) | name_year_keys(tokens, birth_year)
        broad.extend(k for k in broad_keys(tokens) if k.startswith("n:") or len(tokens) == 1)
    births = birth_keys(birth_year, birth_month, birth_day)
    if birth_day and births:
        selective.add(births[-1])
    if phone_key:
        selective.add("t:" + phone_key)
    if code_key:
        selective.add(code_key)
    if not selective and not broad:
        return []
    ids, _matched = candidate_ids(point_ids, selective, list(dict.fromkeys(broad)), user=user)
    if exclude is not None:
        ids = [pk for pk in ids if pk != exclude.pk]
    if not ids:
        return []
    query = profile_of_fields(
        forms=forms,
        birth=(birth_year, birth_month, birth_day),
        fields={**other_fields, "phone": phone_key, "personal_identity_code": personal_identity_code},
    )
    parameters = current_parameters()
    frequency = registry_frequencies(point_ids, query.tokens)
    wanted = parameters_threshold(threshold)
    clients = (
        Client.objects.filter(scope_condition(user, "clients.view"), pk__in=ids)
        .exclude(status__in=HIDDEN_STATUSES)
        .select_related("service_point")
        .prefetch_related("identifiers")
    )
    results = []
    for client in clients:
        other = Profile.of_client(client, [identifier.value for identifier in client.identifiers.all()])
        evidence = linkage_score(query, other, parameters, frequency)
        if evidence.probability >= wanted:
            codes = contribution_codes(evidence, query, other)
            results.append(ClientMatch(client=client, score=evidence.probability, reasons=codes))
    results.sort(key=lambda m: (-m.score, -m.client.pk))
    return results[:limit]


def parameters_threshold(threshold: float | None) -> float:
    return DUPLICATE_THRESHOLD if threshold is None else threshold


def duplicate_score(
    forms: list[list[NameToken]],
    birth: tuple[int | None, int | None, int | None],
    other_forms: list[list[NameToken]],
    other_birth: tuple[int | None, int | None, int | None],
) -> tuple[float, list[str]]:
    """The probability that two records holding only names and birth dates are one person, and
    why (the shipped parameters, no term frequencies)."""
    first = Profile.of(pk=0, forms=forms, birth=birth)
    second = Profile.of(pk=1, forms=other_forms, birth=other_birth)
    evidence = linkage_score(first, second, DEFAULT_PARAMETERS)
    return evidence.probability, contribution_codes(evidence, first, second)
