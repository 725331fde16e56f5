from django.urls import path

from kotopolku.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_index, name="list"),
    path("new/", views.referral_create, name="create"),
    path("<uuid:uuid>/", views.referral_detail, name="detail"),
    path("<uuid:uuid>/<slug:step>/", views.referral_step, name="step"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<uuid:uuid>/", views.partner_detail, name="partner_detail"),
    path("answer/<str:token>/", views.answer, name="answer"),
]
