from django.urls import path

from kotopolku.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_index, name="list"),
    path("<uuid:uuid>/", views.survey_view, name="detail"),
    path("<uuid:uuid>/results/", views.survey_results, name="results"),
]
