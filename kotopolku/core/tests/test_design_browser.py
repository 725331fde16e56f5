"""Every staff page type for every role, in a real browser: screenshots at 1366 px and 390 px
(written under var/screenshots/, outside the repository), axe-core in Finnish, Swedish and
English, no sideways scrolling of a list page on a phone, and names in every script drawn with
the bundled fonts. One browser page is reused for the whole run."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.management import call_command

from kotopolku.accounts.demo import DEMO_PASSWORD
from kotopolku.core.testing.browser import assert_accessible, log_in
from kotopolku.core.testing.code_lists import restore_code_lists

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
WIDTHS = (1366, 390)
LANGUAGES = ("fi", "sv", "en")


@pytest.fixture
def demo_world():
    # A transactional test may start from flushed tables: the code lists first, then the demo.
    restore_code_lists()
    call_command("demo", stdout=io.StringIO())
    from kotopolku.catalogue.models import Service, ServicePath
    from kotopolku.clients.models import Client
    from kotopolku.contacts.models import Contact, Topic
    from kotopolku.organisations.models import Organisation

    client = Client.objects.filter(service_point__slug="ih-rovaniemi", status="active").first()
    contact = Contact.objects.filter(service_point__slug="ih-rovaniemi").first()
    service = Service.objects.first()
    path = ServicePath.objects.first()
    user = django_apps.get_model("accounts", "User").objects.get(email="advisor.rovaniemi@demo.kotopolku.fi")
    return {
        "client": client.uuid,
        "contact": contact.uuid,
        "service": service.uuid,
        "path": path.uuid,
        "organisation": Organisation.objects.first().uuid,
        "user": user.uuid,
        "topic": Topic.objects.first().pk,
    }


def pages_of(role: str, ids: dict) -> list[tuple[str, str, bool]]:
    """(name, URL, is a list page) of each staff page type the role uses."""
    home = [("home", "/", False)]
    catalogue = [
        ("services", "/catalogue/", True),
        ("service", f"/catalogue/services/{ids['service']}/", False),
        ("paths", "/catalogue/paths/", True),
        ("path", f"/catalogue/paths/{ids['path']}/", False),
    ]
    desk = [
        ("desk", "/contacts/", True),
        ("contacts", "/contacts/all/", True),
        ("contact", f"/contacts/{ids['contact']}/", False),
    ]
    clients = [
        ("clients", "/clients/", True),
        ("client-search", "/clients/?q=Ivanova", True),
        ("register", "/clients/new/", False),
        ("client", f"/clients/{ids['client']}/", False),
        ("client-edit", f"/clients/{ids['client']}/edit/", False),
        ("client-export", f"/clients/{ids['client']}/export/", False),
    ]
    organisations = [("organisations", "/organisations/", True)]
    coordinator_only = [
        ("retention", "/clients/retention/", True),
        ("duplicates", f"/clients/{ids['client']}/duplicates/", False),
        ("audit", "/audit/", True),
        ("service-edit", f"/catalogue/services/{ids['service']}/edit/", False),
        ("unchecked", "/catalogue/unchecked/", True),
        ("organisation-edit", f"/organisations/{ids['organisation']}/", False),
    ]
    administrator = [
        ("users", "/accounts/users/", True),
        ("user", f"/accounts/users/{ids['user']}/", False),
        ("topics", "/contacts/topics/", True),
        ("topic", f"/contacts/topics/{ids['topic']}/", False),
        ("look", "/organisations/municipalities/698/look/", False),
    ]
    return {
        "advisor.rovaniemi": [*home, *desk[:1], *clients, *catalogue, *organisations],
        "coordinator": [*home, *desk, *clients, *coordinator_only, *catalogue, *organisations],
        "partner.kela": home,
        "reporting": [*home, *organisations],
        "admin": [*home, *administrator],
    }[role]


def set_language(page, base_url: str, language: str) -> None:
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}])


ROLES = ("advisor.rovaniemi", "coordinator", "partner.kela", "reporting", "admin")


def test_every_staff_page__each_role__screenshots_axe_in_three_languages_no_sideways_scroll(
    browser_page, live_server, demo_world
):
    page = browser_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for role in ROLES:
        page.context.clear_cookies()
        log_in(page, live_server.url, f"{role}@demo.kotopolku.fi", DEMO_PASSWORD)
        check_pages(page, live_server.url, role, pages_of(role, demo_world))


def check_pages(page, base_url: str, role: str, pages: list[tuple[str, str, bool]]) -> None:
    for name, url, is_list in pages:
        for language in LANGUAGES:
            set_language(page, base_url, language)
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            response = page.goto(f"{base_url}{url}")
            assert response is not None and response.status == 200, (
                f"{role} {url}: {response and response.status}"
            )
            assert page.get_attribute("html", "lang") == language
            assert_accessible(page, context=f"{role} {name} ({language})")
            if language == "fi":
                page.screenshot(path=SCREENSHOTS / f"{role}-{name}-{WIDTHS[0]}.png", full_page=True)
                page.set_viewport_size({"width": WIDTHS[1], "height": 844})
                page.screenshot(path=SCREENSHOTS / f"{role}-{name}-{WIDTHS[1]}.png", full_page=True)
                if is_list:
                    sideways = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                    assert sideways <= 0, f"{role} {url} scrolls sideways by {sideways} px at {WIDTHS[1]} px"


def test_names_in_every_script__are_drawn_with_the_bundled_fonts_not_boxes(browser_page, live_server):
    """The machine running this has no Thai or Chinese system font: without the webfonts these
    names would be drawn as boxes of one width."""
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    names = {
        "thai": ("Noto Sans Thai", "ศิริพร ชัยสิทธิ์"),
        "chinese": ("Noto Sans SC", "张敏 李梅"),
        "arabic": ("Noto Sans Arabic", "مريم حسيني"),
        "devanagari": ("Noto Sans", "प्रिया नायर"),
        "cyrillic": ("Noto Sans", "Андрій Бондаренко"),
    }
    for script, (family, text) in names.items():
        loaded = page.evaluate(
            "async ([family, text]) => (await document.fonts.load(`16px '${family}'`, text)).length",
            [family, text],
        )
        assert loaded > 0, f"no bundled font face covers the {script} name"
        widths = page.evaluate(
            """([text]) => {
                const measure = (font) => {
                    const span = document.createElement('span');
                    span.style.font = font;
                    span.style.whiteSpace = 'nowrap';
                    span.textContent = text;
                    document.body.append(span);
                    const width = span.getBoundingClientRect().width;
                    span.remove();
                    return width;
                };
                return {
                    product: measure(`16px ${getComputedStyle(document.body).fontFamily}`),
                    fallback: measure("16px 'No Such Font', serif"),
                };
            }""",
            [text],
        )
        assert widths["product"] > 0
        assert abs(widths["product"] - widths["fallback"]) > 1, (
            f"the {script} name renders as the fallback does"
        )
