"""Staff pages of ESF+ participants: making a client a participant, the participant's record with
exit, EURA 2021 marks and follow-ups, and the printable entry and exit data sheet."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.permissions import require
from kotopolku.audit.services import audit_record
from kotopolku.clients.document_language import document_direction
from kotopolku.clients.selectors import client_get
from kotopolku.core.versioning import StaleVersion, version_from_form
from kotopolku.indicators import selectors, services
from kotopolku.indicators.corrections import CORRECTABLE
from kotopolku.indicators.corrections import participant_correct as correct_service
from kotopolku.indicators.forms import CorrectionForm, EnrolForm, ExitForm, FollowUpForm
from kotopolku.indicators.models import ParticipantFollowUp
from kotopolku.indicators.sheet_language import (
    SHEET_LANGUAGES,
    sheet_language,
    sheet_language_choices,
    sheet_language_of,
)


def _apply(form: Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, field_messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, field_messages)


@login_required
@require_http_methods(["GET", "POST"])
def participant_enrol(request: HttpRequest, uuid: UUID) -> HttpResponse:
    client = client_get(uuid=uuid)
    require(request.user, "indicators.participants", client)
    projects = [
        project
        for project in selectors.project_list(user=request.user, action="indicators.participants")
        if project.points.filter(service_point_id=client.service_point_id).exists()
    ]
    form = EnrolForm(
        request.POST or None,
        projects=[(str(p.uuid), " ".join(filter(None, [p.name, p.funder_code]))) for p in projects],
        initial={"entered_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        project = next(p for p in projects if str(p.uuid) == data.pop("project"))
        try:
            participant = services.participant_enrol(
                by=request.user, client=client, project=project, entered_on=data.pop("entered_on"), data=data
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("%(client)s is now a participant.") % {"client": client.display_name})
            return redirect("indicators:participant", uuid=participant.uuid)
    return render(request, "indicators/enrol.html", {"client": client, "form": form, "projects": projects})


def _participant_context(request: HttpRequest, participant: Any, **forms: Any) -> dict[str, Any]:
    follow_ups = list(participant.follow_ups.all())
    return {
        "participant": participant,
        "exit_form": forms.get("exit_form")
        or ExitForm(
            initial={
                "exited_on": participant.exited_on or timezone.localdate(),
                "exit_reason": participant.exit_reason,
                "exit_status": participant.exit_status,
                "version": participant.version,
            }
        ),
        "follow_ups": [
            (
                f,
                forms.get(f"follow_up_{f.pk}")
                or FollowUpForm(prefix=f"f{f.pk}", initial={"done_on": timezone.localdate()}),
            )
            for f in follow_ups
        ],
        "sheet_languages": sheet_language_choices(),
        "corrections": participant.corrections.select_related("corrected_by"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def participant_detail(request: HttpRequest, uuid: UUID) -> HttpResponse:
    participant = selectors.participant_get(user=request.user, uuid=uuid)
    forms: dict[str, Any] = {}
    if request.method == "POST":
        require(request.user, "indicators.participants", participant)
        if "eura" in request.POST:
            try:
                services.participant_eura_mark(
                    by=request.user, participant=participant, part=request.POST["eura"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Marked as entered in EURA 2021."))
            return redirect("indicators:participant", uuid=participant.uuid)
        exit_form = ExitForm(request.POST)
        if exit_form.is_valid():
            data = exit_form.cleaned_data
            try:
                services.participant_exit(
                    by=request.user,
                    participant=participant,
                    exited_on=data["exited_on"],
                    reason=data["exit_reason"],
                    status=data["exit_status"],
                    version=data.get("version"),
                )
            except StaleVersion:
                exit_form.add_error(
                    None, _("Someone else saved this participant meanwhile. Check the data and save again.")
                )
            except ValidationError as error:
                _apply(exit_form, error)
            else:
                messages.success(request, _("The exit was recorded; follow-ups are on the work list."))
                return redirect("indicators:participant", uuid=participant.uuid)
        forms["exit_form"] = exit_form
    else:
        audit_record(
            actor=request.user,
            action="indicators.participant_view",
            target=participant,
            purpose="ESF+ participant data",
        )
    return render(
        request, "indicators/participant_detail.html", _participant_context(request, participant, **forms)
    )


@login_required
@require_POST
def follow_up_record(request: HttpRequest, uuid: UUID) -> HttpResponse:
    follow_up = ParticipantFollowUp.objects.select_related("participant").filter(uuid=uuid).first()
    if follow_up is None:
        raise Http404
    participant = selectors.participant_get(user=request.user, uuid=follow_up.participant.uuid)
    require(request.user, "indicators.participants", participant)
    form = FollowUpForm(request.POST, prefix=f"f{follow_up.pk}")
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.follow_up_record(
                by=request.user, follow_up=follow_up, done_on=data.pop("done_on"), results=data
            )
        except ValidationError as error:
            _apply(form, error)
        else:
            messages.success(request, _("The follow-up was recorded."))
            return redirect("indicators:participant", uuid=participant.uuid)
    context = _participant_context(request, participant, **{f"follow_up_{follow_up.pk}": form})
    return render(request, "indicators/participant_detail.html", context, status=422)


@login_required
def participant_sheet(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """The entry and exit data for entering in EURA 2021, printable, in the participant's language
    where a client document can be written in it (13 languages; Arabic and Persian right to left)."""
    participant = selectors.participant_get(user=request.user, uuid=uuid)
    language = request.GET.get("lang", "")
    if language not in SHEET_LANGUAGES:
        language = sheet_language_of(participant.client)
    audit_record(
        actor=request.user,
        action="indicators.participant_sheet",
        target=participant,
        details={"language": language},
    )
    with sheet_language(language):
        return render(
            request,
            "indicators/participant_sheet.html",
            {
                "participant": participant,
                "follow_ups": participant.follow_ups.all(),
                "sheet_language": language,
                "sheet_direction": document_direction(language),
            },
        )


@login_required
@require_http_methods(["GET", "POST"])
def participant_correct(request: HttpRequest, uuid: UUID) -> HttpResponse:
    """Correct the entry data with a reason; a stale save shows the stored data again."""
    participant = selectors.participant_get(user=request.user, uuid=uuid, action="indicators.participants")
    require(request.user, "indicators.participants", participant)
    initial = {name: getattr(participant, name) for name in CORRECTABLE}
    form = CorrectionForm(request.POST or None, initial=initial)
    version: Any = request.POST.get("version", participant.version)
    status = 200
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action="indicators.participant_view",
            target=participant,
            purpose="ESF+ participant data",
        )
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = dict(form.cleaned_data)
            reason = data.pop("reason")
            changes = {name: value for name, value in data.items() if value != initial[name]}
            try:
                correct_service(
                    by=request.user,
                    participant=participant,
                    data=changes,
                    reason=reason,
                    version=version_from_form(version),
                )
            except StaleVersion as stale:
                form = CorrectionForm(initial={name: getattr(stale.current, name) for name in CORRECTABLE})
                messages.error(
                    request,
                    _(
                        "Someone else saved this participant meanwhile. "
                        "The form now holds their data: check it and save again."
                    ),
                )
                version, status = stale.current.version, 409
            except ValidationError as error:
                _apply(form, error)
            else:
                messages.success(request, _("The entry data was corrected."))
                return redirect("indicators:participant", uuid=participant.uuid)
    return render(
        request,
        "indicators/participant_correct.html",
        {"participant": participant, "form": form, "version": version},
        status=status,
    )
