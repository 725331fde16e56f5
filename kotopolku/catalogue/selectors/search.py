"""Full-text search over service names and descriptions: one function, two database paths.

PostgreSQL: every ``ServiceTranslation`` row carries two stored, generated tsvectors built with
the text search configuration of its language (``finnish``, ``swedish``, ``english``, ``simple``
for any other language): ``search_document`` (name and description, positions stripped, GIN
index) for matching and ``search_name`` for ranking (migration ``0004_service_search_document``;
the columns exist only on PostgreSQL).
The words of the query are parsed with each configuration and OR-ed, so a Finnish row is
matched by the Finnish stems, a Swedish row by the Swedish ones, and so on. The parsed query is
a scalar subquery (:func:`tsquery_param_sql`), so every search is planned as a GIN index scan.
:func:`service_search_ids` gives the matching services without ranking (for counts and filters).
SQLite: every word must occur (``icontains``) in a name or description.

:class:`SearchPaginator` pages a search for the staff list: each page's rows come with the
number of all matches (``COUNT(*) OVER ()``), so a page matches and ranks once instead of once
for the count and once more for the rows.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import BooleanField, FloatField, Func, IntegerField, Max, QuerySet
from django.db.models.expressions import RawSQL

from kotopolku.catalogue.models import Service, ServiceTranslation

# language of the row → PostgreSQL text search configuration
SEARCH_CONFIGS: dict[str, str] = {"fi": "finnish", "sv": "swedish", "en": "english"}
FALLBACK_CONFIG = "simple"
ALL_CONFIGS = (*SEARCH_CONFIGS.values(), FALLBACK_CONFIG)
MAX_TERMS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


def _per_language(template: str) -> str:
    whens = " ".join(
        f"WHEN '{code}' THEN {template.format(config=config)}" for code, config in SEARCH_CONFIGS.items()
    )
    return f"CASE language {whens} ELSE {template.format(config=FALLBACK_CONFIG)} END"


def document_expression_sql() -> str:
    """Generated column ``search_document``: name and description, positions stripped (matching only)."""
    return _per_language(
        "strip(to_tsvector('{config}'::regconfig, name) || to_tsvector('{config}'::regconfig, description))"
    )


def name_expression_sql() -> str:
    """Generated column ``search_name``: the name alone (ranking)."""
    return _per_language("to_tsvector('{config}'::regconfig, name)")


def search_terms(text: str) -> list[str]:
    """Words of the query (letters and digits only, so nothing reaches the query parser raw)."""
    return _WORD.findall(text or "")[:MAX_TERMS]


def tsquery_text(terms: list[str]) -> str:
    # Every word must match; each as a prefix so that "kotou" finds "kotoutuminen".
    return " & ".join(f"'{term.lower()}':*" for term in terms)


def tsquery_sql(language: str | None) -> str:
    """A tsquery of the words parsed by the configuration(s) that apply, with one %s per config."""
    configs = [SEARCH_CONFIGS.get(language, FALLBACK_CONFIG)] if language else list(ALL_CONFIGS)
    return "(" + " || ".join(f"to_tsquery('{config}'::regconfig, %s)" for config in configs) + ")"


def tsquery_param_sql(language: str | None) -> str:
    """:func:`tsquery_sql` as a scalar subquery: PostgreSQL computes it once per statement (an
    InitPlan) and, not knowing its value when planning, always plans the GIN index scan.

    With the query as a constant the planner estimates the matching rows from the column
    statistics, and for a common word (or a prefix that the Finnish stemmer shortens) it chose
    a sequential scan that evaluates ``@@`` on every row of the table: three to five times
    slower than the index, whose posting lists need no recheck. The index path is the faster
    one even when every service matches.
    """
    return f"(SELECT {tsquery_sql(language)})"


def _postgres_where(terms: list[str], language: str | None) -> tuple[str, list[str], str, list[str]]:
    """(match condition, its parameters, the tsquery, its parameters) for the translation table."""
    query = tsquery_text(terms)
    tsquery = tsquery_param_sql(language)
    params: list[str] = [query] * tsquery.count("%s")
    where = f"search_document @@ {tsquery}"
    if language is not None:
        where += " AND language = %s"
    return where, [*params, *([language] if language else [])], tsquery, params


def _postgres_search(terms: list[str], language: str | None) -> QuerySet[Service]:
    where, where_params, tsquery, params = _postgres_where(terms, language)
    # One join to the matching translations, grouped per service: the best name match ranks
    # first (services matched by their description only rank 0, newest first). The SQL is built
    # from constants; the user's words travel as parameters. The columns are unqualified (only
    # the translation table has them), so the SQL survives Django's table aliasing.
    return (
        Service.objects.filter(translations__isnull=False)
        .filter(RawSQL(where, where_params, output_field=BooleanField()))  # noqa: S611
        .annotate(
            search_rank=Max(RawSQL(f"ts_rank(search_name, {tsquery})", params, output_field=FloatField()))  # noqa: S611
        )
        .order_by("-search_rank", "-updated_at")
    )


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
    PostgreSQL the result is annotated with ``search_rank`` (how well the name matches) and
    ordered by it, then by ``updated_at`` (best first); on
    SQLite it is ordered by ``updated_at``. A text without words gives no services. The
    queryset can be filtered further (status, organisation …) by the caller.
    """
    terms = search_terms(text)
    if not terms:
        return Service.objects.none()
    if connection.vendor == "postgresql":
        return _postgres_search(terms, language)
    matches = _fallback_matches(terms, language)
    return Service.objects.filter(pk__in=matches.values("service_id")).order_by("-updated_at")


