from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kotopolku.accounts.enums import Role
from kotopolku.accounts.permissions import can, require
from kotopolku.audit.models import AuditEvent
from kotopolku.contacts.models import Contact
from kotopolku.contacts.tests.factories import ContactFactory
from kotopolku.core.testing.permission_matrix import assert_actions_declared, permission_matrix

pytestmark = pytest.mark.django_db

DESK_STAFF = {Role.ADVISOR, Role.PERMIT_EXPERT, Role.COORDINATOR}

CONTACT_ACTIONS = {
    "contacts.log": DESK_STAFF,
    "contacts.view": DESK_STAFF,
    "contacts.correct": {Role.COORDINATOR},
    "contacts.delete": {Role.COORDINATOR},
}
# edit_own is about the user's own contact: tested below with a contact the user logged.
OWN_CONTACT_ACTIONS = {"contacts.edit_own": DESK_STAFF}


@pytest.mark.parametrize("case", permission_matrix(CONTACT_ACTIONS))
def test_permission_matrix__contact_actions(case, permission_world):
    permission_world.assert_case(
        case, make_object=lambda service_point: ContactFactory(service_point=service_point)
    )


@pytest.mark.parametrize("case", permission_matrix(OWN_CONTACT_ACTIONS))
def test_permission_matrix__edit_own__on_a_contact_the_user_logged(case, permission_world):
    user = permission_world.user_with(case.role)
    contact = ContactFactory(service_point=permission_world.service_point(case.where), logged_by=user)
    assert can(user, case.action, contact) is case.allowed, str(case)
    if not case.allowed:
        with pytest.raises(PermissionDenied):
            require(user, case.action, contact)
        assert AuditEvent.objects.filter(actor=user, action=case.action, outcome="denied").exists()


def test_permission_matrix__covers_every_contacts_action():
    assert_actions_declared("contacts.", {**CONTACT_ACTIONS, **OWN_CONTACT_ACTIONS, **CODE_LIST_ACTIONS})


# The topics code list is the same everywhere: an administrator anywhere keeps it.
CODE_LIST_ACTIONS = {"contacts.manage_topics": {Role.ADMINISTRATOR}}


@pytest.mark.parametrize("case", permission_matrix(CODE_LIST_ACTIONS, other=CODE_LIST_ACTIONS))
def test_permission_matrix__topics_code_list(case, permission_world):
    from kotopolku.contacts.models import Topic

    permission_world.assert_case(case, make_object=lambda service_point: Topic.objects.first())


def test_edit_own__someone_elses_contact__is_denied(desk):
    contact = ContactFactory(service_point=desk.point, logged_by=desk.colleague)
    assert not can(desk.advisor, "contacts.edit_own", contact)


def test_edit_own__after_seven_days__is_denied_but_a_coordinator_corrects(desk):
    contact = ContactFactory(service_point=desk.point, logged_by=desk.advisor)
    Contact.objects.filter(pk=contact.pk).update(created_at=timezone.now() - timedelta(days=7, minutes=1))
    contact.refresh_from_db()
    assert not can(desk.advisor, "contacts.edit_own", contact)
    assert can(desk.coordinator, "contacts.correct", contact)


def test_edit_own__within_seven_days__is_allowed(desk):
    contact = ContactFactory(service_point=desk.point, logged_by=desk.advisor)
    Contact.objects.filter(pk=contact.pk).update(created_at=timezone.now() - timedelta(days=6, hours=23))
    contact.refresh_from_db()
    assert can(desk.advisor, "contacts.edit_own", contact)
