"""The staff list's search: a count capped at 1 000 matches, pages in the search's order."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kotopolku.catalogue.selectors import search
from kotopolku.catalogue.tests.factories import service_named

pytestmark = pytest.mark.django_db

URL = reverse("catalogue:service_list")


def names(response):
    return re.findall(r'<td[^>]*><a href="/[^"]*">([^<]+)</a></td>', response.content.decode())


@pytest.fixture
def matches():
    named = [service_named(f"Neuvonta {index}", description="Neuvonta.") for index in range(3)]
    texts = [
        service_named(f"Asuntopalvelu {index}", description="Neuvonta asumisesta.") for index in range(9)
    ]
    service_named("Kielikurssi", description="Suomea aikuisille.")
    return named, texts


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "More than 4 services"), ("fi", "Yli 4 palvelua"), ("sv", "Fler än 4 tjänster")],
)
def test_service_list__many_matches__count_shown_as_more_than_the_cap(
    advisor_client, matches, monkeypatch, language, text
):
    monkeypatch.setattr(search, "COUNT_CAP", 4)
    monkeypatch.setattr("kotopolku.catalogue.views.services.PAGE_SIZE", 5)
    response = advisor_client.get(URL, {"q": "neuvonta"}, HTTP_ACCEPT_LANGUAGE=language)
    content = response.content.decode()
    assert response.status_code == 200
    assert text in content
    assert 'rel="next"' in content and 'rel="prev"' not in content
    assert names(response)[:3] == [s.translations.get().name for s in reversed(matches[0])]


def test_service_list__cap_of_a_thousand__shown_with_grouped_digits(advisor_client, matches, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 1000)
    monkeypatch.setattr(search.SearchPaginator, "capped", property(lambda self: True))
    content = advisor_client.get(URL, {"q": "neuvonta"}, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    assert "Yli 1\xa0000 palvelua" in content


def test_service_list__few_matches__exact_count(advisor_client, matches):
    content = advisor_client.get(URL, {"q": "neuvonta"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "12 services" in content and "More than" not in content
    assert "Kielikurssi" not in content


def test_service_list__capped_pages__follow_one_another_by_next_links(advisor_client, matches, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 2)
    monkeypatch.setattr("kotopolku.catalogue.views.services.PAGE_SIZE", 5)
    seen, url, params = [], URL, {"q": "neuvonta"}
    for _ in range(5):
        response = advisor_client.get(url, params, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        seen += names(response)
        following = re.search(r'href="\?([^"]+)" rel="next"', response.content.decode())
        if following is None:
            break
        url, params = f"{URL}?{following.group(1).replace('&amp;', '&')}", None
    assert len(seen) == len(set(seen)) == 12
    assert "Page 3" in response.content.decode()


def test_service_list__search_page__queries_do_not_grow_with_matches_or_page_size(
    advisor_client, matches, monkeypatch
):
    def queries(**params):
        with CaptureQueriesContext(connection) as captured:
            assert advisor_client.get(URL, params).status_code == 200
        return len(captured.captured_queries)

    monkeypatch.setattr("kotopolku.catalogue.views.services.PAGE_SIZE", 5)
    few = queries(q="neuvonta")
    monkeypatch.setattr(search, "COUNT_CAP", 10)
    capped = queries(q="neuvonta")
    for index in range(30):
        service_named(f"Asuntopalvelu {index}", en=f"Service {index}", description="Neuvonta.")
    monkeypatch.setattr("kotopolku.catalogue.views.services.PAGE_SIZE", 40)
    assert queries(q="neuvonta") == capped
    monkeypatch.setattr(search, "COUNT_CAP", 1000)
    assert queries(q="neuvonta") == few
    assert few <= capped <= 12  # session, user, grants, the form's choices, the search and its rows


@pytest.mark.parametrize(
    "params",
    [
        {"q": "a & b | !c:* (d)"},
        {"q": "neuvonta:* & !"},
        {"q": "'\"neuvonta\"'"},
        {"q": "()"},
        {"q": "neuvonta", "page": "abc"},
        {"q": "neuvonta", "page": "-3"},
        {"q": "neuvonta", "page": "9" * 40},
        {"q": "neuvonta", "page": "1e9"},
    ],
)
def test_service_list__hostile_search__is_answered(advisor_client, matches, params):
    assert advisor_client.get(URL, params).status_code == 200


@pytest.mark.parametrize("text", ["x" * 5000, "neuvonta\x00", "neu\x07vonta\x1b[2J"])
def test_service_list__unusable_search_text__is_400_with_message(advisor_client, matches, text):
    response = advisor_client.get(URL, {"q": text})
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
