from django.urls import path

from kotopolku.contacts import views

app_name = "contacts"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("all/", views.contact_index, name="list"),
    path("<uuid:uuid>/", views.contact_edit, name="edit"),
    path("<uuid:uuid>/remove/", views.contact_remove, name="remove"),
]
