from __future__ import annotations

import datetime as dt

import factory

from kotopolku.indicators.enums import AgeGroup, LabourStatus
from kotopolku.indicators.models import Participant, Project, ProjectPoint
from kotopolku.organisations.tests.factories import ServicePointFactory, municipality


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Hanke {n}")
    starts_on = dt.date(2024, 5, 1)
    ends_on = dt.date(2027, 4, 30)
    programme = "Uudistuva ja osaava Suomi 2021–2027"
    specific_objective = "4.1 Polkuja töihin"


class ProjectPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPoint

    project = factory.SubFactory(ProjectFactory)
    service_point = factory.SubFactory(ServicePointFactory)
    municipality = factory.LazyAttribute(
        lambda o: o.service_point.municipality if o.service_point else municipality()
    )


class ParticipantFactory(factory.django.DjangoModelFactory):
    """A participant row as the entry service leaves it (for report tests that need many)."""

    class Meta:
        model = Participant

    project = factory.SubFactory(ProjectFactory)
    service_point = factory.SubFactory(ServicePointFactory)
    entered_on = dt.date(2025, 3, 1)
    gender = "woman"
    age_group = AgeGroup.FROM_30_TO_54
    labour_status = LabourStatus.UNEMPLOYED
