"""Query parameters of the HSDS read API, checked one by one with a message per parameter."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000
MAX_SEARCH_LENGTH = 200
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*\Z")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


@dataclass
class Params:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    search: str = ""
    full: bool = False
    full_service: bool = False
    modified_after: dt.datetime | None = None
    taxonomy_term_id: str = ""
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    parent_id: uuid.UUID | None = None
    top_only: bool = False
    languages: tuple[str, ...] = ()
    errors: dict[str, list[str]] = field(default_factory=dict)

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)


def _integer(query: QueryDict, name: str, params: Params, *, default: int, minimum: int, maximum: int) -> int:
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        params.error(name, _("Enter a whole number."))
        return default
    if value < minimum:
        params.error(name, _("Enter a number of at least %(minimum)d.") % {"minimum": minimum})
        return default
    return min(value, maximum)


def _boolean(query: QueryDict, name: str, params: Params) -> bool:
    raw = query.get(name)
    if raw is None:
        return False
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value not in _FALSE:
        params.error(name, _("Enter true or false."))
    return False


def _uuid(query: QueryDict, name: str, params: Params) -> uuid.UUID | None:
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        params.error(name, _("Enter an id (a UUID)."))
        return None


def _datetime(query: QueryDict, name: str, params: Params) -> dt.datetime | None:
    raw = (query.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = dt.datetime.fromisoformat(raw.replace(" ", "+") if "T" in raw else raw)
    except ValueError:
        params.error(name, _("Enter a date and time such as 2025-01-31T12:00:00Z."))
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("Europe/Helsinki"))
    return value


def languages_of(query: QueryDict, meta: dict[str, Any], params: Params) -> tuple[str, ...]:
    """The content languages wanted: ``lang`` if given, else ``Accept-Language`` in its order."""
    raw = (query.get("lang") or "").strip().lower()
    if raw:
        if not _LANGUAGE.match(raw):
            params.error("lang", _("Enter a language code such as fi, sv or en."))
            return ()
        return (raw,)
    wanted: list[str] = []
    header = str(meta.get("HTTP_ACCEPT_LANGUAGE", ""))[:500]
    for code, _quality in parse_accept_lang_header(header):
        for candidate in (code, code.split("-")[0]):
            if candidate != "*" and _LANGUAGE.match(candidate) and candidate not in wanted:
                wanted.append(candidate)
    return tuple(wanted[:8])


def parse(query: QueryDict, meta: dict[str, Any]) -> Params:
    params = Params()
    params.page = _integer(query, "page", params, default=1, minimum=1, maximum=MAX_PAGE)
    params.per_page = _integer(
        query, "per_page", params, default=DEFAULT_PER_PAGE, minimum=1, maximum=MAX_PER_PAGE
    )
    search = query.get("search") or ""
    if len(search) > MAX_SEARCH_LENGTH:
        params.error("search", _("Enter at most %(count)d characters.") % {"count": MAX_SEARCH_LENGTH})
        search = ""
    params.search = " ".join(_CONTROL.sub(" ", search).split())
    params.full = _boolean(query, "full", params)
    params.full_service = _boolean(query, "full_service", params)
    params.top_only = _boolean(query, "top_only", params)
    # ``minimal`` (ids and dates only) is not offered: its value is still checked, and the full
    # list is answered.
    _boolean(query, "minimal", params)
    params.modified_after = _datetime(query, "modified_after", params)
    term = (query.get("taxonomy_term_id") or "").strip()
    if len(term) > 500 or _CONTROL.search(term):
        params.error("taxonomy_term_id", _("Enter a taxonomy term id, code or URI."))
        term = ""
    params.taxonomy_term_id = term
    params.taxonomy_id = _uuid(query, "taxonomy_id", params)
    params.organization_id = _uuid(query, "organization_id", params)
    params.parent_id = _uuid(query, "parent_id", params)
    fmt = (query.get("format") or "json").strip().lower()
    if fmt != "json":
        params.error("format", _("Only the json format is available."))
    params.languages = languages_of(query, meta, params)
    return params
