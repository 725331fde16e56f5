from django.urls import path

from kotopolku.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_index, name="list"),
    path("new/", views.organisation_edit, name="create"),
    path("<uuid:uuid>/", views.organisation_edit, name="edit"),
    path("municipalities/<str:code>/look/", views.municipality_theme_edit, name="theme"),
    path("municipalities/<str:code>/theme-<int:version>.css", views.theme_css, name="theme_css"),
    path("municipalities/<str:code>/logo-<int:version>", views.theme_logo, name="theme_logo"),
]
