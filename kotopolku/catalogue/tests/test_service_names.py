"""Service names are one line without zero-width characters, in the form and whoever else writes them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotopolku.catalogue.models import Service, ServiceTranslation
from kotopolku.catalogue.services import service_save
from kotopolku.catalogue.tests.test_views import service_form_data
from kotopolku.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["Kelan\nasiakaspalvelu", "Kelan\tasiakaspalvelu", "Kelan\r\npalvelu"])
def test_service_form__line_break_or_tab_in_the_name__refused(coordinator_client, name):
    data = service_form_data(OrganisationFactory(), **{"fi-name": name})
    response = coordinator_client.post(reverse("catalogue:service_create"), data)
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert not Service.objects.exists()


def test_service_form__zero_width_characters__removed_from_the_name(coordinator_client):
    data = service_form_data(OrganisationFactory(), **{"fi-name": "Kelan\u200b asiakas\u200dpalvelu\ufeff"})
    response = coordinator_client.post(reverse("catalogue:service_create"), data)
    assert response.status_code == 302
    assert ServiceTranslation.objects.get(language="fi").name == "Kelan asiakaspalvelu"


def test_service_save__name_from_elsewhere__stored_on_one_line(coordinator):
    service = Service(organisation=OrganisationFactory())
    service_save(
        service=service,
        translations={"fi": {"name": " Kelan\n\tasiakas\u2060palvelu ", "description": "Rivi 1\nRivi 2"}},
        by=coordinator,
    )
    row = ServiceTranslation.objects.get(service=service, language="fi")
    assert (row.name, row.description) == ("Kelan asiakaspalvelu", "Rivi 1\nRivi 2")


def test_hsds_import__names_made_one_line__control_characters_refused(tmp_path):
    from kotopolku.catalogue.tests.test_hsds_import import BAD, GOOD_1, _good, _import, _services_file

    path = _services_file(
        tmp_path, [_good(GOOD_1, name="Hyvä\n\tpal\u200bvelu"), _good(BAD, name="Null\x00")]
    )
    report = _import(path)
    assert Service.objects.get(uuid=GOOD_1).translations.get().name == "Hyvä palvelu"
    assert not Service.objects.filter(uuid=BAD).exists()
    assert "control" in " ".join(next(r for r in report.refused if r.ident == BAD).reasons)
