from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    INFO_SESSION = "info_session", _("Info session")
    WELCOME = "welcome", _("Welcome event")
    JOB_FAIR = "job_fair", _("Job fair")
    WORKSHOP = "workshop", _("Co-design workshop")
    POP_UP = "pop_up", _("Pop-up visit")
    LANGUAGE_CAFE = "language_cafe", _("Language café")
    CITY_TOUR = "city_tour", _("City tour")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class TargetGroup(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    NEWCOMERS = "newcomers", _("Newly arrived")
    WORK = "work", _("Moved for work")
    FAMILY = "family", _("Moved with family")
    STUDENTS = "students", _("Students")
    JOB_SEEKERS = "job_seekers", _("Job seekers")
    PROTECTION = "protection", _("International or temporary protection")
    EMPLOYERS = "employers", _("Employers")
    PROFESSIONALS = "professionals", _("Professionals and partners")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Not marked")
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")


class HeadCountGender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other or not told")
