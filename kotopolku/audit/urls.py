from django.urls import path

from kotopolku.audit import views

app_name = "audit"

urlpatterns = [path("", views.event_list, name="events")]
