from django.urls import path

from kotopolku.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_index, name="list"),
    path("new/", views.organisation_edit, name="create"),
    path("<uuid:uuid>/", views.organisation_edit, name="edit"),
]
