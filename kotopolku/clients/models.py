from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotopolku.clients.enums import (
    CefrLevel,
    ClientStatus,
    ConsentPurpose,
    Gender,
    NameKeyKind,
    ResidenceBasis,
)
from kotopolku.core.models import PublicIdModel, ServicePointScopedModel, TimeStampedModel
from kotopolku.core.versioning import VersionedModel


def _staff_reference(verbose_name: Any) -> models.ForeignKey[Any, Any]:
    """A staff member named on a record (responsible, recorded, withdrew, added, removed); the
    record stays, with the reference empty, when the account goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class Client(ServicePointScopedModel, VersionedModel):
    """A registered client of a service point (DOMAIN.md, work object 2)."""

    given_names = models.CharField(_("given names as written"), max_length=200, blank=True)
    family_name = models.CharField(_("family name as written"), max_length=200, blank=True)
    given_names_latin = models.CharField(_("given names in Latin letters"), max_length=200, blank=True)
    family_name_latin = models.CharField(_("family name in Latin letters"), max_length=200, blank=True)
    # A birth date may be known in part: the year alone, or year and month.
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True, db_index=True)
    birth_month = models.PositiveSmallIntegerField(_("birth month"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("birth day"), null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, default=Gender.NOT_TOLD)
    citizenships = models.JSONField(
        _("citizenships"), default=list, blank=True, help_text=_("ISO 3166 codes")
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True, help_text=_("E.164"))
    email = models.EmailField(_("e-mail"), blank=True)
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    arrival_date = models.DateField(_("arrival in Finland"), null=True, blank=True)
    residence_basis = models.CharField(
        _("residence basis"), max_length=32, choices=ResidenceBasis.choices, default=ResidenceBasis.UNKNOWN
    )
    permit_type = models.CharField(_("residence permit type"), max_length=100, blank=True)
    permit_expires = models.DateField(_("residence permit expires"), null=True, blank=True)
    personal_identity_code = models.CharField(
        _("personal identity code"), max_length=11, blank=True, db_index=True
    )
    identity_code_is_temporary = models.BooleanField(_("temporary identity code"), default=False)
    responsible_worker = _staff_reference(_("responsible worker"))
    status = models.CharField(
        _("status"), max_length=16, choices=ClientStatus.choices, default=ClientStatus.ACTIVE
    )
    closed_at = models.DateTimeField(_("case closed"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_records"
    )

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        indexes = [
            models.Index(fields=["service_point", "status"], name="client_sp_status_idx"),
            models.Index(fields=["status", "closed_at"], name="client_retention_idx"),
            # The clients list: newest first within a service point.
            models.Index(fields=["service_point", "-created_at", "-id"], name="client_sp_created_idx"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def birth_date_display(self) -> str:
        """The birth date as far as it is known: 4.3.1985, 3/1985 or 1985."""
        if self.birth_year is None:
            return ""
        if self.birth_month is None:
            return str(self.birth_year)
        if self.birth_day is None:
            return f"{self.birth_month}/{self.birth_year}"
        return f"{self.birth_day}.{self.birth_month}.{self.birth_year}"

    @property
    def written_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.family_name) if part)

    @property
    def display_name(self) -> str:
        latin = " ".join(part for part in (self.given_names_latin, self.family_name_latin) if part)
        written = " ".join(part for part in (self.given_names, self.family_name) if part)
        return latin or written or str(_("(no name)"))


class ClientLanguage(TimeStampedModel):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=8, help_text=_("ISO 639 code"))
    level = models.CharField(_("level"), max_length=8, choices=CefrLevel.choices, blank=True)
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)

    class Meta:
        verbose_name = _("client language")
        verbose_name_plural = _("client languages")
        constraints = [models.UniqueConstraint(fields=["client", "language"], name="client_language_unique")]

    def __str__(self) -> str:
        return f"{self.language} {self.level}"


class ClientIdentifier(TimeStampedModel):
    """An identifier other than the Finnish identity code: passport, Migri customer number, etc."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(_("kind"), max_length=40)
    value = models.CharField(_("value"), max_length=64)
    issuing_country = models.CharField(_("issuing country"), max_length=2, blank=True)

    class Meta:
        verbose_name = _("identifier")
        verbose_name_plural = _("identifiers")
        indexes = [models.Index(fields=["value"], name="client_identifier_value_idx")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class ClientNameKey(models.Model):
    """A search key of a client (name token, phonetic key, birth date, phone, identifier).

    Kept in step with the client by the matching services; candidate lookup is an indexed
    equality match on ``key``, so the same code runs on SQLite and PostgreSQL.
    """

    # Indexed by the unique constraint below, which starts with the client.
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="name_keys", db_index=False)
    service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=NameKeyKind.choices)
    key = models.CharField(max_length=64)

    class Meta:
        # The client id in the lookup index too: a lookup reads the index alone, not the table
        # (one table page per key row otherwise, as a key's rows lie all over the table).
        indexes = [models.Index(fields=["service_point", "key", "client"], name="client_namekey_cover_idx")]
        constraints = [
            models.UniqueConstraint(fields=["client", "kind", "key"], name="client_namekey_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"


class ConsentQuerySet(models.QuerySet["Consent"]):
    def in_force(self) -> ConsentQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class Consent(PublicIdModel):
    """A consent the client gave for one purpose; withdrawn, it stays on record with who and when."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=32, choices=ConsentPurpose.choices)
    given_at = models.DateTimeField(_("given"))
    recorded_by = _staff_reference(_("recorded by"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = _staff_reference(_("withdrawn by"))

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="client_consent_one_in_force",
            )
        ]

    def __str__(self) -> str:
        return self.get_purpose_display()

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None


class ClientTeamMemberQuerySet(models.QuerySet["ClientTeamMember"]):
    def current(self) -> ClientTeamMemberQuerySet:
        return self.filter(removed_at__isnull=True)


class ClientTeamMember(PublicIdModel):
    """A staff member who works with the client, brought in by the client's service point.

    A role held through a network (the region's residence-permit expert) reaches a member
    service point's clients only where the user works with them: as the responsible worker or
    on the client's team. A removal stays on record (who and when); a later addition is a new row.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="team_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("staff member")
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    added_by = _staff_reference(_("added by"))
    added_at = models.DateTimeField(_("added"))
    removed_by = _staff_reference(_("removed by"))
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    objects = ClientTeamMemberQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            # Also the index of "does this user work with this client" (the permission check).
            models.UniqueConstraint(
                fields=["client", "user"],
                condition=models.Q(removed_at__isnull=True),
                name="client_team_member_unique",
            )
        ]
        indexes = [
            # The clients a user works with (scoping a network user's lists and searches).
            models.Index(
                fields=["user", "client"],
                condition=models.Q(removed_at__isnull=True),
                name="client_team_user_idx",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)
