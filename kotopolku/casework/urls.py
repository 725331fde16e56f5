from django.urls import path

from kotopolku.casework import views

app_name = "casework"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("clients/<uuid>/", views.client_casework, name="client"),
    path("clients/<uuid>/cases/open/", views.case_open, name="case_open"),
    path("clients/<uuid>/cases/close/", views.case_close, name="case_close"),
    path("clients/<uuid>/cases/<case_uuid>/reopen/", views.case_reopen, name="case_reopen"),
    path("clients/<uuid>/transfer/", views.transfer_request, name="transfer_request"),
    path("clients/<uuid>/household/", views.household_create, name="household_create"),
    path("clients/<uuid>/household/members/", views.household_add, name="household_add"),
    path(
        "clients/<uuid>/household/members/<int:member_id>/remove/",
        views.household_remove,
        name="household_remove",
    ),
    path("clients/<uuid>/assessments/new/", views.assessment_new, name="assessment_new"),
    path("clients/<uuid>/assessments/<int:number>/", views.assessment_detail, name="assessment"),
    path("clients/<uuid>/plans/new/", views.plan_new, name="plan_new"),
    path("clients/<uuid>/notes/", views.note_add, name="note_add"),
    path("clients/<uuid>/handover/", views.handover_client, name="handover"),
    path("plans/<uuid>/", views.plan_detail, name="plan"),
    path("plans/<uuid>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<uuid>/status/", views.plan_status, name="plan_status"),
    path("plans/<uuid>/goals/", views.goal_add, name="goal_add"),
    path("plans/<uuid>/steps/", views.step_save, name="step_add"),
    path("plans/<uuid>/steps/<step_uuid>/", views.step_save, name="step_edit"),
    path("plans/<uuid>/follow-ups/", views.follow_up_add, name="follow_up_add"),
    path("plans/<uuid>/follow-ups/<follow_up_uuid>/", views.follow_up_record, name="follow_up_record"),
    path("plans/<uuid>/pdf/", views.plan_pdf_view, name="plan_pdf"),
    path("transfers/", views.transfers, name="transfers"),
    path("transfers/<transfer_uuid>/", views.transfer_decide, name="transfer_decide"),
    path("handover/<point_uuid>.json", views.handover_bulk, name="handover_bulk"),
    path("partner/steps/", views.partner_steps_view, name="partner_steps"),
    path("partner/steps/<step_uuid>/", views.partner_step_status, name="partner_step_status"),
]
