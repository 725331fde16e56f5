from django.urls import path

from kotopolku.employers import views

app_name = "employers"

urlpatterns = [
    path("", views.employer_index, name="list"),
    path("new/", views.employer_create, name="create"),
    path("<uuid:uuid>/", views.employer_detail, name="detail"),
    path("<uuid:uuid>/edit/", views.employer_edit, name="edit"),
    path("<uuid:uuid>/offices/new/", views.office_add, name="office_add"),
    path("<uuid:uuid>/contacts/new/", views.contact_add, name="contact_add"),
    path("<uuid:uuid>/activities/new/", views.activity_add, name="activity_add"),
    path("<uuid:uuid>/openings/new/", views.opening_create, name="opening_create"),
    path("activities/<uuid:uuid>/done/", views.follow_up_done, name="follow_up_done"),
    path("openings/", views.opening_index, name="openings"),
    path("openings/<uuid:uuid>/", views.opening_detail, name="opening"),
    path("openings/<uuid:uuid>/edit/", views.opening_edit, name="opening_edit"),
    path("openings/<uuid:uuid>/propose/", views.proposal_create, name="propose"),
    path("proposals/<uuid:uuid>/result/", views.proposal_result, name="proposal_result"),
    path("clients/<uuid:uuid>/", views.job_profile, name="job_profile"),
    path("placements/", views.placement_index, name="placements"),
    path("placements/new/", views.placement_create, name="placement_create"),
]
