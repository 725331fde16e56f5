"""service_search: the one selector behind staff search and the HSDS ``search`` parameter.
Runs on SQLite (icontains) and PostgreSQL (full-text search) alike."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kotopolku.catalogue.models import Service, ServiceTranslation
from kotopolku.catalogue.selectors import SearchPaginator, service_search
from kotopolku.catalogue.selectors.search import ServiceSearch, service_search_ids
from kotopolku.catalogue.tests.factories import ServiceFactory, service_named

pytestmark = pytest.mark.django_db


@pytest.fixture
def services():
    course = service_named(
        "Kotoutumiskoulutus",
        en="Integration training",
        sv="Integrationsutbildning",
        description="Suomen kielen opetusta maahanmuuttajille.",
    )
    tax = service_named("Verokortti", en="Tax card", description="Verokortti ennen ensimmäistä palkkaa.")
    russian = ServiceFactory()
    ServiceTranslation.objects.create(
        service=russian, language="ru", name="Курсы финского языка", description=""
    )
    return {"course": course, "tax": tax, "russian": russian}


def found(text, language=None):
    return set(service_search(text=text, language=language).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kotoutumiskoulutus", {"course"}),
        ("kotoutumis", {"course"}),  # word prefix
        ("integration", {"course"}),
        ("Integrationsutbildning", {"course"}),
        ("verokortti", {"tax"}),
        ("tax card", {"tax"}),
        ("kielen opetusta", {"course"}),  # words of the description
        ("Курсы", {"russian"}),
        ("kotoutumis verokortti", set()),  # every word must match
    ],
)
def test_service_search__finds_by_name_and_description_in_any_language(services, text, expected):
    assert found(text) == {services[key].pk for key in expected}
    assert set(service_search_ids(text=text).values_list("service_id", flat=True)) == found(text)


def test_service_search_ids__name_each_service_once_for_counting(services):
    # "integration" matches the English and the Swedish name of the same service.
    assert Service.objects.filter(pk__in=service_search_ids(text="integration")).count() == 1
    assert list(
        service_search_ids(text="integration", language="en").values_list("service_id", flat=True)
    ) == [services["course"].pk]
    assert not service_search_ids(text="integration", language="fi").exists()
    assert not service_search_ids(text="  !!! ").exists()


def test_service_search__count_and_first_page__one_query_each(services, django_assert_num_queries):
    for _ in range(25):
        service_named("Asumisneuvonta", description="Neuvontaa asumiseen.")
    with django_assert_num_queries(2):
        results = service_search(text="neuvonta")
        assert results.count() == 25
        assert len(list(results[:20])) == 20


def test_service_search__language__limits_to_that_language(services):
    assert found("integration", language="en") == {services["course"].pk}
    assert found("integration", language="fi") == set()


@pytest.mark.parametrize("text", ["", "   ", "!!! ---", "'; DROP TABLE x; --", "a:*|!(", "\u202e\x00"])
def test_service_search__no_words_or_hostile_text__never_fails(services, text):
    assert isinstance(found(text), set)


def test_service_search__huge_text__is_cut_and_never_fails(services):
    assert found("kotoutumis " * 2000) == {services["course"].pk}


def test_service_search__result_can_be_filtered_further(services):
    assert set(service_search(text="verokortti").filter(status="active").values_list("pk", flat=True)) == {
        services["tax"].pk
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL full-text search")
def test_service_search__postgres__stems_finnish_and_ranks_names_first(services):
    other = service_named("Neuvonta", description="Kerromme myös verokortista.")
    results = list(service_search(text="verokortin"))
    assert results[0].pk == services["tax"].pk
    assert other.pk in {s.pk for s in results}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's")
def test_service_search__postgres__parses_the_query_once_per_statement(services):
    # The tsquery is a scalar subquery (an InitPlan): computed once, and unknown to the planner,
    # which then never trades the GIN index for evaluating @@ on every row.
    sql, params = service_search(text="kotoutumis").values_list("pk", flat=True)[:20].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "InitPlan" in plan
    assert "search_document @@ $" in plan
    assert "::tsquery" not in plan  # no query constant folded into the plan


def listed():
    """The services as the staff list hands them to SearchPaginator (joins and prefetches)."""
    return Service.objects.select_related("organisation", "last_checked_by").prefetch_related("translations")


def all_pages(text, per_page, **kwargs):
    pages, number = [], 1
    while True:
        page = SearchPaginator(listed(), per_page, text=text, **kwargs).get_page(number)
        pages.append(page)
        if not page.has_next():
            return pages
        number = page.next_page_number()


@pytest.fixture
def housing():
    """14 services whose text says "neuvonta": 4 by name (one in Swedish only), 10 by their
    description only; updated at known times, two of them at the same moment (the id decides)."""
    now = timezone.now()
    by_name = [
        service_named("Asumisneuvonta", description="Neuvonta asumiseen."),
        service_named("Neuvonta", description="Neuvonta kaikille."),
        service_named("Velkaneuvonta ja neuvonta", description="Neuvonta veloista."),
        service_named("Bostadsrådgivning", sv="Neuvonta på svenska", description="Neuvonta ruotsiksi."),
    ]
    by_text = [
        service_named(f"Asuntopalvelu {index}", description="Neuvonta asumisesta.") for index in range(10)
    ]
    for minutes, service in enumerate([*by_name, *by_text]):
        Service.objects.filter(pk=service.pk).update(updated_at=now - timedelta(minutes=minutes))
    Service.objects.filter(pk=by_text[5].pk).update(updated_at=now - timedelta(minutes=4))
    others = [service_named(f"Kielikurssi {index}", description="Suomea aikuisille.") for index in range(3)]
    return {"by_name": by_name, "by_text": by_text, "others": others}


def expected_order(housing):
    by_text = Service.objects.filter(pk__in=[s.pk for s in housing["by_text"]]).order_by("-updated_at", "-id")
    return [s.pk for s in housing["by_name"]], list(by_text.values_list("pk", flat=True))


def crowd(count=200):
    """Services that do not match, so that the words are in few of the services."""
    services = Service.objects.bulk_create([Service() for _ in range(count)])
    ServiceTranslation.objects.bulk_create(
        [ServiceTranslation(service=s, language="fi", name=f"Kielikurssi {s.pk}") for s in services]
    )


@pytest.mark.parametrize("cap", [1000, 5])
@pytest.mark.parametrize("per_page", [3, 4, 5, 20])
@pytest.mark.parametrize("in_few", [False, True], ids=["words in most services", "in few"])
@pytest.mark.parametrize("language", [None, "fi"])
def test_search_paginator__pages_follow_one_another__name_matches_first(
    housing, per_page, cap, in_few, language
):
    if in_few:
        crowd(40)  # 14 of 57 services
    by_name, by_text = expected_order(housing)
    if language == "fi":  # the Swedish name does not count
        by_text = list(
            Service.objects.filter(pk__in=[by_name[3], *by_text])
            .order_by("-updated_at", "-id")
            .values_list("pk", flat=True)
        )
        by_name = by_name[:3]

    pages = all_pages("neuvonta", per_page, cap=cap, language=language)
    rows = [row for page in pages for row in page.object_list]

    # Every match once, no gaps: each page continues the one before it.
    named = len(by_name)
    assert len(rows) == len({row.pk for row in rows}) == 14
    assert {row.pk for row in rows[:named]} == set(by_name)
    assert [row.pk for row in rows[named:]] == by_text  # newest first; the same moment: the higher id
    # Name matches: best rank first (all alike on SQLite), then newest, then the higher id.
    assert rows[:named] == sorted(
        rows[:named], key=lambda row: (-row.search_rank, -row.updated_at.timestamp(), -row.pk)
    )
    if connection.vendor == "postgresql":
        assert rows[0].search_rank > rows[named - 1].search_rank
    assert all(row.search_rank == 0 for row in rows[named:])
    assert [len(page.object_list) for page in pages[:-1]] == [per_page] * (len(pages) - 1)
    assert [page.number for page in pages] == list(range(1, len(pages) + 1))
    paginator = pages[0].paginator
    if connection.vendor == "postgresql":
        assert paginator.dense is not in_few
        # Words in few services are counted exactly by the ranked page; in most, or in one
        # language in some, up to the cap.
        counted_up_to_cap = cap < 14 and (not in_few or language is not None)
        assert (paginator.count, paginator.capped) == ((6, True) if counted_up_to_cap else (14, False))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one way to find the matches on SQLite")
def test_service_search__both_ways_to_find_matches__give_the_same_rows(housing):
    search = ServiceSearch(listed(), text="neuvonta")

    for dense in (True, False):
        assert search.count(cap=None, dense=dense) == 14
        assert search.count(cap=5, dense=dense) == 6
    for bottom, top in ((0, 3), (2, 7), (4, 14), (12, 30), (20, 25)):
        assert [s.pk for s in search.rows(bottom, top, dense=True)] == [
            s.pk for s in search.rows(bottom, top, dense=False)
        ]
    # In one language a service has one translation at most: its matches are counted as read.
    for language, found in (("fi", 14), ("sv", 1), ("en", 0)):
        in_language = ServiceSearch(listed(), text="neuvonta", language=language)
        assert in_language.count(cap=None, dense=False) == in_language.count(cap=None, dense=True) == found
        assert in_language.count(cap=2, dense=False) == min(found, 3)
    filtered = ServiceSearch(listed().exclude(pk=housing["by_text"][0].pk), text="neuvonta", language="fi")
    assert filtered.count(cap=None, dense=False) == filtered.count(cap=None, dense=True) == 13
    # The words are in 14 of the 17 services: counted service by service (up to the cap). In
    # fewer services they are counted by the page, which ranks them all at once.
    assert search.measure(cap=5) == (6, True)
    assert search.measure(cap=20) == (14, True)
    assert ServiceSearch(listed(), text="kielikurssi").measure(cap=5) == (None, False)
    ranked = list(search.ranked())
    assert [pk for pk, _rank, _total in ranked] == [s.pk for s in search.rows(0, 20, dense=True)]
    assert {total for _pk, _rank, total in ranked} == {14}
    # In one language, words in some services (14 of 57) are counted up to the cap as read.
    crowd(40)
    assert ServiceSearch(listed(), text="neuvonta", language="fi").measure(cap=5) == (6, False)
    assert ServiceSearch(listed(), text="neuvonta", language="fi").measure(cap=20) == (14, False)
    assert ServiceSearch(listed(), text="neuvonta", language="sv").measure(cap=5) == (None, False)
    assert ServiceSearch(listed(), text="neuvonta").measure(cap=5) == (None, False)


def test_search_paginator__count_is_capped__next_pages_still_reachable(
    housing, django_assert_max_num_queries
):
    paginator = SearchPaginator(listed(), 5, text="neuvonta", cap=10)
    first = paginator.get_page(1)
    assert (paginator.count, paginator.capped) == (11, True)
    assert (first.has_next(), first.next_page_number(), first.has_previous()) == (True, 2, False)

    third = SearchPaginator(listed(), 5, text="neuvonta", cap=10).get_page(3)
    assert (third.has_next(), len(third.object_list), third.start_index(), third.end_index()) == (
        False,
        4,
        11,
        14,
    )

    # Past the end: every match is counted to find the last page, which is shown.
    past = SearchPaginator(listed(), 5, text="neuvonta", cap=10)
    last = past.get_page(9)
    assert (past.count, past.capped, last.number, len(last.object_list)) == (14, False, 3, 4)


def test_search_paginator__count_below_the_cap_is_exact(housing):
    paginator = SearchPaginator(listed(), 5, text="neuvonta")
    page = paginator.get_page(1)
    assert (paginator.count, paginator.capped, paginator.num_pages, page.has_next()) == (14, False, 3, True)
    assert SearchPaginator(listed(), 5, text="neuvonta", cap=14).capped is False
    assert SearchPaginator(listed(), 5, text="neuvonta", cap=13).capped is True


def test_search_paginator__queries_do_not_grow_with_matches_or_page_size(
    housing, django_assert_max_num_queries
):
    def queries(text, per_page, number=1, **kwargs):
        with CaptureQueriesContext(connection) as captured:
            page = SearchPaginator(listed(), per_page, text=text, **kwargs).get_page(number)
            [row.organisation for row in page.object_list]
            [list(row.translations.all()) for row in page.object_list]
        return len(captured.captured_queries)

    # Words in most services (14 of 17): counted up to the cap, then the name matches and the
    # others read apart. The same with 40 more matches and a page five times the size.
    capped, exact = queries("neuvonta", 6, cap=10), queries("neuvonta", 6)
    for index in range(40):
        service_named(f"Palvelupiste {index}", description="Neuvonta.")
    assert queries("neuvonta", 30, cap=10) == capped
    assert queries("neuvonta", 30, cap=100) == exact
    # A page past the name matches reads their count apart; a capped page past the end counts all.
    assert queries("neuvonta", 5, number=11, cap=10) <= capped + 1
    with django_assert_max_num_queries(capped + 5):  # the page asked, the full count, the last page
        SearchPaginator(listed(), 5, text="neuvonta", cap=10).get_page(99)
    # The count (with the density sample), the name matches, the others, the rows (organisation
    # and user joined) and their translations.
    assert exact <= capped <= 5

    # Words in few services (54 of 254): PostgreSQL ranks and counts them in one query.
    crowd()
    few = queries("neuvonta", 6)
    assert queries("neuvonta", 30) == few
    assert few == (4 if connection.vendor == "postgresql" else capped)


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("9", 3), ("0", 3), ("-1", 3), ("x", 1), (None, 1), (2.0, 2), ("2.0", 1), ("9" * 40, 3), (2.5, 1)],
)
@pytest.mark.parametrize("cap", [1000, 10])
@pytest.mark.parametrize("in_few", [False, True], ids=["words in most services", "in few"])
def test_search_paginator__pages_out_of_range_or_not_numbers__as_django_paginator(
    housing, asked, shown, cap, in_few
):
    if in_few:
        crowd()
    page = SearchPaginator(listed(), 5, text="neuvonta", cap=cap).get_page(asked)
    expected = Paginator(list(range(14)), 5).get_page(asked)

    assert page.number == expected.number == shown
    assert len(page.object_list) == len(expected.object_list)


@pytest.mark.parametrize("in_few", [False, True], ids=["words in most services", "in few"])
def test_search_paginator__orphans_and_no_matches(housing, in_few):
    if in_few:
        crowd()
    last = SearchPaginator(listed(), 6, orphans=2, text="neuvonta").get_page(2)
    capped_last = SearchPaginator(listed(), 6, orphans=2, text="neuvonta", cap=5).get_page(2)
    none = SearchPaginator(listed(), 10, text="xylofoni").get_page(1)
    no_words = SearchPaginator(listed(), 10, text="  !!! ").get_page(1)

    assert (last.paginator.num_pages, len(last.object_list), last.has_next()) == (2, 8, False)
    assert (len(capped_last.object_list), capped_last.has_next()) == (8, False)
    assert (none.paginator.count, list(none.object_list), none.number) == (0, [], 1)
    assert (no_words.paginator.count, list(no_words.object_list)) == (0, [])


def test_search_paginator__keeps_the_callers_filters(housing):
    wanted = housing["by_text"][3]
    Service.objects.filter(pk=wanted.pk).update(status="inactive")
    Service.objects.filter(pk=housing["by_name"][0].pk).update(status="inactive")

    for cap in (1000, 1):
        page = SearchPaginator(listed().filter(status="inactive"), 10, text="neuvonta", cap=cap).get_page(1)
        assert [row.pk for row in page.object_list] == [housing["by_name"][0].pk, wanted.pk]


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE x; --",
        "a & b | !c:* (d)",
        "neuvonta:*",
        "neuvonta & (",
        '"neuvonta"',
        "\u202e\x00",
        "x" * 5000,
    ],
)
def test_search_paginator__hostile_text__never_fails(housing, text):
    page = SearchPaginator(listed(), 5, text=text, cap=3).get_page(1)
    assert page.paginator.count >= 0
