from django.urls import path

from kotopolku.catalogue import views
from kotopolku.catalogue.hsds.urls import root_urlpatterns  # the public HSDS API at /api/hsds/

app_name = "catalogue"

urlpatterns = [
    path("", views.service_index, name="service_list"),
    path("unchecked/", views.service_unchecked, name="service_unchecked"),
    path("services/new/", views.service_edit, name="service_create"),
    path("services/<uuid:uuid>/", views.service_view, name="service_detail"),
    path("services/<uuid:uuid>/edit/", views.service_edit, name="service_edit"),
    path("services/<uuid:uuid>/check/", views.service_check, name="service_check"),
    path("services/<uuid:service_uuid>/locations/new/", views.location_edit, name="location_create"),
    path("services/<uuid:service_uuid>/locations/<uuid:uuid>/", views.location_edit, name="location_edit"),
    path("services/<uuid:service_uuid>/hours/", views.schedule_create, name="schedule_create"),
    path(
        "services/<uuid:service_uuid>/hours/<uuid:uuid>/delete/",
        views.schedule_delete,
        name="schedule_delete",
    ),
    path("locations/<uuid:uuid>/check/", views.location_check, name="location_check"),
    path("paths/", views.path_index, name="path_list"),
    path("paths/<uuid:uuid>/", views.path_view, name="path_detail"),
    path("paths/<uuid:uuid>/steps/", views.path_step_create, name="path_step_create"),
    path("paths/<uuid:uuid>/steps/<uuid:step_uuid>/delete/", views.path_step_delete, name="path_step_delete"),
]

__all__ = ["app_name", "root_urlpatterns", "urlpatterns"]
