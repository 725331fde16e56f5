from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from kotopolku.casework.models import Assessment, Case, CaseNote, FollowUp, Goal, Plan, Step
from kotopolku.clients.tests.factories import ClientFactory


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    client = factory.SubFactory(ClientFactory)
    service_point = factory.LazyAttribute(lambda o: o.client.service_point)
    opened_because = "desk"


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    client = factory.SubFactory(ClientFactory)
    service_point = factory.LazyAttribute(lambda o: o.client.service_point)
    number = factory.Sequence(lambda n: n + 1)
    literacy = "literate"
    reads_latin = True
    conclusion = "integration"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    client = factory.SubFactory(ClientFactory)
    service_point = factory.LazyAttribute(lambda o: o.client.service_point)
    kind = "integration"
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=365))


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Goal {n}")


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    goal = factory.SubFactory(GoalFactory)
    plan = factory.LazyAttribute(lambda o: o.goal.plan)
    text = factory.Sequence(lambda n: f"Step {n}")
    owner = "client"


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    plan = factory.SubFactory(PlanFactory)
    planned_on = factory.LazyFunction(timezone.localdate)


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseNote

    client = factory.SubFactory(ClientFactory)
    service_point = factory.LazyAttribute(lambda o: o.client.service_point)
    text = "A note"
