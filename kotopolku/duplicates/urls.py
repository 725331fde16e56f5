from django.urls import path

from kotopolku.duplicates import views

app_name = "duplicates"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("sweep/", views.sweep_start, name="sweep"),
    path("sweeps/<uuid:uuid>/progress/", views.sweep_progress, name="progress"),
    path("pairs/<uuid:uuid>/different/", views.pair_different, name="different"),
]
