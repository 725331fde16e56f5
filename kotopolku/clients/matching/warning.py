"""The duplicate warning's scoring: the record being registered against each candidate, by the
Fellegi–Sunter model (``linkage``) with the deployment's parameters, and why, in words."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from kotopolku.clients.matching.linkage import DEFAULT_PARAMETERS, Evidence, Parameters, Profile, token_share
from kotopolku.clients.matching.transliterate import NameToken

# Each level of each comparison in words, for the warning and the review queue.
CONTRIBUTION_LABELS = {
    "name_same": _("same name"),
    "name_scripts": _("names match across scripts"),
    "name_close": _("nearly the same name"),
    "name_similar": _("similar name"),
    "name_weak": _("names partly alike"),
    "name_different": _("different name"),
    "birth_same": _("same birth date"),
    "birth_typo": _("birth dates one typo apart"),
    "birth_year_month": _("same birth year and month"),
    "birth_year": _("same birth year"),
    "birth_different": _("different birth date"),
    "gender_same": _("same gender"),
    "gender_different": _("different gender"),
    "citizenship_same": _("a citizenship in common"),
    "citizenship_different": _("different citizenship"),
    "phone_same": _("same phone"),
    "phone_different": _("different phone"),
    "email_same": _("same e-mail"),
    "email_different": _("different e-mail"),
    "identifier_same": _("same identity code or identifier"),
    "identifier_different": _("different identity code"),
    "municipality_same": _("same municipality"),
    "municipality_different": _("different municipality"),
}

_provider: Callable[[], Parameters | None] | None = None
_cache: tuple[float, Parameters] | None = None
CACHE_SECONDS = 60.0


def set_parameters_provider(provider: Callable[[], Parameters | None]) -> None:
    """Where the deployment's learned parameters come from (the duplicates app registers its
    table here, so that this package does not import it)."""
    global _provider, _cache
    _provider, _cache = provider, None


def current_parameters() -> Parameters:
    """The deployment's parameters (read at most once a minute), else the shipped default."""
    global _cache
    now = time.monotonic()
    if _cache is not None and now - _cache[0] < CACHE_SECONDS:
        return _cache[1]
    parameters = (_provider() if _provider else None) or DEFAULT_PARAMETERS
    _cache = (now, parameters)
    return parameters


def forget_parameters() -> None:
    global _cache
    _cache = None


def registry_frequencies(point_ids: Iterable[int], tokens: Iterable[str]) -> Callable[[str], float]:
    """The share of the registry's clients holding each of ``tokens`` (two queries)."""
    from kotopolku.clients.models import Client, ClientNameKey

    points = sorted(point_ids)
    keys = sorted({"n:" + token for token in tokens})[:32]
    counts = dict(
        ClientNameKey.objects.filter(service_point_id__in=points, key__in=keys)
        .values_list("key")
        .annotate(n=Count("client_id", distinct=True))
        .values_list("key", "n")
    )
    total = Client.objects.filter(service_point_id__in=points).count()

    def frequency(token: str) -> float:
        return token_share(counts.get("n:" + token, 0), total)

    return frequency


def contribution_codes(evidence: Evidence, a: Profile, b: Profile) -> list[str]:
    """Each field's level as a code of ``CONTRIBUTION_LABELS``, strongest evidence first; names
    that agree though written in different scripts say so."""
    codes = []
    for contribution in evidence.contributions:
        code = contribution.code
        agrees = contribution.comparison == "name" and contribution.level in ("same", "close", "similar")
        if agrees and not _scripts(a.forms) & _scripts(b.forms):
            code = "name_scripts"
        codes.append(code)
    return codes


def _scripts(forms: list[list[NameToken]]) -> set[str]:
    return {token.script or "latin" for form in forms for token in form}


def profile_of_fields(
    *,
    forms: list[list[NameToken]],
    birth: tuple[int | None, int | None, int | None],
    fields: dict[str, Any],
) -> Profile:
    municipality = fields.get("municipality")
    return Profile.of(
        pk=0,
        forms=forms,
        birth=birth,
        gender=str(fields.get("gender") or ""),
        citizenships=fields.get("citizenships") or (),
        phone=str(fields.get("phone") or ""),
        email=str(fields.get("email") or ""),
        identity_code=str(fields.get("personal_identity_code") or ""),
        identifiers=fields.get("identifiers") or (),
        municipality=getattr(municipality, "pk", municipality),
    )
