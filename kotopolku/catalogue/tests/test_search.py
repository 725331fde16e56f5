"""service_search: the one selector behind staff search and the HSDS ``search`` parameter.
Runs on SQLite (icontains) and PostgreSQL (full-text search) alike."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.db import connection

from kotopolku.catalogue.models import Service, ServiceTranslation
from kotopolku.catalogue.selectors import SearchPaginator, service_search
from kotopolku.catalogue.selectors.search import service_search_ids
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


def test_search_paginator__pages_carry_the_exact_count__one_query_each(services, django_assert_num_queries):
    for index in range(25):
        service_named(f"Asumisneuvonta {index}", description="Neuvontaa asumiseen.")
    ranked = [row.pk for row in service_search(text="neuvonta")]

    pages = []
    for number in (1, 2, 3):
        with django_assert_num_queries(1):
            page = SearchPaginator(service_search(text="neuvonta"), 10).get_page(number)
            assert page.paginator.count == 25
        pages.append(page)

    assert [row.pk for page in pages for row in page.object_list] == ranked
    assert [len(page.object_list) for page in pages] == [10, 10, 5]
    assert (pages[0].has_next(), pages[2].has_next(), pages[2].number, pages[0].paginator.num_pages) == (
        True,
        False,
        3,
        3,
    )


@pytest.mark.parametrize(
    ("asked", "shown"), [("9", 3), ("0", 3), ("-1", 3), ("x", 1), (None, 1), (2.0, 2), ("2.0", 1)]
)
def test_search_paginator__pages_out_of_range_or_not_numbers__as_django_paginator(services, asked, shown):
    for index in range(25):
        service_named(f"Asumisneuvonta {index}", description="Neuvontaa asumiseen.")
    page = SearchPaginator(service_search(text="neuvonta"), 10).get_page(asked)
    expected = Paginator(service_search(text="neuvonta"), 10).get_page(asked)

    assert page.number == expected.number == shown
    assert [row.pk for row in page.object_list] == [row.pk for row in expected.object_list]
    assert page.paginator.count == 25


def test_search_paginator__orphans_and_no_matches(services):
    for index in range(21):
        service_named(f"Asumisneuvonta {index}", description="Neuvontaa asumiseen.")

    last = SearchPaginator(service_search(text="neuvonta"), 10, orphans=1).get_page(2)
    none = SearchPaginator(service_search(text="xylofoni"), 10).get_page(1)

    assert (last.paginator.num_pages, len(last.object_list), last.has_next()) == (2, 11, False)
    assert (none.paginator.count, list(none.object_list), none.number) == (0, [], 1)
