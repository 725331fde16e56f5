"""Full-text search over service names and descriptions: one function, two database paths.

PostgreSQL: each ``ServiceTranslation`` row is searched with the text search configuration of
its language (``finnish``, ``swedish``, ``english``, ``simple`` for any other), through partial
GIN indexes (migration ``0003_service_search_index``) whose expressions are the ones below.
SQLite: every word must occur (``icontains``) in a name or description.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, FloatField, OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL

from kotopolku.catalogue.models import Service, ServiceTranslation

# language of the row → PostgreSQL text search configuration
SEARCH_CONFIGS: dict[str, str] = {"fi": "finnish", "sv": "swedish", "en": "english"}
FALLBACK_CONFIG = "simple"
MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


def document_sql(config: str) -> str:
    """The indexed expression: name (weight A) and description (weight B) of a translation.

    Columns are unqualified because Django aliases tables in subqueries.
    """
    return (
        f"(setweight(to_tsvector('{config}'::regconfig, name), 'A') || "
        f"setweight(to_tsvector('{config}'::regconfig, description), 'B'))"
    )


def language_predicate_sql(config: str) -> str:
    if config == FALLBACK_CONFIG:
        codes = ", ".join(f"'{code}'" for code in SEARCH_CONFIGS)
        return f"language NOT IN ({codes})"
    code = next(code for code, name in SEARCH_CONFIGS.items() if name == config)
    return f"language = '{code}'"


def search_terms(text: str) -> list[str]:
    """Words of the query (letters and digits only, so nothing reaches the query parser raw)."""
    return _WORD.findall(text or "")[:MAX_TERMS]


def _tsquery_text(terms: list[str]) -> str:
    # Every word must match; each as a prefix so that "kotou" finds "kotoutuminen".
    return " & ".join(f"'{term.lower()}':*" for term in terms)


def _configs_for(language: str | None) -> list[str]:
    if language is None:
        return [*SEARCH_CONFIGS.values(), FALLBACK_CONFIG]
    return [SEARCH_CONFIGS.get(language, FALLBACK_CONFIG)]


def _postgres_matches(terms: list[str], language: str | None) -> QuerySet[ServiceTranslation]:
    query = _tsquery_text(terms)
    clauses: list[str] = []
    params: list[str] = []
    for config in _configs_for(language):
        tsquery = f"to_tsquery('{config}'::regconfig, %s)"
        clauses.append(f"({language_predicate_sql(config)} AND {document_sql(config)} @@ {tsquery})")
        params.append(query)
    rank_sql = (
        "CASE "
        + " ".join(
            f"WHEN {language_predicate_sql(config)} "
            f"THEN ts_rank({document_sql(config)}, to_tsquery('{config}'::regconfig, %s))"
            for config in _configs_for(None)
        )
        + " END"
    )
    # The SQL is built from constants only; the user's words travel as parameters.
    where = "(" + " OR ".join(clauses) + ")"
    matches = ServiceTranslation.objects.filter(RawSQL(where, params, output_field=BooleanField()))  # noqa: S611
    if language is not None:
        matches = matches.filter(language=language)
    rank_params = [query] * len(_configs_for(None))
    return matches.annotate(rank=RawSQL(rank_sql, rank_params, output_field=FloatField()))  # noqa: S611


def _fallback_matches(terms: list[str], language: str | None) -> QuerySet[ServiceTranslation]:
    matches = ServiceTranslation.objects.all()
    if language is not None:
        matches = matches.filter(language=language)
    for term in terms:
        matches = matches.filter(name__icontains=term) | matches.filter(description__icontains=term)
    return matches


def service_search(*, text: str, language: str | None = None) -> QuerySet[Service]:
    """Services whose name or description (in ``language``, or in any language) matches ``text``.

    Every word must match (as a word prefix on PostgreSQL, as a substring on SQLite). On
    PostgreSQL the result is annotated with ``search_rank`` and ordered by it (best first); on
    SQLite it is ordered by ``updated_at``. A text without words gives no services. The
    queryset can be filtered further (status, organisation …) by the caller.
    """
    terms = search_terms(text)
    if not terms:
        return Service.objects.none()
    if connection.vendor == "postgresql":
        matches = _postgres_matches(terms, language)
        best = matches.filter(service_id=OuterRef("pk")).order_by("-rank").values("rank")[:1]  # type: ignore[misc]
        return (
            Service.objects.filter(pk__in=matches.values("service_id"))
            .annotate(search_rank=Subquery(best, output_field=FloatField()))
            .order_by("-search_rank", "-updated_at")
        )
    matches = _fallback_matches(terms, language)
    return Service.objects.filter(pk__in=matches.values("service_id")).order_by("-updated_at")
