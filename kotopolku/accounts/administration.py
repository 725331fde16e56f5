"""Users and their memberships, managed by a service point's administrator in the product itself
(not the Django admin): list, create, edit, deactivate users; add and end memberships.

An administrator manages the users who hold a role at a service point they administer (directly
or through a network), and users who hold no role yet; a membership they add is at one of those
service points.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts import two_factor
from kotopolku.accounts.enums import Role
from kotopolku.accounts.models import Membership, User
from kotopolku.accounts.permissions import Action, forget_grants, register, roles, service_point_ids
from kotopolku.audit.enums import Outcome
from kotopolku.audit.services import audit_record
from kotopolku.core.versioning import versioned_update
from kotopolku.organisations.models import ServicePoint

register(
    Action("accounts.administer", roles(Role.ADMINISTRATOR), purpose="user administration"),
    Action(
        "accounts.second_factor_reset",
        roles(Role.ADMINISTRATOR),
        purpose="resetting a staff member's authenticator",
    ),
)

SERVICE_POINT_ROLES = [(role.value, role.label) for role in Role if role != Role.PARTNER_STAFF]


def administered_points(user: Any) -> set[int]:
    return service_point_ids(user, "accounts.administer")


def users_administered(*, by: Any) -> QuerySet[User]:
    points = administered_points(by)
    return (
        User.objects.filter(Q(memberships__service_point_id__in=points) | Q(memberships__isnull=True))
        .distinct()
        .order_by("full_name", "email")
    )


def user_administered(*, by: Any, uuid: Any) -> User:
    user = users_administered(by=by).filter(uuid=uuid).first()
    if user is None:
        raise PermissionDenied("accounts.administer")
    return user


class UserForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ["full_name", "email", "language", "is_active"]
        help_texts = {"is_active": _("A deactivated user cannot log in; their name stays in the records.")}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Another user has this e-mail address."), code="duplicate")
        return email

    def clean_full_name(self) -> str:
        return self.cleaned_data["full_name"].strip()


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=SERVICE_POINT_ROLES)
    service_point = forms.ModelChoiceField(label=_("Service point"), queryset=ServicePoint.objects.none())

    def __init__(self, *args: Any, by: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        points = self.fields["service_point"]
        assert isinstance(points, forms.ModelChoiceField)
        points.queryset = ServicePoint.objects.filter(id__in=administered_points(by)).order_by("name")


@transaction.atomic
def user_save(*, user: User, by: Any, expected_version: int | None = None) -> User:
    """Create a user, or change one under a row lock, writing only the fields that differ; a
    stale ``expected_version`` raises ``StaleVersion`` and nothing is written."""
    if user.pk is None:
        user.set_unusable_password()
        user.save()
        audit_record(actor=by, action="accounts.user_created", target=user)
        return user
    changes = {name: getattr(user, name) for name in UserForm.Meta.fields}
    locked, changed = versioned_update(user, changes=changes, expected_version=expected_version)
    forget_grants(locked)
    if changed:
        audit_record(
            actor=by,
            action="accounts.user_changed",
            target=locked,
            details={"fields": changed, "version": locked.version},
        )
    return locked


@transaction.atomic
def membership_add(*, user: User, role: str, service_point: ServicePoint, by: Any) -> Membership:
    if service_point.pk not in administered_points(by):
        raise PermissionDenied("accounts.administer")
    membership, _created = Membership.objects.get_or_create(user=user, role=role, service_point=service_point)
    audit_record(
        actor=by,
        action="accounts.membership_added",
        target=user,
        details={"role": role, "service_point": str(service_point.uuid)},
        service_point_id=service_point.pk,
    )
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, by: Any) -> None:
    point = membership.service_point
    if point is None or point.pk not in administered_points(by):
        raise PermissionDenied("accounts.administer")
    audit_record(
        actor=by,
        action="accounts.membership_ended",
        target=membership.user,
        details={"role": membership.role, "service_point": str(point.uuid)},
        service_point_id=membership.service_point_id,
    )
    membership.delete()


def may_reset_second_factor(*, by: Any, user: User) -> bool:
    """An administrator resets the authenticator of someone who holds a role at a service point
    they administer."""
    points = service_point_ids(by, "accounts.second_factor_reset")
    return bool(points) and user.memberships.filter(service_point_id__in=points).exists()


def require_second_factor_reset(*, by: Any, user: User) -> None:
    """Raise PermissionDenied, after auditing the attempt, unless ``by`` may reset ``user``'s
    authenticator."""
    if may_reset_second_factor(by=by, user=user):
        return
    audit_record(
        actor=by,
        action="accounts.second_factor_reset",
        target=user,
        purpose="resetting a staff member's authenticator",
        outcome=Outcome.DENIED,
    )
    raise PermissionDenied("accounts.second_factor_reset")


@transaction.atomic
def second_factor_reset(*, user: User, by: Any) -> int:
    require_second_factor_reset(by=by, user=user)
    return two_factor.reset_second_factor(user, by=by)
