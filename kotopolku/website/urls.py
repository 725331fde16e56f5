"""The public site at the root and its staff page (a survey's links and QR codes) under
/website/, both in the ``website`` namespace. ``kotopolku.urls`` mounts ``site_urlpatterns``
last, after every app's prefix, so that ``/<service point>/`` never shadows an app (this module
has no ``urlpatterns`` of its own for the per-app mounting to pick up)."""

from django.urls import URLPattern, URLResolver, include, path

from kotopolku.website.views import (
    appointments,
    ask,
    directory,
    events,
    guide_pdf,
    paths,
    public,
    staff,
    surveys,
)

app_name = "website"

SITE = "<slug:site>/<str:lang>"

staff_urlpatterns = [
    path("surveys/<uuid:uuid>/", staff.survey_links, name="survey_links"),
    path("surveys/<uuid:uuid>/qr.svg", staff.survey_qr, name="survey_qr"),
]

public_urlpatterns = [
    path("", public.index, name="index"),
    path("robots.txt", public.robots, name="robots"),
    path("sitemap.xml", public.sitemap, name="sitemap"),
    path("<slug:site>/", public.site_redirect, name="site"),
    path(f"{SITE}/", public.home, name="home"),
    path(f"{SITE}/articles/", public.article_list, name="articles"),
    path(f"{SITE}/articles/<slug:slug>/", public.article, name="article"),
    path(f"{SITE}/guides/<slug:slug>/", public.guide, name="guide"),
    path(f"{SITE}/guides/<slug:slug>/guide.pdf", guide_pdf.guide_pdf, name="guide_pdf"),
    path(f"{SITE}/paths/<uuid:uuid>/", paths.path, name="path"),
    path(f"{SITE}/events/", events.event_list, name="events"),
    path(f"{SITE}/events/<uuid:uuid>/", events.event, name="event"),
    path(f"{SITE}/events/<uuid:uuid>/registered/", events.event_registered, name="event_registered"),
    path(f"{SITE}/appointment/", appointments.appointment_request, name="appointment"),
    path(f"{SITE}/appointment/sent/", appointments.appointment_sent, name="appointment_sent"),
    path(f"{SITE}/helpful/", surveys.helpful, name="helpful"),
    path(f"{SITE}/services/", directory.directory, name="directory"),
    path(f"{SITE}/services/<uuid:uuid>/", directory.service, name="service"),
    path(f"{SITE}/search/", public.search, name="search"),
    path(f"{SITE}/ask/", ask.ask, name="ask"),
    path(f"{SITE}/ask/sent/", ask.ask_sent, name="ask_sent"),
    path(f"{SITE}/accessibility/", ask.accessibility, name="accessibility"),
    path(f"{SITE}/feedback/<uuid:uuid>/", surveys.survey, name="survey"),
    path(f"{SITE}/feedback/<uuid:uuid>/thanks/", surveys.survey_thanks, name="survey_thanks"),
]

site_urlpatterns: list[URLPattern | URLResolver] = [
    path("website/", include(staff_urlpatterns)),
    *public_urlpatterns,
]
