"""Site URLs. Each product app's ``urls`` module is mounted under ``/<app label>/``; an app may
also publish ``root_urlpatterns`` mounted at the site root (the public HSDS API, for one)."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from kotopolku.api import api
from kotopolku.core import views as core_views
from kotopolku.website import urls as website_urls


def _app_urls() -> list[URLPattern | URLResolver]:
    mounted: list[URLPattern | URLResolver] = []
    for app in settings.KOTOPOLKU_APPS:
        if app == "kotopolku.core" or find_spec(f"{app}.urls") is None:
            continue
        module = import_module(f"{app}.urls")
        label = app.rsplit(".", 1)[-1]
        mounted.extend(getattr(module, "root_urlpatterns", []))
        if getattr(module, "urlpatterns", None):
            mounted.append(path(f"{label}/", include(module)))
    return mounted


urlpatterns = [
    path("", include("kotopolku.core.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    *_app_urls(),
    # The public site last: its ``/<service point>/`` must not shadow an app's prefix.
    path("", include((website_urls.site_urlpatterns, "website"), namespace="website")),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