def service_search_ids(*, text: str, language: str | None = None) -> QuerySet[ServiceTranslation, Any]:
    """The ids (``service_id``) of the services :func:`service_search` finds, unranked and
    unordered: for counting and for filtering (``pk__in``), one index scan without a join."""
    terms = search_terms(text)
    if not terms:
        return ServiceTranslation.objects.none().values("service_id")
    if connection.vendor == "postgresql":
        where, where_params, _tsquery, _params = _postgres_where(terms, language)
        matches = ServiceTranslation.objects.filter(RawSQL(where, where_params, output_field=BooleanField()))  # noqa: S611
    else:
        matches = _fallback_matches(terms, language)
    return matches.order_by().values("service_id")


class TotalRows(Func):
    """``COUNT(*) OVER ()``: how many rows the query has before its LIMIT (after any GROUP BY)."""

    template = "COUNT(*) OVER ()"
    contains_aggregate = False
    contains_over_clause = True
    output_field = IntegerField()

    def get_group_by_cols(self) -> list[Any]:
        return []


class SearchPaginator(Paginator):
    """A ``Paginator`` of a :func:`service_search` queryset whose page query also counts.

    Matching every row and sorting them by rank is the work of a search; the count needs the
    same matching. Here the page's rows carry the total (``COUNT(*) OVER ()``), which is the
    paginator's ``count``; only a page past the last one (no rows, not the first page) counts
    apart, to find the last page. The total is exact.
    """

    def get_page(self, number: Any) -> Page:
        try:
            whole = self._whole(number)
        except PageNotAnInteger:
            whole = 1
        except EmptyPage:
            return self.page(self.num_pages)
        try:
            return self.page(whole)
        except EmptyPage:
            return self.page(self.num_pages)

    def page(self, number: Any) -> Page:
        number = self._whole(number)
        bottom = (number - 1) * self.per_page
        queryset: QuerySet[Service] = self.object_list  # type: ignore[assignment]
        counted = queryset.annotate(search_total=TotalRows())
        rows = list(counted[bottom : bottom + self.per_page + self.orphans])
        if rows:
            self.__dict__["count"] = rows[0].search_total
        elif bottom == 0:
            self.__dict__["count"] = 0
        number = self.validate_number(number)  # counts apart only when the page has no rows
        if bottom + self.per_page + self.orphans < self.count:
            rows = rows[: self.per_page]
        return Page(rows, number, self)

    def _whole(self, number: Any) -> int:
        """The checks of ``validate_number`` that need no count: a whole number of at least 1."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            value = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if value < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return value
