from __future__ import annotations

import datetime

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from kotopolku.core.home import HomePanel, render_home_panels


def render(source: str, **context: object) -> str:
    return Template("{% load i18n components %}" + source).render(Context(context))


class PersonForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As in the passport")
    topics = forms.MultipleChoiceField(
        label="Topics", choices=[("a", "Housing"), ("b", "Work")], widget=forms.CheckboxSelectMultiple
    )
    consent = forms.BooleanField(label="Agrees", required=False)


def test_field__with_error__links_label_hint_and_error_to_the_input():
    form = PersonForm(data={"name": ""})
    html = render("{% field form.name %}", form=form)
    assert '<label class="hds-text-input__label" for="id_name">Name' in html
    assert 'aria-describedby="id_name_hint id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_name_error"' in html and "hds-text-input--invalid" in html


def test_field__checkboxes__are_a_fieldset_with_a_legend_and_keep_the_choices_ticked():
    form = PersonForm(data={"name": "x", "topics": ["b"]})
    html = render("{% field form.topics %}", form=form)
    assert "<fieldset" in html and "<legend" in html and "data-option-group" in html
    assert 'value="b" id="id_topics_1" checked' in html
    assert 'value="a" id="id_topics_0">' in html


def test_form_fields__renders_each_field_once_in_order():
    html = render("{% form_fields form %}", form=PersonForm())
    assert html.index('for="id_name"') < html.index("<legend") < html.index('for="id_consent"')
    assert html.count('name="name"') == 1


def test_error_summary__lists_each_error_with_a_link_to_its_field_and_is_empty_for_a_valid_form():
    html = render("{% error_summary form %}", form=PersonForm(data={}))
    assert 'id="error-summary"' in html and 'href="#id_name"' in html and 'href="#id_topics"' in html
    assert (
        render("{% error_summary form %}", form=PersonForm(data={"name": "x", "topics": ["a"]})).strip() == ""
    )


def test_button__variants_and_links():
    assert 'class="hds-button hds-button--secondary" href="/x"' in render(
        '{% button "Go" variant="secondary" href="/x" %}'
    )
    assert '<button type="submit" class="hds-button hds-button--primary">' in render('{% button "Save" %}')
    with pytest.raises(Exception, match="Unknown button variant"):
        render('{% button "Oops" variant="purple" %}')


def test_pagination__shows_first_last_and_neighbours_and_keeps_the_query():
    page = Paginator(range(500), 10).get_page(20)
    html = render('{% pagination page "q=ab" %}', page=page)
    for number in (1, 18, 19, 20, 21, 22, 50):
        assert f'?q=ab&amp;page={number}"' in html
    assert 'page=10"' not in html and 'aria-current="page"' in html and html.count("…") == 2
    assert render("{% pagination page %}", page=Paginator(range(5), 10).get_page(1)).strip() == ""


def test_table__stack_layout_and_caption():
    html = render(
        '{% table caption="People" layout="stack" %}'
        '<tbody><tr><td data-label="Name">A</td></tr></tbody>{% endtable %}'
    )
    assert "kp-table--stack" in html and "<caption" in html and 'data-label="Name"' in html
    scroll = render('{% table caption="Hours" %}<tbody></tbody>{% endtable %}')
    assert 'tabindex="0" role="region" aria-label="Hours"' in scroll


def test_tabs_breadcrumbs_status_and_page_header():
    html = render('{% tabs "Record" %}{% tab "A" "/a" current=True %}{% tab "B" "/b" count=3 %}{% endtabs %}')
    assert 'aria-label="Record"' in html and 'href="/a" aria-current="page"' in html and "3</span>" in html
    crumbs = render('{% breadcrumbs "Clients" "/clients/" "Aino" %}')
    assert 'href="/clients/">Clients</a>' in crumbs and '<span aria-current="page">Aino</span>' in crumbs
    assert "hds-status-label--success" in render('{% status_tag "Active" "success" %}')
    header = render('{% page_header "Title" "Lead" %}<a href="/n">New</a>{% endpage_header %}')
    assert "<h1>Title</h1>" in header and "Lead" in header and 'href="/n"' in header


def test_confirm_action__is_a_link_to_the_confirmation_page_and_a_dialog_that_posts():
    html = render('{% confirm_action "/remove/" "Remove" "Remove this step?" %}', csrf_token="tok")
    assert 'href="/remove/" data-confirm-dialog="confirm-dialog-1"' in html
    assert '<dialog class="kp-dialog" id="confirm-dialog-1"' in html
    assert '<form method="post" action="/remove/">' in html and 'value="tok"' in html


def _panel_context(request):
    return {"who": request.user.full_name}


def _silent_panel(request):
    return None


def test_home_panels__only_for_the_roles_named_and_not_when_the_panel_has_nothing_to_say(
    monkeypatch, tmp_path, settings
):
    (tmp_path / "panel.html").write_text("<section>panel for {{ who }}</section>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    panels = (
        HomePanel(template="panel.html", roles=("advisor",), context=_panel_context, order=2),
        HomePanel(template="panel.html", roles=("coordinator",), context=_silent_panel, order=1),
    )
    monkeypatch.setattr("kotopolku.core.home.home_panels", lambda: list(panels))
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.user.full_name = "Aino"
    assert [str(p) for p in render_home_panels(request, {"advisor"})] == ["<section>panel for Aino</section>"]
    assert render_home_panels(request, {"coordinator", "reporting_viewer"}) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "6.12.2026 klo 18.11"), ("sv", "6.12.2026 kl. 18.11"), ("en", "6 Dec 2026 18:11")],
)
def test_dates__each_staff_language_has_its_own_form(language, expected):
    moment = datetime.datetime(2026, 12, 6, 18, 11)
    with translation.override(language):
        assert render("{{ moment }}", moment=moment) == expected
        assert render('{{ moment|date:"SHORT_DATETIME_FORMAT" }}', moment=moment) == expected
