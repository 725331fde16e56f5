from django.urls import path

from kotopolku.core import views

app_name = "core"

urlpatterns = [
    path("staff/", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
]
