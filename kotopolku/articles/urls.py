from django.urls import path

from kotopolku.articles import views

app_name = "articles"

ONE = "<uuid:uuid>/<str:language>"

urlpatterns = [
    path("", views.status, name="status"),
    path("new/", views.create, name="create"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/links/", views.links, name="links"),
    path(f"{ONE}/edit/", views.edit, name="edit"),
    path(f"{ONE}/submit/", views.submit, name="submit"),
    path(f"{ONE}/approve/", views.approve, name="approve"),
    path(f"{ONE}/return/", views.send_back, name="return"),
]
