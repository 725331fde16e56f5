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

:func:`service_search` ranks every match (the HSDS API's ``search``). The staff list pages with
:class:`SearchPaginator` instead, which must stay fast for a word found in every service: its
count stops at ``COUNT_CAP`` + 1 ("more than 1 000 services") and its order
(:class:`ServiceSearch`) ranks only the services whose name matches, taking the rest newest
first from an index, so that a page never sorts all the matches.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    FloatField,
    Func,
    IntegerField,
    Max,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property

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


def _fallback_matches(
    terms: list[str], language: str | None, *, names_only: bool = False
) -> QuerySet[ServiceTranslation]:
    matches = ServiceTranslation.objects.all()
    if language is not None:
        matches = matches.filter(language=language)
    for term in terms:
        if names_only:
            matches = matches.filter(name__icontains=term)
        else:
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
        # Annotated as a search is, so that a caller may order by the rank whatever the text.
        return Service.objects.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
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


# The staff list's search (:class:`SearchPaginator`): a count that stops at COUNT_CAP + 1, and
# pages that take the services whose name matches first, then those matched by their text only.
COUNT_CAP = 1000
# Services looked at to tell whether the words are in many services (ServiceSearch.measure),
# and the shares of them that pick how the matches are counted and paged.
DENSITY_SAMPLE = 200
DENSE_SHARE = 0.4
LANGUAGE_SHARE = 0.1
MAX_OFFSET = 10**9


class ServiceSearch:
    """One search of the staff list over ``services`` (the caller's queryset, filtered as it likes).

    Order: first the services whose *name* matches (every word in the name of one translation),
    best ``ts_rank`` of the name first; then the services matched by their description only. Each
    group newest first (``updated_at``, then ``id``), so the order is total and every page
    continues the one before it.

    Why two groups: a common word ("palvelu") is in the text of every service but in few names.
    Ranking only the name matches (a GIN index on ``search_name``, migration 0005) and taking the
    rest in ``updated_at`` order lets a page be read off an index with a LIMIT instead of ranking
    and sorting every match.

    Two ways to find the matches, the same rows either way (PostgreSQL):

    - ``dense=False``: the GIN index gives every matching translation, then the services are
      joined and sorted. Its work grows with the number of matches: best for rare words.
    - ``dense=True``: services are read in index order (``id`` for the count, ``updated_at`` for
      a page) and each is checked on its own translations; the LIMIT stops the scan. Its work
      grows with the services read before the LIMIT is reached: best when most services match.

    A sample of the first DENSITY_SAMPLE services picks the way (:meth:`measure`). Words in
    fewer than DENSE_SHARE of them are ranked all at once by :meth:`ranked`, which counts them
    too; the others are counted up to the cap and paged by :meth:`rows`.

    SQLite: matching by substring (``icontains``), one way only (:meth:`rows`); the name group
    has no rank.
    """

    def __init__(self, services: QuerySet[Service], *, text: str, language: str | None = None) -> None:
        self.services = services.order_by()
        self.terms = search_terms(text)
        self.language = language
        self.postgres = connection.vendor == "postgresql"

    def _condition(self, column: str, table: str = "") -> tuple[str, list[str]]:
        """``column @@ tsquery`` (and the language) on the translation table, with its parameters."""
        tsquery = tsquery_param_sql(self.language)
        params = [tsquery_text(self.terms)] * tsquery.count("%s")
        prefix = f"{table}." if table else ""
        sql = f"{prefix}{column} @@ {tsquery}"
        if self.language is not None:
            sql += f" AND {prefix}language = %s"
            params.append(self.language)
        return sql, params

    def _ids(self, column: str) -> QuerySet[ServiceTranslation, Any]:
        """``service_id`` of the matching translations: a GIN index scan (the tsquery is unknown to
        the planner, see :func:`tsquery_param_sql`)."""
        if not self.postgres:
            matches = _fallback_matches(self.terms, self.language, names_only=column == "search_name")
        else:
            sql, params = self._condition(column)
            matches = ServiceTranslation.objects.filter(RawSQL(sql, params, output_field=BooleanField()))  # noqa: S611
        return matches.order_by().values("service_id")

    def _each_sql(self, column: str, service_id: str, *, negate: bool = False) -> tuple[str, list[str]]:
        """Whether the service ``service_id`` (an SQL column) has a matching translation, checked
        for each service read (PostgreSQL).

        ``OFFSET 0`` keeps PostgreSQL from turning the EXISTS into a join over all matching
        translations (a join would find them all before the first row is returned)."""
        sql, params = self._condition(column, "t")
        exists = (
            f"{'NOT ' if negate else ''}EXISTS (SELECT 1 FROM {ServiceTranslation._meta.db_table} t "  # noqa: S608 (constants)
            f"WHERE t.service_id = {service_id} AND {sql} OFFSET 0)"
        )
        return exists, params

    def _each(self, column: str, *, negate: bool = False) -> RawSQL:
        sql, params = self._each_sql(column, f"{Service._meta.db_table}.id", negate=negate)
        return RawSQL(sql, params, output_field=BooleanField())  # noqa: S611

    def measure(self, *, cap: int) -> tuple[int | None, bool]:
        """Whether the words are in many services (in at least DENSE_SHARE of the first
        DENSITY_SAMPLE services) and, if they are, how many services match, counting at most
        ``cap + 1``: ``(count, True)`` or ``(None, False)``, in one statement (a CASE runs the
        count only when the sample says so).

        With fewer matches the count is left to the page, which ranks them all at once and
        counts them exactly with the same query (:meth:`ranked`); in one language, where
        counting up to the cap costs little (see :meth:`_counted`), they are counted so from
        LANGUAGE_SHARE of the sample on: ``(count, False)``. SQLite: ``(count, False)``."""
        if not self.terms:
            return 0, False
        if not self.postgres:
            return self.count(cap=cap, dense=False), False
        sample_sql, sample_params = self._sample().query.sql_with_params()
        each_sql, each_params = self._each_sql("search_document", "sample.pk")
        count_sql, count_params = self._counted(dense=True)[: cap + 1].query.sql_with_params()
        # Built from the ORM's SQL of the querysets above; the words are parameters.
        share = "seen > 0 AND found >= %s * seen"
        cases = f"WHEN {share} THEN (SELECT count(*) FROM ({count_sql}) AS capped)"  # noqa: S608
        params = [*each_params, *sample_params, DENSE_SHARE, DENSE_SHARE, *count_params]
        if self.language is not None:
            # In one language the matching translations are counted as read from the index.
            sql, language_params = self._counted(dense=False)[: cap + 1].query.sql_with_params()
            cases += f" WHEN {share} THEN (SELECT count(*) FROM ({sql}) AS capped)"  # noqa: S608
            params += [LANGUAGE_SHARE, *language_params]
        statement = (
            f"WITH sampled AS (SELECT count(*) AS seen, count(*) FILTER (WHERE {each_sql}) AS found "  # noqa: S608
            f"FROM ({sample_sql}) AS sample) SELECT {share}, CASE {cases} END FROM sampled"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            dense, count = cursor.fetchone()
        return count, dense

    def _sample(self) -> QuerySet[Service, Any]:
        return self.services.order_by("pk").values("pk")[:DENSITY_SAMPLE]

    def matching(self, *, dense: bool) -> QuerySet[Service]:
        if not self.terms:
            return self.services.none()
        if dense and self.postgres:
            return self.services.filter(self._each("search_document"))
        return self.services.filter(pk__in=self._ids("search_document"))

    def _counted(self, *, dense: bool) -> QuerySet[Any, Any]:
        """One row per matching service, to count. In one language a service has one translation
        at most, so its matching translations are counted as they are read from the index (the
        count stops at its LIMIT); in any language a service's translations are joined first."""
        if self.language is not None and self.postgres and not dense and self.terms:
            sql, params = self._condition("search_document")
            translations = ServiceTranslation.objects.filter(RawSQL(sql, params, output_field=BooleanField()))  # noqa: S611
            if self.services.query.where:  # the caller's filters
                translations = translations.filter(service_id__in=self.services.values("pk"))
            return translations.order_by().values("pk")
        return self.matching(dense=dense).order_by().values("pk")

    def count(self, *, cap: int | None, dense: bool) -> int:
        """How many services match, counting at most ``cap + 1`` (all of them without a cap)."""
        counted = self._counted(dense=dense)
        return counted.count() if cap is None else counted[: cap + 1].count()

    def named(self) -> QuerySet[Service]:
        """The services whose name matches, best first (``search_rank``: the best ``ts_rank`` of a
        matching name, 1 on SQLite). Without the caller's joins and prefetches (ids and ranks).

        PostgreSQL: one join to the translations whose name matches (the GIN index on
        ``search_name``, 0005), ranked from the rows the join reads anyway. The columns are
        qualified with the translation table's name: the caller's queryset must not join the
        translations itself."""
        plain = self.services.select_related(None).prefetch_related(None)
        if not self.postgres:
            return (
                plain.filter(pk__in=self._ids("search_name"))
                .annotate(search_rank=Value(1.0, output_field=FloatField()))
                .order_by("-updated_at", "-id")
            )
        table = ServiceTranslation._meta.db_table
        sql, params = self._condition("search_name", table)
        tsquery = tsquery_param_sql(self.language)
        rank_params = [tsquery_text(self.terms)] * tsquery.count("%s")
        rank = RawSQL(f"ts_rank({table}.search_name, {tsquery})", rank_params, output_field=FloatField())  # noqa: S611
        return (
            plain.filter(translations__isnull=False)
            .filter(RawSQL(sql, params, output_field=BooleanField()))  # noqa: S611
            .annotate(search_rank=Max(rank))
            .order_by("-search_rank", "-updated_at", "-id")
        )

    def ranked(self) -> QuerySet[Service, tuple[int, float, int]]:
        """(id, rank, number of matches) of every match in the search's order, ranked in one query
        (PostgreSQL): for words in few services, where ranking all the matches costs less than
        counting them apart and reading the name matches and the others apart. The same order as
        :meth:`rows`: name matches (``search_named``) first, then ``search_rank``, ``updated_at``
        and ``id``; the window count counts the matches exactly.

        A translation whose name matches also matches by its document (the name is in it), so the
        translations joined by the document say which names match."""
        table = ServiceTranslation._meta.db_table
        sql, params = self._condition("search_document", table)
        name_sql, name_params = self._condition("search_name", table)
        tsquery = tsquery_param_sql(self.language)
        rank_params = [tsquery_text(self.terms)] * tsquery.count("%s")
        named = RawSQL(f"CASE WHEN {name_sql} THEN 1 ELSE 0 END", name_params, output_field=IntegerField())  # noqa: S611
        rank = RawSQL(  # noqa: S611
            f"CASE WHEN {name_sql} THEN ts_rank({table}.search_name, {tsquery}) ELSE 0 END",
            [*name_params, *rank_params],
            output_field=FloatField(),
        )
        return (
            self.services.select_related(None)
            .prefetch_related(None)
            .filter(translations__isnull=False)
            .filter(RawSQL(sql, params, output_field=BooleanField()))  # noqa: S611
            .annotate(search_named=Max(named), search_rank=Max(rank), search_total=TotalRows())
            .order_by("-search_named", "-search_rank", "-updated_at", "-id")
            .values_list("pk", "search_rank", "search_total")
        )

    def others(self, *, dense: bool) -> QuerySet[Service]:
        """The services matched by their description only (no name matches), newest first."""
        if dense and self.postgres:
            found = self.matching(dense=True).filter(self._each("search_name", negate=True))
        else:
            found = self.matching(dense=False).exclude(pk__in=self._ids("search_name"))
        return found.order_by("-updated_at", "-id")

    def rows(self, bottom: int, top: int, *, dense: bool) -> list[Service]:
        """Services ``bottom`` to ``top`` (exclusive) of the search, in its order, each with its
        ``search_rank`` (0 for a match by the description only).

        The ids of a slice of the name matches (the same query counts them), then, if the page
        needs more, the ids of the next services matched by their description only; then the
        page's services with the caller's ``select_related`` and prefetches. At most five
        queries and the prefetches, however many services match."""
        if not self.terms or top <= bottom:
            return []
        named = (
            self.named().annotate(search_named=TotalRows()).values_list("pk", "search_rank", "search_named")
        )
        found = list(named[bottom:top])
        ranked = [(pk, rank) for pk, rank, _total in found]
        if len(ranked) < top - bottom:
            named_total = (
                found[0][2] if found else self.services.filter(pk__in=self._ids("search_name")).count()
            )
            start = max(0, bottom - named_total)
            others = self.others(dense=dense).values_list("pk", flat=True)
            ranked += [(pk, 0.0) for pk in others[start : start + top - bottom - len(ranked)]]
        return self.fetch(ranked)

    def fetch(self, ranked: list[tuple[int, float]]) -> list[Service]:
        """The services of ``(id, rank)`` pairs in their order, with the caller's joins and
        prefetches (two queries for the caller's ``_for_list``), each with its ``search_rank``."""
        if not ranked:
            return []
        services = self.services.in_bulk([pk for pk, _rank in ranked])
        rows = []
        for pk, rank in ranked:
            service = services[pk]
            service.search_rank = rank  # type: ignore[attr-defined]  # as the annotation would
            rows.append(service)
        return rows


class CappedPage(Page):
    """A page of a search with more matches than the count's cap: whether a next page exists is
    known from the rows (one more than the page is read), not from the count."""

    def __init__(self, object_list: list[Service], number: int, paginator: Paginator, *, more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1


class SearchPaginator(Paginator):
    """Pages of the staff list's search of ``object_list`` (the services to search, filtered and
    with their ``select_related``/``prefetch_related``) for ``text``.

    ``count`` is exact up to ``cap`` matches. Words in many services are counted no further:
    ``capped`` is true and ``count`` is ``cap + 1`` (the list says "more than 1 000 services"),
    since counting every match of a word that is in every service cost more than the whole
    page. When capped, pages go on past the cap by their "next" link (a page reads one row more
    to know whether another page follows), and ``num_pages`` is only a lower bound; a page
    number past the end counts every match once to find the last page. Words in few services
    (PostgreSQL) are ranked all at once and that query counts them exactly, above the cap too.
    The order is :class:`ServiceSearch`'s.
    """

    def __init__(
        self,
        object_list: QuerySet[Service],
        per_page: int,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
        *,
        text: str,
        language: str | None = None,
        cap: int | None = None,
    ) -> None:
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        self.search = ServiceSearch(object_list, text=text, language=language)
        self.cap = COUNT_CAP if cap is None else cap
        self.exact = False  # counted without the cap (to find the last page)

    @cached_property
    def _measured(self) -> tuple[int | None, bool]:
        return self.search.measure(cap=self.cap)

    @property
    def dense(self) -> bool:
        return self._measured[1]

    @cached_property
    def count(self) -> int:
        counted = self._measured[0]
        if counted is None:  # words in few services: the ranked page counts them (see page)
            self.exact = True
            return self.search.count(cap=None, dense=False)
        return counted

    @property
    def capped(self) -> bool:
        return not self.exact and self._measured[0] is not None and self.count > self.cap

    def get_page(self, number: Any) -> Page:
        try:
            whole: int | None = self._whole(number)
        except PageNotAnInteger:
            whole = 1
        except EmptyPage:
            whole = None
        if whole is not None:
            try:
                return self.page(whole)
            except EmptyPage:
                pass
        return self.page(self._last_page())

    def page(self, number: Any) -> Page:
        number = self._whole(number)
        bottom = (number - 1) * self.per_page
        if bottom > MAX_OFFSET:  # no catalogue has so many services; keeps the OFFSET a bigint
            raise EmptyPage(self.error_messages["no_results"])
        if self._measured[0] is None:
            return self._ranked_page(number, bottom)
        if self.capped:
            rows = self.search.rows(bottom, bottom + self.per_page + self.orphans + 1, dense=True)
            if not rows and number > 1:
                raise EmptyPage(self.error_messages["no_results"])
            more = len(rows) > self.per_page + self.orphans
            return CappedPage(rows[: self.per_page] if more else rows, number, self, more=more)
        if self.search.postgres and not self.dense:
            return self._ranked_page(number, bottom)
        number = self.validate_number(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return Page(self.search.rows(bottom, top, dense=self.dense), number, self)

    def _ranked_page(self, number: int, bottom: int) -> Page:
        """A page of a search whose words are in few services (PostgreSQL): the page's ids come
        with the exact number of matches (``COUNT(*) OVER ()``), so the matches are found once;
        only a page past the last one counts apart, to find the last page."""
        found = list(self.search.ranked()[bottom : bottom + self.per_page + self.orphans])
        self.exact = True
        if found:
            self.__dict__["count"] = found[0][2]
        elif bottom == 0:
            self.__dict__["count"] = 0
        number = self.validate_number(number)  # counts apart only when the page has no rows
        if bottom + self.per_page + self.orphans < self.count:
            found = found[: self.per_page]
        return Page(self.search.fetch([(pk, rank) for pk, rank, _total in found]), number, self)

    def _last_page(self) -> int:
        """The last page's number; when the count was capped, every match is counted first."""
        if self.capped:
            self.__dict__["count"] = self.search.count(cap=None, dense=False)
            self.__dict__.pop("num_pages", None)
            self.exact = True
        return self.num_pages

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
