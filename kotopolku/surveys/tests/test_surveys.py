from __future__ import annotations

from datetime import date

import pytest

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix
from kotopolku.organisations.tests.factories import ServicePointFactory
from kotopolku.surveys.models import Answer, Survey, SurveyResponse
from kotopolku.surveys.selectors import average_satisfaction, survey_results
from kotopolku.surveys.services import AnswersInvalid, response_submit, visit_token_issue
from kotopolku.surveys.tests.factories import survey_with_questions

pytestmark = pytest.mark.django_db

SURVEY_ACTIONS = {
    "surveys.view": {Role.ADVISOR, Role.COORDINATOR, Role.REPORTING_VIEWER, Role.ADMINISTRATOR},
    "surveys.manage": {Role.COORDINATOR},
}


@pytest.mark.parametrize("case", permission_matrix(SURVEY_ACTIONS))
def test_permission_matrix__survey(case, permission_world):
    permission_world.assert_case(
        case,
        make_object=lambda service_point: Survey.objects.create(
            service_point=service_point, titles={"fi": "K"}
        ),
    )


def test_permission_matrix__covers_every_survey_action():
    assert_actions_declared("surveys.", SURVEY_ACTIONS)


def _answer(survey, scale, *, language="fi", channel="qr", on=None, text=""):
    questions = list(survey.questions.order_by("position"))
    response = SurveyResponse.objects.create(
        survey=survey, language=language, channel=channel, answered_on=on or date(2026, 11, 1)
    )
    Answer.objects.create(response=response, question=questions[0], scale=scale)
    Answer.objects.create(response=response, question=questions[1], choice=0)
    if text:
        Answer.objects.create(response=response, question=questions[2], text=text)


def _coordinator(point):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.COORDINATOR, service_point=point)
    return user


def test_results__average_distribution_by_language_and_channel_over_a_period_and_texts():
    point = ServicePointFactory()
    survey = survey_with_questions(point)
    _answer(survey, 5, language="fi", channel="qr", text="Hyvä")
    _answer(survey, 3, language="en", channel="site")
    _answer(survey, 4, language="en", channel="site")
    _answer(survey, 1, on=date(2025, 1, 1))
    scale, choice, text = survey_results(
        user=_coordinator(point), survey=survey, start=date(2026, 1, 1), end=date(2026, 12, 31)
    )
    assert scale.count == 3 and scale.average == 4.0
    assert scale.distribution == [("1", 0), ("2", 0), ("3", 1), ("4", 1), ("5", 1)]
    assert scale.average_by_language == [("en", 3.5, 2), ("fi", 5.0, 1)]
    assert scale.average_by_channel == [("qr", 5.0, 1), ("site", 3.5, 2)]
    assert choice.distribution == [("Ystävältä", 3), ("Netistä", 0)]
    assert [t for _, _, t in text.texts] == ["Hyvä"]


def test_average_satisfaction__only_satisfaction_questions_of_those_service_points():
    point, other = ServicePointFactory(), ServicePointFactory()
    _answer(survey_with_questions(point), 5)
    _answer(survey_with_questions(point), 4)
    _answer(survey_with_questions(other), 1)
    figure = average_satisfaction(service_points=[point])
    assert (figure.average, figure.answers) == (4.5, 2)
    assert average_satisfaction(service_points=[]).average is None


def test_response_submit__all_or_nothing():
    survey = survey_with_questions(ServicePointFactory())
    scale, choice, _text = survey.questions.order_by("position")
    with pytest.raises(AnswersInvalid) as error:
        response_submit(
            survey=survey, language="fi", channel="qr",
            answers={str(scale.uuid): "4", str(choice.uuid): "7"}, token=visit_token_issue(),
        )  # fmt: skip
    assert error.value.errors == {str(choice.uuid): "choice"}
    assert not SurveyResponse.objects.exists() and not Answer.objects.exists()


def test_define_a_survey_in_two_languages_and_read_its_results(client, django_assert_max_num_queries):
    point = ServicePointFactory()
    client.force_login(_coordinator(point))
    response = client.post("/surveys/", {"service_point": point.pk, "language": "fi", "title": "Palaute"})
    survey = Survey.objects.get()
    assert response["Location"] == f"/surveys/{survey.uuid}/"
    url = f"/surveys/{survey.uuid}/"
    client.post(url, {"action": "question", "kind": "scale", "language": "fi", "text": "Kuinka tyytyväinen?",
                      "measures_satisfaction": "on", "required": "on"})  # fmt: skip
    client.post(
        url, {"action": "question", "kind": "choice", "language": "fi", "text": "Mistä?", "choices": "A\nB"}
    )
    question = survey.questions.get(kind="choice")
    translation = {"action": "translate", "question": question.uuid, "language": "en", "text": "Where?"}
    bad = client.post(url, {**translation, "choices": "Only one"})
    assert bad.status_code == 400
    client.post(url, {"action": "translate", "question": question.uuid, "language": "en", "text": "Where?",
                      "choices": "A\nB"})  # fmt: skip
    client.post(url, {"action": "title", "language": "en", "title": "Feedback", "version": survey.version})
    survey.refresh_from_db()
    assert survey.titles == {"fi": "Palaute", "en": "Feedback"}
    assert survey.questions.get(kind="choice").choices_in("en") == ["A", "B"]
    for scale in (5, 4):
        _answer_scale_only(survey, scale)
    with django_assert_max_num_queries(12):
        results = client.get(f"/surveys/{survey.uuid}/results/?start=2026-01-01&end=2026-12-31")
    assert results.status_code == 200 and "4,50 / 5" in results.content.decode()
    assert client.get(f"/surveys/{survey.uuid}/results/?start=nonsense").status_code == 400


def _answer_scale_only(survey, value):
    response = SurveyResponse.objects.create(
        survey=survey, language="fi", channel="qr", answered_on=date(2026, 6, 1)
    )
    Answer.objects.create(response=response, question=survey.questions.get(kind="scale"), scale=value)


def test_qr_code__svg_of_the_desk_link(client):
    point = ServicePointFactory(slug="ih-qr")
    survey = survey_with_questions(point)
    client.force_login(_coordinator(point))
    response = client.get(f"/website/surveys/{survey.uuid}/qr.svg?lang=en")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<?xml") and b"<svg" in response.content
    links = client.get(f"/website/surveys/{survey.uuid}/").content.decode()
    assert f"/ih-qr/en/feedback/{survey.uuid}/?channel=qr" in links


def test_advisor__cannot_define_surveys(client):
    point = ServicePointFactory()
    advisor = UserFactory()
    Membership.objects.create(user=advisor, role=Role.ADVISOR, service_point=point)
    client.force_login(advisor)
    assert (
        client.post("/surveys/", {"service_point": point.pk, "language": "fi", "title": "X"}).status_code
        == 403
    )
    assert not Survey.objects.exists()
