from __future__ import annotations

import socket

import pytest
from aiosmtpd.controller import Controller

from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership
from kotopolku.accounts.tests.factories import UserFactory
from kotopolku.audit.enums import Outcome
from kotopolku.audit.models import AuditEvent
from kotopolku.contacts.enums import Channel
from kotopolku.contacts.models import Contact, Topic
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix
from kotopolku.inquiries.enums import AnswerBy, InquiryStatus
from kotopolku.inquiries.tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db

INBOX_ACTIONS = {"inquiries.answer": {Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR}}


@pytest.mark.parametrize("case", permission_matrix(INBOX_ACTIONS))
def test_permission_matrix__inquiry(case, permission_world):
    permission_world.assert_case(
        case, make_object=lambda service_point: InquiryFactory(service_point=service_point)
    )


def test_permission_matrix__covers_every_inbox_action():
    assert_actions_declared("inquiries.", INBOX_ACTIONS)


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; Django sends through it."""
    mailbox = _Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    yield mailbox
    controller.stop()


def _advisor(point):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.ADVISOR, service_point=point)
    return user


def _topic() -> Topic:
    return Topic.objects.filter(active=True).first() or Topic.objects.create(
        code="living", name_fi="Asuminen", name_sv="Boende", name_en="Housing"
    )


def test_answer_by_email__sent_over_smtp_and_logged_as_a_desk_contact(client, smtp_server):
    inquiry = InquiryFactory()
    advisor = _advisor(inquiry.service_point)
    client.force_login(advisor)
    url = f"/inquiries/{inquiry.uuid}/"
    assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(actor=advisor, action="inquiries.answer", outcome=Outcome.DONE).exists()
    topic = _topic()
    response = client.post(
        url, {"answer": "At the DVV service point.", "topics": [topic.code], "version": inquiry.version}
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ANSWERED and inquiry.answered_by == advisor
    contact = Contact.objects.get()
    assert (contact.channel, contact.service_point_id, contact.logged_by) == (
        Channel.EMAIL,
        inquiry.service_point_id,
        advisor,
    )
    assert inquiry.contact == contact
    [(_sender, recipients, body)] = smtp_server.messages
    assert recipients == ["reader@example.com"] and b"At the DVV service point." in body


def test_answer__mail_server_down__nothing_saved(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", _free_port(), False
    inquiry = InquiryFactory()
    client.force_login(_advisor(inquiry.service_point))
    response = client.post(
        f"/inquiries/{inquiry.uuid}/",
        {"answer": "Hello", "topics": [_topic().code], "version": inquiry.version},
    )
    assert response.status_code == 400
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.NEW and not Contact.objects.exists()


def test_answer_by_phone__recorded_as_a_phone_contact(client):
    inquiry = InquiryFactory(answer_by=AnswerBy.PHONE, email="", phone="+358401234567")
    client.force_login(_advisor(inquiry.service_point))
    client.post(
        f"/inquiries/{inquiry.uuid}/",
        {"answer": "Told them.", "topics": [_topic().code], "version": inquiry.version},
    )
    assert Contact.objects.get().channel == Channel.PHONE


def test_answer__stale_version__409(client):
    inquiry = InquiryFactory(answer_by=AnswerBy.PHONE, email="", phone="+358401234567")
    client.force_login(_advisor(inquiry.service_point))
    response = client.post(
        f"/inquiries/{inquiry.uuid}/",
        {"answer": "Hi", "topics": [_topic().code], "version": inquiry.version + 1},
    )
    assert response.status_code == 409 and not Contact.objects.exists()


def test_other_service_points_inquiry__403_and_audited(client):
    inquiry = InquiryFactory()
    stranger = _advisor(InquiryFactory().service_point)
    client.force_login(stranger)
    assert client.get(f"/inquiries/{inquiry.uuid}/").status_code == 403
    assert AuditEvent.objects.filter(actor=stranger, outcome=Outcome.DENIED).exists()


def test_inbox_list__fixed_number_of_queries(client, django_assert_max_num_queries):
    first = InquiryFactory()
    client.force_login(_advisor(first.service_point))
    for _ in range(10):
        InquiryFactory(service_point=first.service_point)
    with django_assert_max_num_queries(10):
        response = client.get("/inquiries/")
    assert response.status_code == 200 and response.content.decode().count("/inquiries/") >= 11
