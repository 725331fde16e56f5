from __future__ import annotations

from datetime import timedelta
from typing import Any, cast
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import DEFAULT_DB_ALIAS
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kotopolku.accounts.models import User
from kotopolku.accounts.permissions import can, require, service_point_ids
from kotopolku.clients.models import Client
from kotopolku.clients.selectors import client_get
from kotopolku.clients.services import client_read_record
from kotopolku.contacts.forms import ContactFilterForm, ContactForm
from kotopolku.contacts.models import Contact
from kotopolku.contacts.selectors import (
    ContactQuery,
    active_topics,
    contact_get,
    contact_list,
    contacts_today,
    last_contact_of,
    with_details,
)
from kotopolku.contacts.services import contact_delete, contact_log, contact_update
from kotopolku.organisations.models import ServicePoint

# The list of all contacts shows this many days back unless the user picks dates.
DEFAULT_DAYS = 31
# Why a client's data is read or refused at the desk (the audit log's purpose).
DESK_PURPOSE = "desk contact"


def _apply_service_errors(form: ContactForm, error: ValidationError) -> None:
    for name, messages_ in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages_)


def _linked_client(request: HttpRequest) -> Client | None:
    """The client the desk was opened for (``?client=<uuid>``, from the client's profile).

    The desk shows the client's name, so this is a read of personal data: audited like the
    profile, and refused (403, the attempt audited) for a client the user may not see.
    """
    uuid = request.GET.get("client", "")
    if not uuid:
        return None
    try:
        UUID(uuid)
    except ValueError:
        raise Http404 from None
    client = client_get(uuid=uuid)
    require(request.user, "clients.view", client, purpose=DESK_PURPOSE)
    require(request.user, "contacts.log", client)
    client_read_record(client=client, by=cast(User, request.user), purpose=DESK_PURPOSE)
    return client


def _service_point_ref(pk: int) -> ServicePoint:
    """The service point with only its id loaded (the rest loads if read): the grants already
    name it, and logging a contact there needs nothing else of it."""
    return ServicePoint.from_db(DEFAULT_DB_ALIAS, ["id"], [pk])


@login_required
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest) -> HttpResponse:
    """Log a contact in one screen and one request; list the advisor's contacts of today.

    Saving answers with a redirect to the desk (the page shown after it is a fresh GET), so
    the POST itself reads only what the save needs: the grants, the code lists (one query),
    and then writes the contact, its topics and the audit event.
    """
    require(request.user, "contacts.log")
    allowed = service_point_ids(request.user, "contacts.log")
    if not allowed:
        raise PermissionDenied("contacts.log")
    choose_service_point = len(allowed) > 1
    client: Client | None = None
    if request.method == "POST":
        form = ContactForm(request.POST, service_point_ids=allowed, choose_service_point=choose_service_point)
        if form.is_valid():
            if choose_service_point:
                service_point = form.cleaned_data["service_point"]
            else:
                service_point = _service_point_ref(next(iter(allowed)))
            require(request.user, "contacts.log", service_point)
            try:
                contact_log(service_point=service_point, data=form.contact_data(), by=request.user)
            except ValidationError as error:
                _apply_service_errors(form, error)
            else:
                messages.success(request, _("The contact was saved. You can log the next one."))
                return redirect("contacts:desk")
        # The form is shown again with its errors; a linked client (checked by the form's
        # scoped field) is named on it again, which is a read.
        client = form.cleaned_data.get("client") if "client" not in form.errors else None
        if client is not None:
            client_read_record(client=client, by=cast(User, request.user), purpose=DESK_PURPOSE)
        today = list(contacts_today(user=request.user))
    else:
        client = _linked_client(request)
        today = list(contacts_today(user=request.user))
        # The defaults follow the last contact logged today, else the last one ever (one query
        # either way: today's topics are only fetched when there are contacts today).
        last = max(today, key=lambda c: (c.created_at, c.pk)) if today else last_contact_of(user=request.user)
        initial: dict[str, Any] = {}
        if last is not None:
            initial = {"channel": last.channel, "language": last.language}
            if choose_service_point and last.service_point_id in allowed:
                initial["service_point"] = str(last.service_point_uuid)  # type: ignore[attr-defined]
        if client is not None:
            initial["client"] = client.uuid
        form = ContactForm(
            initial=initial, service_point_ids=allowed, choose_service_point=choose_service_point
        )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "contacts/desk.html",
        {
            "form": form,
            "client": client,
            "today": today,
            "editable": {c.pk for c in today if can(request.user, "contacts.edit_own", c)},
            "may_view_all": can(request.user, "contacts.view"),
        },
        status=status,
    )


