"""The directory and search lists: flat reads, the filter form written in one pass."""

from __future__ import annotations

import pytest
from django.utils import translation

from kotopolku.catalogue.tests.factories import service_named
from kotopolku.website.fields import plain_fields
from kotopolku.website.forms import DirectoryForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"q": 'x<"&', "situation": "work", "open_now": "on"},
        {"language": "so", "organisation": "Kela & co"},
    ],
)
@pytest.mark.parametrize("language", ["fi", "ar"])
def test_filter_form__the_same_markup_as_django_writes(data, language):
    with translation.override(language):
        form = DirectoryForm(data)
        form.is_valid()
        fields = plain_fields(form)
        assert fields is not None
        assert [str(field["widget"]) for field in fields] == [str(bound) for bound in form]


def test_filter_form__with_errors__left_to_django():
    form = DirectoryForm({"situation": "no-such"})
    assert not form.is_valid() and plain_fields(form) is None


def test_directory__cards_in_the_readers_language__two_queries_after_the_site(
    client, site, django_assert_num_queries
):
    service_named("Verokortti", en="Tax card", description="Hae verokortti. " * 30)
    service_named("Kelan neuvonta")
    client.get("/ih-testi/en/services/?n=0")  # the site is kept after its first page
    with django_assert_num_queries(2):
        html = client.get("/ih-testi/en/services/?n=1").content.decode()
    assert '<a href="/ih-testi/en/services/' in html and ">Tax card</a>" in html
    assert 'lang="fi">Kelan neuvonta</a>' in html  # no English name: the Finnish one, marked
    finnish = client.get("/ih-testi/fi/services/?n=2").content.decode()
    assert "Hae verokortti. Hae" in finnish and "…" in finnish  # the description cut at 200 characters


def test_search__articles_and_services__three_queries_after_the_site(
    client, site, django_assert_max_num_queries
):
    service_named("Verokortti", en="Tax card")
    client.get("/ih-testi/fi/services/?n=0")
    with django_assert_max_num_queries(3):
        html = client.get("/ih-testi/fi/search/?q=verokortti").content.decode()
    assert ">Verokortti</a>" in html
