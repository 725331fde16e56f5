from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    REVOKED = "revoked", _("Revoked")


class SharedField(models.TextChoices):
    """What of the client a referral shows the partner, besides the reason and the message."""

    NAME = "name", _("Name")
    BIRTH_YEAR = "birth_year", _("Birth year")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    LANGUAGES = "languages", _("Languages")


class EventKind(models.TextChoices):
    CREATED = "created", _("Created")
    SENT = "sent", _("Sent")
    OPENED = "opened", _("Opened by the partner")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
    REVOKED = "revoked", _("Revoked")
    LINK_SENT = "link_sent", _("Answer link e-mailed to the partner")


# Where a referral may go from each status (the lifecycle of DOMAIN.md, work object 5).
TRANSITIONS: dict[str, frozenset[str]] = {
    ReferralStatus.DRAFT: frozenset({ReferralStatus.SENT, ReferralStatus.CANCELLED}),
    ReferralStatus.SENT: frozenset(
        {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.CANCELLED, ReferralStatus.REVOKED}
    ),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.COMPLETED, ReferralStatus.REVOKED}),
    ReferralStatus.DECLINED: frozenset(),
    ReferralStatus.COMPLETED: frozenset(),
    ReferralStatus.CANCELLED: frozenset(),
    ReferralStatus.REVOKED: frozenset(),
}

OPEN_STATUSES = frozenset({ReferralStatus.SENT, ReferralStatus.ACCEPTED})
