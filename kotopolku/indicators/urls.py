from django.urls import path

from kotopolku.indicators import participant_views, population_views, project_views, views

app_name = "indicators"

urlpatterns = [
    path("", views.project_index, name="projects"),
    path("projects/new/", project_views.project_edit, name="project_create"),
    path("projects/<uuid:uuid>/", views.project_detail, name="project"),
    path("projects/<uuid:uuid>/edit/", project_views.project_edit, name="project_edit"),
    path("projects/<uuid:uuid>/budget/", project_views.budget_line_create, name="budget_add"),
    path("budget-lines/<uuid:uuid>/delete/", project_views.budget_line_remove, name="budget_remove"),
    path("participants/<uuid:uuid>/correct/", participant_views.participant_correct, name="correct"),
    path("projects/<uuid:uuid>/indicators/", views.indicator_report, name="indicators"),
    path("projects/<uuid:uuid>/participants/", views.participant_report, name="participants"),
    path("targets/<uuid:uuid>/delete/", views.target_delete, name="target_delete"),
    path("desk/", views.desk_report, name="desk"),
    path("population/", population_views.population_picture, name="population"),
    path("clients/<uuid:uuid>/enrol/", participant_views.participant_enrol, name="enrol"),
    path("participants/<uuid:uuid>/", participant_views.participant_detail, name="participant"),
    path("participants/<uuid:uuid>/sheet/", participant_views.participant_sheet, name="sheet"),
    path("follow-ups/<uuid:uuid>/", participant_views.follow_up_record, name="follow_up"),
]
