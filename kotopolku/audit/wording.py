"""The audit log in words: each event as a sentence a data-protection officer can use.

Events store codes (``clients.view``, ``accounts.user``, the purpose as written by the code that
recorded it); this module turns them into translated sentences. An app whose actions are not
worded here adds its own with ``register_action_wording`` (and ``register_purpose_wording``)
from its ``AppConfig.ready``; an action without wording is shown by its code.

Each sentence names its own object (``a client's record``) because Finnish and Swedish inflect
the noun by the verb; who or which record it was is shown beside the sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class ActionWording:
    """``done`` and ``attempt`` are sentences with ``%(actor)s``; ``area`` groups the filter."""

    area: str
    done: Promise | str
    attempt: Promise | str


AREAS: dict[str, Promise | str] = {
    "accounts": _("Logins and user accounts"),
    "audit": _("Audit log"),
    "clients": _("Clients"),
    "contacts": _("Desk contacts"),
    "catalogue": _("Service catalogue"),
    "organisations": _("Organisations"),
}

_ACTIONS: dict[str, ActionWording] = {}
_PURPOSES: dict[str, Promise | str] = {}


def register_action_wording(code: str, *, done: Promise | str, attempt: Promise | str) -> None:
    _ACTIONS[code] = ActionWording(area=code.split(".", 1)[0], done=done, attempt=attempt)


def register_purpose_wording(purpose: str, wording: Promise | str) -> None:
    _PURPOSES[purpose] = wording


def action_wording(code: str) -> ActionWording | None:
    return _ACTIONS.get(code)


def purpose_in_words(purpose: str) -> str:
    """A known purpose translated; a purpose written by a person (an erasure reason) as written."""
    return str(_PURPOSES.get(purpose, purpose))


def area_choices() -> list[tuple[str, str]]:
    return sorted(((code, str(label)) for code, label in AREAS.items()), key=lambda choice: choice[1])


_BUILT_IN: dict[str, tuple[Promise, Promise]] = {
    "accounts.login": (_("%(actor)s logged in."), _("A login was refused.")),
    "accounts.logout": (_("%(actor)s logged out."), _("%(actor)s logged out.")),
    "accounts.api_token_created": (
        _("%(actor)s created an API token."),
        _("%(actor)s tried to create an API token."),
    ),
    "accounts.api_token_revoked": (
        _("%(actor)s revoked an API token."),
        _("%(actor)s tried to revoke an API token."),
    ),
    "accounts.membership_granted": (
        _("%(actor)s gave a user a role."),
        _("%(actor)s tried to give a user a role."),
    ),
    "audit.view": (_("%(actor)s read the audit log."), _("%(actor)s tried to read the audit log.")),
    "clients.view": (_("%(actor)s viewed a client's data."), _("%(actor)s tried to view a client's data.")),
    "clients.register": (_("%(actor)s registered a client."), _("%(actor)s tried to register a client.")),
    "clients.change": (
        _("%(actor)s changed a client's data."),
        _("%(actor)s tried to change a client's data."),
    ),
    "clients.export": (
        _("%(actor)s exported a client's data for the client."),
        _("%(actor)s tried to export a client's data."),
    ),
    "clients.erase": (
        _("%(actor)s anonymised a client's data."),
        _("%(actor)s tried to anonymise a client's data."),
    ),
    "clients.merge": (
        _("%(actor)s merged duplicate records of a client."),
        _("%(actor)s tried to merge duplicate records of a client."),
    ),
    "clients.retention": (
        _("%(actor)s reviewed the clients whose retention period has passed."),
        _("%(actor)s tried to review the clients whose retention period has passed."),
    ),
    "clients.retention_run": (
        _("%(actor)s anonymised a client whose retention period had passed."),
        _("%(actor)s tried to anonymise a client whose retention period had passed."),
    ),
    "clients.team": (
        _("%(actor)s changed who works with a client."),
        _("%(actor)s tried to change who works with a client."),
    ),
    "clients.team_add": (
        _("%(actor)s added a staff member to a client's team."),
        _("%(actor)s tried to add a staff member to a client's team."),
    ),
    "clients.team_remove": (
        _("%(actor)s removed a staff member from a client's team."),
        _("%(actor)s tried to remove a staff member from a client's team."),
    ),
    "clients.consent_record": (
        _("%(actor)s recorded a client's consent."),
        _("%(actor)s tried to record a client's consent."),
    ),
    "clients.consent_withdraw": (
        _("%(actor)s recorded that a client withdrew a consent."),
        _("%(actor)s tried to record that a client withdrew a consent."),
    ),
    "clients.close": (_("%(actor)s closed a client's case."), _("%(actor)s tried to close a client's case.")),
    "clients.reopen": (
        _("%(actor)s reopened a client's case."),
        _("%(actor)s tried to reopen a client's case."),
    ),
    "contacts.log": (_("%(actor)s logged a desk contact."), _("%(actor)s tried to log a desk contact.")),
    "contacts.view": (_("%(actor)s viewed desk contacts."), _("%(actor)s tried to view desk contacts.")),
    "contacts.edit_own": (
        _("%(actor)s corrected a desk contact they had logged."),
        _("%(actor)s tried to correct a desk contact they had logged."),
    ),
    "contacts.correct": (
        _("%(actor)s corrected a desk contact."),
        _("%(actor)s tried to correct a desk contact."),
    ),
    "contacts.delete": (
        _("%(actor)s removed a desk contact."),
        _("%(actor)s tried to remove a desk contact."),
    ),
    "contacts.link_client": (
        _("%(actor)s linked a desk contact to a client."),
        _("%(actor)s tried to link a desk contact to a client they may not reach."),
    ),
    "catalogue.view": (
        _("%(actor)s viewed the service catalogue."),
        _("%(actor)s tried to view the service catalogue."),
    ),
    "catalogue.manage": (
        _("%(actor)s edited the service catalogue."),
        _("%(actor)s tried to edit the service catalogue."),
    ),
    "organisations.view": (
        _("%(actor)s viewed the organisations."),
        _("%(actor)s tried to view the organisations."),
    ),
    "organisations.manage": (
        _("%(actor)s edited the organisations."),
        _("%(actor)s tried to edit the organisations."),
    ),
    "organisations.created": (
        _("%(actor)s added an organisation."),
        _("%(actor)s tried to add an organisation."),
    ),
    "organisations.changed": (
        _("%(actor)s changed an organisation."),
        _("%(actor)s tried to change an organisation."),
    ),
}

# The catalogue's upkeep: one sentence per kind of entry and what was done to it.
_CATALOGUE_ATTEMPT = _("%(actor)s tried to edit the service catalogue.")
_CATALOGUE: dict[str, Promise] = {
    "catalogue.service_created": _("%(actor)s added a service to the catalogue."),
    "catalogue.service_changed": _("%(actor)s changed a service in the catalogue."),
    "catalogue.service_checked": _("%(actor)s checked that a service's information is up to date."),
    "catalogue.location_created": _("%(actor)s added a location of a service."),
    "catalogue.location_changed": _("%(actor)s changed a location of a service."),
    "catalogue.location_checked": _("%(actor)s checked that a location's information is up to date."),
    "catalogue.schedule_added": _("%(actor)s added opening hours."),
    "catalogue.schedule_changed": _("%(actor)s changed opening hours."),
    "catalogue.schedule_removed": _("%(actor)s removed opening hours."),
    "catalogue.phone_added": _("%(actor)s added a phone number of a service."),
    "catalogue.phone_changed": _("%(actor)s changed a phone number of a service."),
    "catalogue.phone_removed": _("%(actor)s removed a phone number of a service."),
    "catalogue.contact_added": _("%(actor)s added a contact person of a service."),
    "catalogue.contact_changed": _("%(actor)s changed a contact person of a service."),
    "catalogue.contact_removed": _("%(actor)s removed a contact person of a service."),
    "catalogue.cost_option_added": _("%(actor)s added a price of a service."),
    "catalogue.cost_option_changed": _("%(actor)s changed a price of a service."),
    "catalogue.cost_option_removed": _("%(actor)s removed a price of a service."),
    "catalogue.path_step_saved": _("%(actor)s saved a step of a service path."),
    "catalogue.path_step_removed": _("%(actor)s removed a step of a service path."),
    "catalogue.hsds_import": _("%(actor)s imported services into the catalogue."),
    "catalogue.hsds_export": _("%(actor)s exported the service catalogue."),
}

for _code, (_done, _attempt) in _BUILT_IN.items():
    register_action_wording(_code, done=_done, attempt=_attempt)
for _code, _done in _CATALOGUE.items():
    register_action_wording(_code, done=_done, attempt=_CATALOGUE_ATTEMPT)

for _purpose, _wording in {
    "client service": pgettext_lazy("purpose", "client service"),
    "desk contact": pgettext_lazy("purpose", "desk contact"),
    "supervision of data processing": pgettext_lazy("purpose", "supervision of data processing"),
    "correcting a desk contact": pgettext_lazy("purpose", "correcting a desk contact"),
    "removing a wrong desk contact": pgettext_lazy("purpose", "removing a wrong desk contact"),
    "data subject access request": pgettext_lazy("purpose", "data subject access request"),
    "erasure or anonymisation": pgettext_lazy("purpose", "erasure or anonymisation"),
    "duplicate records": pgettext_lazy("purpose", "duplicate records"),
    "retention period": pgettext_lazy("purpose", "retention period"),
    "service catalogue": pgettext_lazy("purpose", "service catalogue"),
    "service catalogue upkeep": pgettext_lazy("purpose", "service catalogue upkeep"),
    "correction": pgettext_lazy("purpose", "correction"),
    "consent": pgettext_lazy("purpose", "consent"),
    "case closed": pgettext_lazy("purpose", "case closed"),
    "case reopened": pgettext_lazy("purpose", "case reopened"),
    "HSDS export": pgettext_lazy("purpose", "publishing the service catalogue (HSDS export)"),
    "HSDS import": pgettext_lazy("purpose", "importing services (HSDS import)"),
}.items():
    register_purpose_wording(_purpose, _wording)


@dataclass(frozen=True)
class EventInWords:
    event: object
    sentence: str
    denied: bool
    purpose: str
    target_text: str = ""
    target_url: str = ""


def _actor_text(event: Any) -> str:
    if not event.actor_label:
        return str(_("Someone not logged in"))
    if event.organisation_label:
        return f"{event.actor_label} ({event.organisation_label})"
    return str(event.actor_label)


def events_in_words(events: Iterable[Any]) -> list[EventInWords]:
    """The events as sentences, with the staff member or record each was about named in words.

    One query names the user accounts the page mentions; clients are not named (the audit
    log is no client directory): their record is one click away, where access is checked."""
    events = list(events)
    user_ids = {e.target_id for e in events if e.target_type == "accounts.user" and _is_uuid(e.target_id)}
    emails: dict[str, str] = {}
    if user_ids:
        from django.contrib.auth import get_user_model

        emails = {
            str(uuid): email
            for uuid, email in get_user_model().objects.filter(uuid__in=user_ids).values_list("uuid", "email")
        }
    lines = []
    for event in events:
        wording = action_wording(event.action)
        denied = event.outcome == "denied"
        actor = _actor_text(event)
        if wording is None:
            sentence = f"{actor}: {event.action}"
        else:
            sentence = str(wording.attempt if denied else wording.done) % {"actor": actor}
        target_text, target_url = _target(event, emails)
        lines.append(
            EventInWords(
                event=event,
                sentence=sentence,
                denied=denied,
                purpose=purpose_in_words(event.purpose),
                target_text=target_text,
                target_url=target_url,
            )
        )
    return lines


def _target(event: Any, emails: dict[str, str]) -> tuple[str, str]:
    if event.target_type == "accounts.user":
        if event.target_id in emails:
            return str(_("User: %(email)s") % {"email": emails[event.target_id]}), ""
        tried = (event.details or {}).get("username") or event.target_id
        return (str(_("Username tried: %(username)s") % {"username": tried}), "") if tried else ("", "")
    if event.target_type == "clients.client" and _is_uuid(event.target_id):
        try:
            return str(_("Open the client's record")), reverse("clients:profile", args=[event.target_id])
        except NoReverseMatch:
            return str(_("A client's record")), ""
    return "", ""


def _is_uuid(value: str) -> bool:
    try:
        UUID(str(value))
    except ValueError:
        return False
    return True
