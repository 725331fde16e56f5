"""URLs of the public HSDS API. ``kotopolku.catalogue.urls`` re-exports ``root_urlpatterns`` so that
the site mounts them at ``/api/hsds/``."""

from __future__ import annotations

from django.urls import include, path, re_path

from kotopolku.catalogue.hsds import views

app_name = "hsds"

urlpatterns = [
    path("", views.api_root, name="root"),
    path("services", views.service_list, name="services"),
    path("services/<str:ident>", views.service_detail, name="service"),
    path("organizations", views.organization_list, name="organizations"),
    path("organizations/<str:ident>", views.organization_detail, name="organization"),
    path("service_at_locations", views.service_at_location_list, name="service_at_locations"),
    path("service_at_locations/<str:ident>", views.service_at_location_detail, name="service_at_location"),
    path("taxonomies", views.taxonomy_list, name="taxonomies"),
    path("taxonomies/<str:ident>", views.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_term_list, name="taxonomy_terms"),
    path("taxonomy_terms/<str:ident>", views.taxonomy_term_detail, name="taxonomy_term"),
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not_found"),
]

root_urlpatterns = [path("api/hsds/", include((urlpatterns, "hsds"), namespace="hsds"))]