@login_required
def contact_index(request: HttpRequest) -> HttpResponse:
    """Every contact the user may see, filtered; coordinators correct or remove from here."""
    require(request.user, "contacts.view")
    topics = list(active_topics())
    filters = ContactFilterForm(request.GET or None, topics=topics)
    query = ContactQuery(date_from=timezone.localdate() - timedelta(days=DEFAULT_DAYS))
    if filters.is_valid():
        data = filters.cleaned_data
        default_from = None if data.get("date_to") else query.date_from
        query = ContactQuery(
            date_from=data.get("date_from") or default_from,
            date_to=data.get("date_to"),
            topic_id=next((t.pk for t in topics if t.code == data.get("topic")), None),
            language=data.get("language") or "",
            channel=data.get("channel") or "",
        )
    rows = with_details(contact_list(user=request.user, query=query))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "contacts/contact_list.html",
        {
            "filters": filters,
            "date_from": query.date_from,
            "page": page,
            "query": params.urlencode(),
            "editable": {
                c.pk
                for c in page
                if can(request.user, "contacts.edit_own", c) or can(request.user, "contacts.correct", c)
            },
        },
        status=200 if filters.is_valid() or not request.GET else 400,
    )


def _edit_action(user: Any, contact: Contact) -> str:
    return "contacts.edit_own" if can(user, "contacts.edit_own", contact) else "contacts.correct"


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, uuid: str) -> HttpResponse:
    contact = contact_get(uuid=uuid)
    action = _edit_action(request.user, contact)
    require(request.user, action, contact)
    form = ContactForm(
        request.POST if request.method == "POST" else None,
        initial=ContactForm.initial_for(contact),
        service_point_ids=[contact.service_point_id],
        choose_service_point=False,
        language_extra=contact.language,
    )
    if request.method == "POST" and form.is_valid():
        try:
            contact_update(contact=contact, data=form.contact_data(), by=request.user, as_action=action)
        except ValidationError as error:
            _apply_service_errors(form, error)
        else:
            messages.success(request, _("The contact was corrected."))
            return redirect("contacts:desk" if action == "contacts.edit_own" else "contacts:list")
    return render(
        request,
        "contacts/contact_form.html",
        {
            "form": form,
            "contact": contact,
            "may_delete": can(request.user, "contacts.delete", contact),
            "remove_question": _remove_question(contact),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_remove(request: HttpRequest, uuid: str) -> HttpResponse:
    contact = contact_get(uuid=uuid)
    require(request.user, "contacts.delete", contact)
    if request.method == "POST":
        contact_delete(contact=contact, by=request.user)
        messages.success(request, _("The contact was removed."))
        return redirect("contacts:list")
    return render(
        request,
        "contacts/contact_confirm_delete.html",
        {"contact": contact, "remove_question": _remove_question(contact)},
    )


def _remove_question(contact: Contact) -> str:
    return _(
        "Remove the contact logged at %(place)s, %(when)s? Only remove a contact that was logged by "
        "mistake. The removal is recorded in the audit log."
    ) % {
        "place": contact.service_point.name,
        "when": date_format(localtime(contact.happened_at), "SHORT_DATETIME_FORMAT"),
    }
