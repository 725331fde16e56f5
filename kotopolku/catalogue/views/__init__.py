from kotopolku.catalogue.views.details import (
    contact_delete,
    contact_edit,
    cost_option_delete,
    cost_option_edit,
    phone_delete,
    phone_edit,
    schedule_delete,
    schedule_edit,
)
from kotopolku.catalogue.views.paths import path_index, path_step_create, path_step_delete, path_view
from kotopolku.catalogue.views.services import (
    location_check,
    location_edit,
    service_check,
    service_edit,
    service_index,
    service_unchecked,
    service_view,
)

__all__ = [
    "contact_delete",
    "contact_edit",
    "cost_option_delete",
    "cost_option_edit",
    "location_check",
    "location_edit",
    "path_index",
    "path_step_create",
    "path_step_delete",
    "path_view",
    "phone_delete",
    "phone_edit",
    "schedule_delete",
    "schedule_edit",
    "service_check",
    "service_edit",
    "service_index",
    "service_unchecked",
    "service_view",
]
