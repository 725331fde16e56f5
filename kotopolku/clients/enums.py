from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    NOT_TOLD = "not_told", _("Not told")


class ResidenceBasis(models.TextChoices):
    WORK = "work", _("Work")
    FAMILY = "family", _("Family")
    STUDY = "study", _("Study")
    INTERNATIONAL_PROTECTION = "international_protection", _("International protection")
    TEMPORARY_PROTECTION = "temporary_protection", _("Temporary protection")
    EU_NORDIC = "eu_nordic", _("EU/Nordic registration")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class ClientStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Case closed")
    MERGED = "merged", _("Merged into another record")
    ANONYMISED = "anonymised", _("Anonymised")


class CefrLevel(models.TextChoices):
    PRE_A1 = "pre_a1", _("Below A1")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
    NATIVE = "native", _("First language")


class NameKeyKind(models.TextChoices):
    TOKEN = "token", _("Name token")
    PHONETIC = "phonetic", _("Phonetic key")
    BIRTH = "birth", _("Birth date")
    PHONE = "phone", _("Phone")
    IDENTIFIER = "identifier", _("Identifier")


class ConsentPurpose(models.TextChoices):
    RECORD_KEEPING = "record_keeping", _("Keeping a client record")
    REFERRAL_SHARING = "referral_sharing", _("Sharing data with a partner for a referral")
    ESF_PARTICIPANT = "esf_participant", _("ESF+ participant data")
    SPECIAL_CATEGORY = "special_category", _("Special-category data (health, disability)")
