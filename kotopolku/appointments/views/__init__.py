"""The appointment pages; ``urls.py`` names them from here, the modules follow the seams."""

from kotopolku.appointments.views.calendar import add_interpreter, book, calendar, change_status, detail
from kotopolku.appointments.views.ics import appointment_ics_view, feed, feed_summary, ics_response
from kotopolku.appointments.views.mine import my_calendar
from kotopolku.appointments.views.reports import interpreter_report_view
from kotopolku.appointments.views.requests import request_form, requests_queue
from kotopolku.appointments.views.series import popup_book, popup_slot, series_detail, series_index

__all__ = [
    "add_interpreter",
    "appointment_ics_view",
    "book",
    "calendar",
    "change_status",
    "detail",
    "feed",
    "feed_summary",
    "ics_response",
    "interpreter_report_view",
    "my_calendar",
    "popup_book",
    "popup_slot",
    "request_form",
    "requests_queue",
    "series_detail",
    "series_index",
]
