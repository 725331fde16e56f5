"""Registration, profiles, consents and privacy pages (mounted under /clients/ by ``urls``)."""

from django.urls import path

from kotopolku.clients import views

urlpatterns = [
    path("", views.client_index, name="list"),
    path("new/", views.client_register_view, name="register"),
    path("retention/", views.retention_view, name="retention"),
    path("<uuid:uuid>/", views.client_profile, name="profile"),
    path("<uuid:uuid>/edit/", views.client_edit, name="edit"),
    path("<uuid:uuid>/consents/", views.consent_add, name="consent_add"),
    path(
        "<uuid:uuid>/consents/<uuid:consent_uuid>/withdraw/", views.consent_withdraw, name="consent_withdraw"
    ),
    path("<uuid:uuid>/team/", views.team_add, name="team_add"),
    path("<uuid:uuid>/team/<uuid:member_uuid>/remove/", views.team_remove, name="team_remove"),
    path("<uuid:uuid>/close/", views.client_close_view, name="close"),
    path("<uuid:uuid>/export/", views.client_export_page, name="export"),
    path("<uuid:uuid>/export.json", views.client_export_json, name="export_json"),
    path("<uuid:uuid>/export.pdf", views.client_export_pdf, name="export_pdf"),
    path("<uuid:uuid>/anonymise/", views.client_anonymise_view, name="anonymise"),
]
