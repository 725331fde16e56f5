"""Staff pages of the client registry: list and search, registration, profile, correction,
consents, closing a case, export, anonymisation, and the retention listing with its "run now"."""

from kotopolku.clients.views.privacy import (
    client_anonymise_view,
    client_export_json,
    client_export_page,
    client_export_pdf,
)
from kotopolku.clients.views.profile import (
    client_close_view,
    client_profile,
    consent_add,
    consent_withdraw,
    team_add,
    team_remove,
)
from kotopolku.clients.views.registry import (
    client_edit,
    client_index,
    client_register_view,
    retention_view,
)

__all__ = [
    "client_anonymise_view",
    "client_close_view",
    "client_edit",
    "client_export_json",
    "client_export_page",
    "client_export_pdf",
    "client_index",
    "client_profile",
    "client_register_view",
    "consent_add",
    "consent_withdraw",
    "retention_view",
    "team_add",
    "team_remove",
]
