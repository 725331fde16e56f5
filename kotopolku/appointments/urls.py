from django.urls import path

from kotopolku.appointments import views

app_name = "appointments"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("book/", views.book, name="book"),
    path("mine/", views.my_calendar, name="mine"),
    path("series/", views.series_index, name="series"),
    path("series/<uuid:uuid>/", views.series_detail, name="series_detail"),
    path("interpreters/", views.interpreter_report_view, name="interpreter_report"),
    path("requests/", views.requests_queue, name="requests"),
    path("request/", views.request_form, name="request"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>.ics", views.appointment_ics_view, name="ics"),
    path("<uuid:uuid>/slot/", views.popup_slot, name="popup_slot"),
    path("<uuid:uuid>/slot/book/", views.popup_book, name="popup_book"),
    path("<uuid:uuid>/interpreter/", views.add_interpreter, name="interpreter"),
    path("<uuid:uuid>/<slug:step>/", views.change_status, name="status"),
]
