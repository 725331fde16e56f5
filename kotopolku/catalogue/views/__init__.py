from kotopolku.catalogue.views.paths import path_index, path_step_create, path_step_delete, path_view
from kotopolku.catalogue.views.services import (
    location_check,
    location_edit,
    schedule_create,
    schedule_delete,
    service_check,
    service_edit,
    service_index,
    service_unchecked,
    service_view,
)

__all__ = [
    "location_check",
    "location_edit",
    "path_index",
    "path_step_create",
    "path_step_delete",
    "path_view",
    "schedule_create",
    "schedule_delete",
    "service_check",
    "service_edit",
    "service_index",
    "service_unchecked",
    "service_view",
]
