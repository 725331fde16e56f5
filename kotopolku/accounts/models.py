from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from kotopolku.accounts.enums import Role
from kotopolku.core.models import PublicIdModel, TimeStampedModel
from kotopolku.core.versioning import VersionedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> User:
        if not email:
            raise ValueError("A user needs an e-mail address")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin, PublicIdModel, VersionedModel):
    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="fi")
    is_active = models.BooleanField(_("active"), default=True)
    # Access to the Django admin only; client data is never reachable through it.
    is_staff = models.BooleanField(_("admin site access"), default=False)
    # Raised to end every session this person has open (``sessions_end``).
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's hash of the password, which a session must match; once this person's
        sessions were ended, of the password and the generation, so that no session signed in
        before matches (with the secret key's fallbacks too). Sessions never ended keep
        Django's hash."""
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]  # not in the stubs
        return salted_hmac(
            "kotopolku.accounts.User.session_generation",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class Membership(TimeStampedModel):
    """A role a user holds at exactly one of: a service point, a network, a partner organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    service_point = models.ForeignKey(
        "organisations.ServicePoint",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    network = models.ForeignKey(
        "organisations.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(service_point__isnull=False, network__isnull=True, organisation__isnull=True)
                    | Q(service_point__isnull=True, network__isnull=False, organisation__isnull=True)
                    | Q(service_point__isnull=True, network__isnull=True, organisation__isnull=False)
                ),
                name="membership_has_exactly_one_scope",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "service_point"],
                condition=Q(service_point__isnull=False),
                name="membership_unique_at_service_point",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "network"],
                condition=Q(network__isnull=False),
                name="membership_unique_in_network",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                name="membership_unique_at_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.scope}"

    @property
    def scope(self) -> object:
        return self.service_point or self.network or self.organisation


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(PublicIdModel):
    """A bearer token for an integration. Only its SHA-256 hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, help_text=_("The first characters, to recognise the token."))
    token_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None and self.revoked_at <= timezone.now()
