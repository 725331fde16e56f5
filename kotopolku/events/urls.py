from django.urls import path

from kotopolku.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_index, name="list"),
    path("new/", views.event_create, name="create"),
    path("<uuid:uuid>/", views.event_detail, name="detail"),
    path("<uuid:uuid>/edit/", views.event_edit, name="edit"),
    path("<uuid:uuid>/head-counts/", views.head_count, name="head_count"),
    path("<uuid:uuid>/outputs/", views.output_add, name="output_add"),
    path("outputs/<uuid:uuid>/", views.output_download, name="output"),
    path("registrations/<uuid:uuid>/attendance/", views.attendance_mark, name="attendance"),
    path("registrations/<uuid:uuid>/cancel/", views.registration_cancel_staff, name="registration_cancel"),
    path("registrations/<uuid:uuid>/client/", views.registration_link, name="registration_link"),
    # Public: no login.
    path("public/", views.public_index, name="public_list"),
    path("public/<uuid:uuid>/", views.public_event, name="public_event"),
    path("cancel/<str:token>/", views.cancel, name="cancel"),
    path("feed/<slug:slug>.ics", views.feed, name="feed"),
]
