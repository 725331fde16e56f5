from django.urls import path

from kotopolku.contacts import code_lists, views

app_name = "contacts"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("all/", views.contact_index, name="list"),
    path("<uuid:uuid>/", views.contact_edit, name="edit"),
    path("<uuid:uuid>/remove/", views.contact_remove, name="remove"),
    path("topics/", code_lists.topic_index, name="topic_list"),
    path("topics/new/", code_lists.topic_edit, name="topic_create"),
    path("topics/<int:pk>/", code_lists.topic_edit, name="topic_edit"),
]
