from django.urls import path

from kotopolku.catalogue import views
from kotopolku.catalogue.hsds.urls import root_urlpatterns  # the public HSDS API at /api/hsds/

app_name = "catalogue"

SERVICE = "services/<uuid:service_uuid>"

urlpatterns = [
    path("", views.service_index, name="service_list"),
    path("unchecked/", views.service_unchecked, name="service_unchecked"),
    path("services/new/", views.service_edit, name="service_create"),
    path("services/<uuid:uuid>/", views.service_view, name="service_detail"),
    path("services/<uuid:uuid>/edit/", views.service_edit, name="service_edit"),
    path("services/<uuid:uuid>/check/", views.service_check, name="service_check"),
    path(f"{SERVICE}/locations/new/", views.location_edit, name="location_create"),
    path(f"{SERVICE}/locations/<uuid:uuid>/", views.location_edit, name="location_edit"),
    path(f"{SERVICE}/hours/", views.schedule_edit, name="schedule_create"),
    path(f"{SERVICE}/hours/<uuid:uuid>/", views.schedule_edit, name="schedule_edit"),
    path(f"{SERVICE}/hours/<uuid:uuid>/delete/", views.schedule_delete, name="schedule_delete"),
    path(f"{SERVICE}/phones/new/", views.phone_edit, name="phone_create"),
    path(f"{SERVICE}/phones/<uuid:uuid>/", views.phone_edit, name="phone_edit"),
    path(f"{SERVICE}/phones/<uuid:uuid>/delete/", views.phone_delete, name="phone_delete"),
    path(f"{SERVICE}/contacts/new/", views.contact_edit, name="contact_create"),
    path(f"{SERVICE}/contacts/<uuid:uuid>/", views.contact_edit, name="contact_edit"),
    path(f"{SERVICE}/contacts/<uuid:uuid>/delete/", views.contact_delete, name="contact_delete"),
    path(f"{SERVICE}/prices/new/", views.cost_option_edit, name="cost_option_create"),
    path(f"{SERVICE}/prices/<uuid:uuid>/", views.cost_option_edit, name="cost_option_edit"),
    path(f"{SERVICE}/prices/<uuid:uuid>/delete/", views.cost_option_delete, name="cost_option_delete"),
    path("locations/<uuid:uuid>/check/", views.location_check, name="location_check"),
    path("paths/", views.path_index, name="path_list"),
    path("paths/<uuid:uuid>/", views.path_view, name="path_detail"),
    path("paths/<uuid:uuid>/steps/", views.path_step_create, name="path_step_create"),
    path("paths/<uuid:uuid>/steps/<uuid:step_uuid>/delete/", views.path_step_delete, name="path_step_delete"),
]

__all__ = ["app_name", "root_urlpatterns", "urlpatterns"]
