"""Duplicates and merging, mounted under /clients/ in the "clients" namespace."""

from django.urls import path

from kotopolku.clients.matching import views

urlpatterns = [
    path("duplicates/", views.duplicates_fragment, name="duplicates"),
    path("<uuid:uuid>/duplicates/", views.client_duplicates, name="client_duplicates"),
    path("merge/<uuid:keep>/<uuid:remove>/", views.client_merge_view, name="merge"),
]
