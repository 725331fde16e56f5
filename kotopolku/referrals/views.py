from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kotopolku.accounts.permissions import can, require
from kotopolku.audit.services import audit_record
from kotopolku.clients.selectors import client_find, client_get
from kotopolku.core.versioning import StaleVersion
from kotopolku.referrals import services
from kotopolku.referrals.enums import TRANSITIONS, ReferralStatus, SharedField
from kotopolku.referrals.forms import (
    AnswerForm,
    CodeForm,
    InboxFilterForm,
    ReferralFilterForm,
    ReferralForm,
    TransitionForm,
)
from kotopolku.referrals.models import Referral
from kotopolku.referrals.selectors import (
    DEFAULT_WAITING_DAYS,
    ReferralQuery,
    partner_inbox,
    referral_get,
    referral_list,
)

PAGE_SIZE = 50


def _form_errors(form: Any, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, field_messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, field_messages)


@login_required
def referral_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "referrals.view")
    filters = ReferralFilterForm(request.GET or None)
    query = ReferralQuery()
    if filters.is_valid():
        query = ReferralQuery(
            status=filters.cleaned_data["status"] or "", waiting_days=filters.cleaned_data["waiting"]
        )
    page = Paginator(referral_list(user=request.user, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    services.referral_list_read_record(referrals=list(page), by=request.user)
    return render(
        request,
        "referrals/referral_list.html",
        {"filters": filters, "page": page, "waiting_days": DEFAULT_WAITING_DAYS, "query": _query(request)},
        status=200 if filters.is_valid() or not request.GET else 400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest) -> HttpResponse:
    if not request.GET.get("client"):
        return _choose_client(request)
    client = client_get(uuid=request.GET.get("client", ""))
    require(request.user, "referrals.create", client)
    require(request.user, "clients.view", client, purpose="referral")
    may_override = can(request.user, "referrals.override_consent", client.service_point)
    form = ReferralForm(request.POST or None, may_override=may_override, initial=_initial_from_link(request))
    if request.method == "POST" and form.is_valid():
        data = services.ReferralData(
            client=client,
            organisation=form.cleaned_data["organisation"],
            service=form.cleaned_data["service"],
            reason=form.cleaned_data["reason"],
            message=form.cleaned_data["message"],
            shared_fields=list(form.cleaned_data["shared_fields"]),
            source_type=form.cleaned_data.get("source_type") or "",
            source_id=form.cleaned_data.get("source_id"),
        )
        try:
            referral = _create_and_send(request, data, form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The referral was saved."))
            return redirect("referrals:detail", uuid=referral.uuid)
    return render(
        request,
        "referrals/referral_form.html",
        {"form": form, "client": client},
        status=400 if request.method == "POST" else 200,
    )


def _initial_from_link(request: HttpRequest) -> dict[str, Any]:
    """A link from elsewhere (a plan step) may name the service and where the referral comes
    from; the form checks them like anything typed."""
    return {
        name: request.GET[name][:100]
        for name in ("service", "source_type", "source_id")
        if request.GET.get(name)
    }


def _choose_client(request: HttpRequest) -> HttpResponse:
    """The first step of a new referral: find the client (by any spelling of the name)."""
    require(request.user, "referrals.create")
    text = request.GET.get("q", "")[:100]
    hits = client_find(user=request.user, text=text, limit=20) if text.strip() else []  # type: ignore[arg-type]
    if hits:
        audit_record(
            actor=request.user,
            action="clients.search",
            purpose="referral",
            details={"hits": len(hits)},
        )
    return render(request, "referrals/choose_client.html", {"q": text, "hits": hits})


def _create_and_send(request: HttpRequest, data: services.ReferralData, cleaned: dict[str, Any]) -> Referral:
    from django.db import transaction

    with transaction.atomic():
        referral = services.referral_create(data=data, by=request.user)
        if cleaned.get("consent_now"):
            services.sharing_consent_record(
                client=data.client, organisation=referral.organisation, by=request.user
            )
        if cleaned.get("send_now"):
            referral = services.referral_send(
                referral=referral,
                by=request.user,
                override_reason=cleaned.get("override_reason") or "",
                base_url=request.build_absolute_uri("/"),
            )
    return referral


@login_required
def referral_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    referral = referral_get(uuid=uuid)
    require(request.user, "referrals.view", referral)
    services.referral_read_record(referral=referral, by=request.user)
    return render(request, "referrals/referral_detail.html", _detail_context(request, referral))


def _detail_context(
    request: HttpRequest, referral: Referral, form: TransitionForm | None = None
) -> dict[str, Any]:
    allowed = TRANSITIONS[referral.status]
    may = {
        "send": ReferralStatus.SENT in allowed and can(request.user, "referrals.send", referral),
        "cancel": ReferralStatus.CANCELLED in allowed and can(request.user, "referrals.cancel", referral),
        "revoke": ReferralStatus.REVOKED in allowed and can(request.user, "referrals.cancel", referral),
        "complete": ReferralStatus.COMPLETED in allowed and can(request.user, "referrals.complete", referral),
    }
    return {
        "referral": referral,
        "may": may,
        "may_override": can(request.user, "referrals.override_consent", referral),
        "consent": services.consent_in_force(client=referral.client, organisation=referral.organisation),
        "shared_labels": [
            SharedField(name).label for name in referral.shared_fields if name in SharedField.values
        ],
        "form": form or TransitionForm(initial={"version": referral.version}),
    }


_SENDER_STEPS = {
    "send": "referrals.send",
    "cancel": "referrals.cancel",
    "revoke": "referrals.cancel",
    "complete": "referrals.complete",
}


@login_required
@require_POST
def referral_step(request: HttpRequest, uuid: str, step: str) -> HttpResponse:
    if step not in _SENDER_STEPS:
        raise Http404
    referral = referral_get(uuid=uuid)
    require(request.user, _SENDER_STEPS[step], referral)
    form = TransitionForm(request.POST)
    if form.is_valid():
        text = form.cleaned_data["text"]
        version = form.cleaned_data["version"]
        try:
            if step == "send":
                services.referral_send(
                    referral=referral,
                    by=request.user,
                    expected_version=version,
                    override_reason=form.cleaned_data["override_reason"],
                    base_url=request.build_absolute_uri("/"),
                )
            else:
                services.referral_transition(
                    referral=referral, step=step, by=request.user, text=text, expected_version=version
                )
        except StaleVersion:
            form.add_error(None, _("Someone else changed this referral meanwhile. Check it and try again."))
        except ValidationError as error:
            _form_errors_transition(form, error)
        else:
            messages.success(request, _("The referral was updated."))
            return redirect("referrals:detail", uuid=referral.uuid)
    referral = referral_get(uuid=uuid)
    services.referral_read_record(referral=referral, by=request.user)
    return render(
        request, "referrals/referral_detail.html", _detail_context(request, referral, form), status=400
    )


def _form_errors_transition(form: TransitionForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, field_messages in error.message_dict.items():
        target = {"reason": "text", "note": "text", "override_reason": "override_reason"}.get(name)
        form.add_error(target, field_messages)


# --- the partner's side ----------------------------------------------------------------------


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    require(request.user, "referrals.partner_view")
    filters = InboxFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    page = Paginator(partner_inbox(user=request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    services.referral_list_read_record(referrals=list(page), by=request.user, action="referrals.partner_view")
    return render(
        request,
        "referrals/inbox.html",
        {"page": page, "filters": filters, "query": _query(request)},
        status=400 if request.GET and not filters.is_valid() else 200,
    )


def _query(request: HttpRequest) -> str:
    """The list's other parameters, for the pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
@require_http_methods(["GET", "POST"])
def partner_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    referral = referral_get(uuid=uuid)
    require(request.user, "referrals.partner_view", referral)
    if referral.status == ReferralStatus.DRAFT:
        raise Http404
    form = TransitionForm(request.POST or None, initial={"version": referral.version})
    status = 200
    if request.method == "POST":
        require(request.user, "referrals.partner_answer", referral)
        step = request.POST.get("step", "")
        if form.is_valid() and step in ("accept", "decline", "complete"):
            version = form.cleaned_data["version"]
            text = form.cleaned_data["text"]
            try:
                if step == "accept":
                    services.referral_accept(
                        referral=referral, by=request.user, expected_version=version, note=text
                    )
                elif step == "decline":
                    services.referral_decline(
                        referral=referral, by=request.user, reason=text, expected_version=version
                    )
                else:
                    services.referral_complete(
                        referral=referral, by=request.user, note=text, expected_version=version
                    )
            except StaleVersion:
                form.add_error(
                    None, _("Someone else changed this referral meanwhile. Check it and try again.")
                )
            except ValidationError as error:
                _form_errors_transition(form, error)
            else:
                messages.success(request, _("Your answer was saved."))
                return redirect("referrals:partner_detail", uuid=referral.uuid)
        status = 400
        referral = referral_get(uuid=uuid)
    services.referral_read_record(referral=referral, by=request.user, action="referrals.partner_view")
    referral = services.referral_mark_opened(referral=referral, by=request.user)
    return render(
        request,
        "referrals/partner_detail.html",
        {
            "referral": referral,
            "shared": services.shared_view(referral),
            "form": form,
            "may_answer": referral.status == ReferralStatus.SENT,
            "may_complete": referral.status == ReferralStatus.ACCEPTED,
        },
        status=status,
    )


# --- answering through an e-mailed link ------------------------------------------------------

_SESSION_KEY = "referral_answer_links"


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """A partner without a login: the link, then a one-time code sent to the same address, then
    the referral's shared data and the answer."""
    link = services.answer_link_get(token)
    if link is None:
        return render(request, "referrals/answer_gone.html", status=404)
    opened = link.pk in request.session.get(_SESSION_KEY, [])
    if not opened:
        code_form = CodeForm(request.POST if "code" in request.POST else None)
        if request.method == "POST" and "send_code" in request.POST:
            services.answer_link_send_code(link=link)
            messages.info(request, _("We sent a one-time code to %(email)s.") % {"email": link.email})
            return redirect("referrals:answer", token=token)
        if request.method == "POST" and code_form.is_valid():
            if services.answer_link_check_code(link=link, code=code_form.cleaned_data["code"]):
                request.session[_SESSION_KEY] = [*request.session.get(_SESSION_KEY, []), link.pk]
                return redirect("referrals:answer", token=token)
            code_form.add_error("code", _("The code is wrong or no longer valid. Ask for a new one."))
        return render(
            request,
            "referrals/answer_code.html",
            {"link": link, "form": code_form},
            status=400 if request.method == "POST" else 200,
        )
    referral = link.referral
    services.referral_read_record(referral=referral, by=None, action="referrals.partner_view")
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_link_answer(
                link=link, accept=form.cleaned_data["answer"] == "accept", reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _form_errors_transition_answer(form, error)
        else:
            return render(request, "referrals/answer_done.html", {"referral": referral})
    return render(
        request,
        "referrals/answer.html",
        {"link": link, "referral": referral, "shared": services.shared_view(referral), "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _form_errors_transition_answer(form: AnswerForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, field_messages in error.message_dict.items():
        form.add_error("reason" if name == "reason" else None, field_messages)
