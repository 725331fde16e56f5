"""Ask us, accessibility feedback, surveys and "was this page helpful?": what readers send, and
what is refused (hostile text, huge posts, repeats, out-of-scale answers) in their language."""

from __future__ import annotations

import re
from html import unescape

import pytest

from kotopolku.articles.tests.factories import published_article
from kotopolku.audit.models import AuditEvent
from kotopolku.inquiries.enums import InquiryKind
from kotopolku.inquiries.models import Inquiry
from kotopolku.surveys.models import HelpfulVote, SurveyResponse
from kotopolku.surveys.tests.factories import survey_with_questions

pytestmark = pytest.mark.django_db


def _token(html: str) -> str:
    match = re.search(r'name="token" value="([^"]+)"', html)
    assert match
    return match.group(1)


def _ask(client, page_language="en", **fields):
    url = f"/ih-testi/{page_language}/ask/"
    token = _token(client.get(url).content.decode())
    data = {"question": "Where do I get a tax card?", "language": page_language, "answer_by": "email",
            "email": "reader@example.com", "phone": "", "token": token, **fields}  # fmt: skip
    return client.post(url, data)


def test_ask__lands_in_the_inbox_and_the_arrival_is_audited(client, site):
    response = _ask(client)
    assert response.status_code == 302 and response["Location"] == "/ih-testi/en/ask/sent/"
    inquiry = Inquiry.objects.get()
    assert (inquiry.kind, inquiry.email, inquiry.service_point) == (
        InquiryKind.QUESTION,
        "reader@example.com",
        site.service_point,
    )
    assert AuditEvent.objects.filter(action="inquiries.received", target_id=str(inquiry.pk)).exists() or (
        AuditEvent.objects.filter(action="inquiries.received").count() == 1
    )


def test_ask__same_form_twice__409_and_one_message(client, site):
    url = "/ih-testi/en/ask/"
    token = _token(client.get(url).content.decode())
    data = {
        "question": "Hei",
        "language": "en",
        "answer_by": "email",
        "email": "a@example.com",
        "token": token,
    }
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 409 and Inquiry.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field_message"),
    [
        ({"question": "Hei \u202egnp.exe"}, "Qoraalku wuxuu leeyahay xarfo aan la diri karin."),
        ({"question": "Hei\x00"}, "Qoraalku wuxuu leeyahay xarfo aan la diri karin."),
        ({"email": "not-an-address"}, "Geli cinwaan iimayl"),
        ({"answer_by": "pigeon"}, "Ka dooro liiska"),
        ({"question": ""}, "Qor su'aashaada."),
        ({"language": "xx"}, "Ka dooro liiska"),
    ],
)
def test_ask__bad_input__400_with_a_message_in_the_readers_language_and_nothing_saved(
    client, site, fields, field_message
):
    response = _ask(client, "so", **fields)
    assert response.status_code == 400
    assert field_message in unescape(response.content.decode())
    assert not Inquiry.objects.exists()


def test_ask__huge_post__413_and_nothing_saved(client, site):
    response = _ask(client, "fr", question="x" * 40_000)
    assert response.status_code == 413
    assert "trop volumineux" in response.content.decode()
    assert not Inquiry.objects.exists()


def test_ask__honeypot_filled__400_and_nothing_saved(client, site):
    assert _ask(client, website="http://spam.example").status_code == 400
    assert not Inquiry.objects.exists()


def test_ask__many_posts_from_one_address__429(client, site):
    statuses = [_ask(client, email="same@example.com").status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert Inquiry.objects.count() == 3


def test_accessibility_feedback__statement_and_feedback_to_the_inbox(client, site):
    url = "/ih-testi/fi/accessibility/"
    html = client.get(url).content.decode()
    assert "306/2019" in html and "saavutettavuusvaatimukset.fi" in html
    response = client.post(
        url, {"question": "Kartta ei toimi", "language": "fi", "answer_by": "email", "email": "a@example.com",
              "token": _token(html)},
    )  # fmt: skip
    assert response.status_code == 302
    assert Inquiry.objects.get().kind == InquiryKind.ACCESSIBILITY


def test_helpful__once_per_visit(client, site):
    published_article(service_point=site.service_point, slug="kela", languages=("fi",))
    html = client.get("/ih-testi/fi/articles/kela/").content.decode()
    data = {"article": "kela", "helpful": "yes", "token": _token(html)}
    assert client.post("/ih-testi/fi/helpful/", data).status_code == 302
    assert client.post("/ih-testi/fi/helpful/", data).status_code == 409
    assert client.post("/ih-testi/fi/helpful/", {**data, "helpful": "maybe"}).status_code == 400
    vote = HelpfulVote.objects.get()
    assert vote.helpful and vote.page == "article:kela"


def test_survey__answered_anonymously_once(client, site):
    survey = survey_with_questions(site.service_point)
    url = f"/ih-testi/en/feedback/{survey.uuid}/?channel=qr"
    html = client.get(url).content.decode()
    scale, choice, text = survey.questions.order_by("position")
    data = {
        str(scale.uuid): "5",
        str(choice.uuid): "1",
        str(text.uuid): "Great",
        "token": _token(html),
        "channel": "qr",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 409
    response = SurveyResponse.objects.get()
    assert (response.language, response.channel) == ("en", "qr")
    assert {f.name for f in SurveyResponse._meta.get_fields()} == {
        "id",
        "uuid",
        "created_at",
        "updated_at",
        "survey",
        "language",
        "channel",
        "answered_on",
        "answers",
    }


@pytest.mark.parametrize("value", ["6", "0", "-1", "3.5", "x" * 50])
def test_survey__answer_out_of_the_scale__400_in_the_readers_language_and_nothing_saved(client, site, value):
    survey = survey_with_questions(site.service_point, languages=("fi", "tr"))
    url = f"/ih-testi/tr/feedback/{survey.uuid}/"
    scale = survey.questions.get(kind="scale")
    response = client.post(url, {str(scale.uuid): value, "token": _token(client.get(url).content.decode())})
    assert response.status_code == 400
    assert "1 ile 5 arasında bir sayı seçin." in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_survey__not_in_the_readers_language__404_listing_its_languages(client, site):
    survey = survey_with_questions(site.service_point, languages=("fi",))
    response = client.get(f"/ih-testi/zh/feedback/{survey.uuid}/")
    assert response.status_code == 404
    assert f"/ih-testi/fi/feedback/{survey.uuid}/" in response.content.decode()
