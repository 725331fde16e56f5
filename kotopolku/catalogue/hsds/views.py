"""The public HSDS 3.0 read API at ``/api/hsds/`` (Open Referral's OpenAPI description).

Public, read-only and cacheable: no authentication, ``Cache-Control`` with a max-age, a strong
``ETag`` (``If-None-Match`` gets 304), JSON errors with a message per parameter, 404 JSON for
unknown ids. Content comes in the language of ``lang`` or ``Accept-Language`` (Finnish default,
then any language the entry has).
"""

from __future__ import annotations

import hashlib
import json
import math
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from kotopolku.catalogue.hsds import queries, serialize
from kotopolku.catalogue.hsds.params import Params, parse
from kotopolku.catalogue.hsds.rows import service_rows
from kotopolku.catalogue.models import Service, ServiceAtLocation, TaxonomyTerm
from kotopolku.catalogue.selectors.search import TotalRows, service_search_ids
from kotopolku.organisations.models import Organisation

MAX_AGE = 300
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
PROFILE_URL = "https://docs.openreferral.org/en/3.0/"


def json_response(request: HttpRequest, body: Any, *, status: int = 200, language: str = "") -> HttpResponse:
    content = json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode()
    response = HttpResponse(content, status=status, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    if status == 200:
        etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        response["Cache-Control"] = f"public, max-age={MAX_AGE}"
        if language:
            response["Content-Language"] = language
        wanted = request.headers.get("If-None-Match", "")
        if etag in [tag.strip().removeprefix("W/") for tag in wanted.split(",")] or wanted.strip() == "*":
            not_modified = HttpResponse(status=304)
            for header in ("ETag", "Cache-Control", "Access-Control-Allow-Origin", "Content-Language"):
                if header in response:
                    not_modified[header] = response[header]
            return not_modified
    else:
        response["Cache-Control"] = "no-store"
    return response


def _not_found(request: HttpRequest) -> HttpResponse:
    return json_response(request, {"detail": _("Not found.")}, status=404)


def _bad_parameters(request: HttpRequest, params: Params) -> HttpResponse:
    return json_response(
        request, {"detail": _("The request has invalid parameters."), "errors": params.errors}, status=400
    )


View = Callable[..., HttpResponse]


def hsds_view(view: Callable[..., HttpResponse]) -> View:
    """GET (and HEAD) only; parse the query parameters first, answering 400 for bad ones.

    Exempt from the CSRF check: the API is public and reads no session, so another method is
    answered 405 (not the CSRF failure's 403)."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = json_response(request, {"detail": _("Only GET is allowed.")}, status=405)
            response["Allow"] = "GET, HEAD"
            return response
        params = parse(request.GET, request.META)
        if params.errors:
            return _bad_parameters(request, params)
        return view(request, params, *args, **kwargs)

    return wrapper


def _languages(params: Params) -> serialize.Languages:
    return serialize.Languages.of(*params.languages)


def _page(
    request: HttpRequest,
    params: Params,
    queryset: QuerySet[Any],
    render: Callable[[Any], dict[str, Any]],
    *,
    counted: QuerySet[Any] | None = None,
    complete: Callable[[list[Any]], None] | None = None,
    fetch: QuerySet[Any] | None = None,
    load: Callable[[list[Any]], list[Any]] | None = None,
    ranked: bool = False,
) -> HttpResponse:
    """One page; ``counted`` is a cheaper queryset with the same rows (no ranking) for the total.

    The page's rows come from ``load`` (the keys in, the rows in that order out) if given, else
    from ``fetch`` (or ``queryset``) filtered by the keys, then ``complete`` is run on them.

    ``ranked``: the queryset sorts every matching row anyway (search by relevance), so the page's
    keys come with the total in the same query (``COUNT(*) OVER ()``) instead of matching twice;
    ``counted`` is then asked only when the page has no rows.
    """
    start = (params.page - 1) * params.per_page
    keys: list[Any] = []
    if ranked:
        counted_keys = list(
            queryset.annotate(total_rows=TotalRows()).values_list("pk", "total_rows")[
                start : start + params.per_page
            ]
        )
        keys = [key for key, _total in counted_keys]
        total = counted_keys[0][1] if counted_keys else (counted if counted is not None else queryset).count()
    else:
        total = (counted if counted is not None else queryset).count()
        if start < total:
            # The page's keys first (an index range), then its rows with their joins and
            # prefetches: joining before the LIMIT would make the database sort the whole table.
            keys = list(queryset.values_list("pk", flat=True)[start : start + params.per_page])
    pages = max(1, math.ceil(total / params.per_page))
    rows: list[Any] = []
    if keys and load is not None:
        rows = load(keys)
    elif keys:
        source = fetch if fetch is not None else queryset
        by_key = {row.pk: row for row in source.filter(pk__in=keys).order_by()}
        rows = [by_key[key] for key in keys if key in by_key]
        if complete is not None:
            complete(rows)
    contents = [render(row) for row in rows]
    body = {
        "total_items": total,
        "total_pages": pages,
        "page_number": params.page,
        "size": len(contents),
        "first_page": params.page == 1,
        "last_page": params.page >= pages,
        "empty": not contents,
        "contents": contents,
    }
    return json_response(request, body, language=_languages(params).primary)


def _by_uuid(queryset: QuerySet[Any], ident: str) -> Model | None:
    try:
        key = uuid.UUID(ident)
    except ValueError:
        return None
    return queryset.filter(uuid=key).first()


def _service_filter(params: Params, prefix: str = "") -> Q:
    condition = Q()
    if params.modified_after is not None:
        condition &= Q(**{f"{prefix}updated_at__gte": params.modified_after})
    if params.organization_id is not None:
        condition &= Q(**{f"{prefix}organisation__uuid": params.organization_id})
    if params.taxonomy_term_id:
        try:
            term = Q(uuid=uuid.UUID(params.taxonomy_term_id))
        except ValueError:
            term = Q(uri=params.taxonomy_term_id) | Q(code=params.taxonomy_term_id)
        condition &= Q(**{f"{prefix}pk__in": _services_with_terms(term)})
    if params.taxonomy_id is not None:
        condition &= Q(**{f"{prefix}pk__in": _services_with_terms(Q(taxonomy__uuid=params.taxonomy_id))})
    return condition


def _services_with_terms(term: Q) -> QuerySet[Any]:
    return Service.objects.filter(terms__in=TaxonomyTerm.objects.filter(term)).values("pk")


def _searched_services(params: Params) -> QuerySet[Service]:
    from kotopolku.catalogue.selectors import service_search

    return service_search(text=params.search).order_by(*service_search_order(), "id")


def service_search_order() -> tuple[str, ...]:
    from django.db import connection

    return ("-search_rank", "-updated_at") if connection.vendor == "postgresql" else ("-updated_at",)


@hsds_view
def api_root(request: HttpRequest, params: Params) -> HttpResponse:
    return json_response(request, serialize.api_info(openapi_url=OPENAPI_URL, profile=PROFILE_URL))


@hsds_view
def service_list(request: HttpRequest, params: Params) -> HttpResponse:
    matching = Service.objects.filter(_service_filter(params))
    if params.search:
        # Counted with the ranked page (the ranking sorts every match anyway); past the last
        # page, without ranking: the matching ids alone (an index scan, no grouping).
        matching = matching.filter(pk__in=service_search_ids(text=params.search))
        base = _searched_services(params).filter(_service_filter(params))
    else:
        base = matching.order_by("id")
    langs = _languages(params)
    if params.full:
        return _page(
            request,
            params,
            base,
            lambda row: serialize.service(row, langs, full=True),
            counted=matching,
            complete=queries.complete_translations,
            fetch=queries.services(full=True, languages=langs.order),
            ranked=bool(params.search),
        )
    return _page(
        request,
        params,
        base,
        lambda row: serialize.service(row, langs, full=False),
        counted=matching,
        load=lambda keys: service_rows(keys, languages=langs.order),
        ranked=bool(params.search),
    )


@hsds_view
def service_detail(request: HttpRequest, params: Params, ident: str) -> HttpResponse:
    row = _by_uuid(queries.services(full=True), ident)
    if row is None:
        return _not_found(request)
    langs = _languages(params)
    return json_response(request, serialize.service(row, langs, full=True), language=langs.primary)  # type: ignore[arg-type]


def _organisations_base(params: Params) -> QuerySet[Organisation]:
    queryset = queries.organisations(
        full=params.full, services=_services_wanted(params, nested=False)
    ).order_by("name", "id")
    if params.search:
        words = params.search.split()[:8]
        for word in words:
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(name_sv__icontains=word)
                | Q(name_en__icontains=word)
                | Q(short_name__icontains=word)
            )
    return queryset


def _services_wanted(params: Params, *, nested: bool) -> str | None:
    if params.full_service:
        return "full"
    return "basic" if nested or params.full else None


def _organisation_doc(
    row: Organisation, params: Params, langs: serialize.Languages, *, nested: bool
) -> dict[str, Any]:
    services = None
    if nested or params.full or params.full_service:
        services = [
            serialize.service(item, langs, full=params.full_service)
            for item in serialize._all(row, "catalogue_services")
        ]
    return serialize.organization(row, langs, full=nested or params.full, services=services)


@hsds_view
def organization_list(request: HttpRequest, params: Params) -> HttpResponse:
    langs = _languages(params)
    return _page(
        request,
        params,
        _organisations_base(params),
        lambda row: _organisation_doc(row, params, langs, nested=False),
    )


@hsds_view
def organization_detail(request: HttpRequest, params: Params, ident: str) -> HttpResponse:
    row = _by_uuid(queries.organisations(full=True, services=_services_wanted(params, nested=True)), ident)
    if row is None:
        return _not_found(request)
    langs = _languages(params)
    doc = _organisation_doc(row, params, langs, nested=True)  # type: ignore[arg-type]
    return json_response(request, doc, language=langs.primary)


@hsds_view
def service_at_location_list(request: HttpRequest, params: Params) -> HttpResponse:
    base = ServiceAtLocation.objects.filter(_service_filter(params, "service__"))
    if params.search:
        base = base.filter(service__in=service_search_ids(text=params.search))
    queryset = queries.services_at_locations(full=params.full).filter(pk__in=base.values("pk")).order_by("id")
    langs = _languages(params)
    return _page(
        request,
        params,
        queryset,
        lambda row: serialize.service_at_location_document(row, langs, full=params.full),
    )


@hsds_view
def service_at_location_detail(request: HttpRequest, params: Params, ident: str) -> HttpResponse:
    row = _by_uuid(queries.services_at_locations(full=True), ident)
    if row is None:
        return _not_found(request)
    langs = _languages(params)
    doc = serialize.service_at_location_document(row, langs, full=True)  # type: ignore[arg-type]
    return json_response(request, doc, language=langs.primary)


@hsds_view
def taxonomy_list(request: HttpRequest, params: Params) -> HttpResponse:
    queryset = queries.taxonomies()
    if params.search:
        for word in params.search.split()[:8]:
            queryset = queryset.filter(
                Q(name_fi__icontains=word)
                | Q(name_sv__icontains=word)
                | Q(name_en__icontains=word)
                | Q(key__icontains=word)
            )
    langs = _languages(params)
    return _page(request, params, queryset, lambda row: serialize.taxonomy(row, langs))


@hsds_view
def taxonomy_detail(request: HttpRequest, params: Params, ident: str) -> HttpResponse:
    row = _by_uuid(queries.taxonomies(), ident)
    if row is None:
        return _not_found(request)
    langs = _languages(params)
    return json_response(request, serialize.taxonomy(row, langs), language=langs.primary)  # type: ignore[arg-type]


@hsds_view
def taxonomy_term_list(request: HttpRequest, params: Params) -> HttpResponse:
    queryset = queries.taxonomy_terms()
    if params.taxonomy_id is not None:
        queryset = queryset.filter(taxonomy__uuid=params.taxonomy_id)
    if params.parent_id is not None:
        queryset = queryset.filter(parent__uuid=params.parent_id)
    if params.top_only:
        queryset = queryset.filter(parent__isnull=True)
    if params.search:
        for word in params.search.split()[:8]:
            queryset = queryset.filter(
                Q(label_fi__icontains=word)
                | Q(label_sv__icontains=word)
                | Q(label_en__icontains=word)
                | Q(code__icontains=word)
            )
    langs = _languages(params)
    return _page(request, params, queryset, lambda row: serialize.taxonomy_term(row, langs))


@hsds_view
def taxonomy_term_detail(request: HttpRequest, params: Params, ident: str) -> HttpResponse:
    row = _by_uuid(queries.taxonomy_terms(), ident)
    if row is None:
        return _not_found(request)
    langs = _languages(params)
    return json_response(request, serialize.taxonomy_term(row, langs), language=langs.primary)  # type: ignore[arg-type]


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    return _not_found(request)
