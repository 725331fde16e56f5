from django.urls import path

from kotopolku.inquiries import views

app_name = "inquiries"

urlpatterns = [
    path("", views.inbox_list, name="inbox"),
    path("<uuid:uuid>/", views.inquiry_detail, name="detail"),
]
