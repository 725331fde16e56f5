"""Feedback surveys and their anonymous answers.

An answer keeps no IP address, no cookie and no time of day: only the date, the language and
the channel it came through. "One per visit" is kept by the digest of the one-time token the
form carried, stored apart from the answer (nothing links the two).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotopolku.core.models import PublicIdModel
from kotopolku.core.versioning import VersionedModel
from kotopolku.surveys.enums import AnswerChannel, QuestionKind

SCALE_MIN = 1
SCALE_MAX = 5
MAX_TEXT_ANSWER = 2000


class Survey(PublicIdModel, VersionedModel):
    service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.PROTECT, related_name="surveys"
    )
    titles = models.JSONField(_("titles"), default=dict, help_text=_("Title per language"))
    is_open = models.BooleanField(_("open for answers"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title_in("fi")

    @property
    def display_title(self) -> str:
        return self.title_in("fi")

    def title_in(self, language: str) -> str:
        titles: dict[str, str] = self.titles or {}
        return titles.get(language) or titles.get("fi") or titles.get("en") or next(iter(titles.values()), "")

    @property
    def languages(self) -> list[str]:
        return list((self.titles or {}).keys())


class Question(PublicIdModel):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    # {"fi": {"text": "…", "choices": ["…", "…"]}, "en": {…}}
    texts = models.JSONField(_("texts"), default=dict)
    required = models.BooleanField(_("required"), default=False)
    measures_satisfaction = models.BooleanField(
        _("measures satisfaction"),
        default=False,
        help_text=_("Its answers count towards the service point's average satisfaction."),
    )

    class Meta:
        ordering = ["survey", "position", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def text_in(self, language: str) -> str:
        texts: dict[str, dict[str, object]] = self.texts or {}
        entry = texts.get(language) or texts.get("fi") or next(iter(texts.values()), {})
        return str(entry.get("text", ""))

    @property
    def display_text(self) -> str:
        return self.text_in("fi")

    def choices_in(self, language: str) -> list[str]:
        texts: dict[str, dict[str, object]] = self.texts or {}
        entry = texts.get(language) or texts.get("fi") or next(iter(texts.values()), {})
        choices = entry.get("choices") or []
        return [str(choice) for choice in choices] if isinstance(choices, list) else []


class SurveyResponse(PublicIdModel):
    """One anonymous filling of a survey."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    language = models.CharField(_("language"), max_length=16)
    channel = models.CharField(_("channel"), max_length=16, choices=AnswerChannel.choices)
    answered_on = models.DateField(_("answered on"), db_index=True)

    class Meta:
        ordering = ["-answered_on", "-id"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    scale = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )
    choice = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale__isnull=True) | models.Q(scale__gte=SCALE_MIN, scale__lte=SCALE_MAX),
                name="surveys_answer_scale_range",
            ),
            models.UniqueConstraint(fields=["response", "question"], name="surveys_answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.scale or self.choice or self.text[:20]}"


class UsedVisitToken(models.Model):
    """The digest of a form's one-time token once it has been answered: one answer per visit."""

    digest = models.CharField(max_length=64, unique=True)
    used_on = models.DateField(db_index=True)

    def __str__(self) -> str:
        return self.digest[:12]


class HelpfulVote(models.Model):
    """ "Was this page helpful?" on a public page: yes or no, anonymous."""

    service_point = models.ForeignKey(
        "organisations.ServicePoint", on_delete=models.CASCADE, related_name="+"
    )
    page = models.CharField(_("page"), max_length=200)
    language = models.CharField(_("language"), max_length=16)
    helpful = models.BooleanField(_("helpful"))
    voted_on = models.DateField(_("date"), db_index=True)

    class Meta:
        indexes = [models.Index(fields=["service_point", "page"], name="surveys_helpful_page")]

    def __str__(self) -> str:
        return f"{self.page} {self.helpful}"
