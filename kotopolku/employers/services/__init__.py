"""Writing employer data: companies, their offices and contact persons, activities, job
openings, job seeker profiles, proposals and placements. Each service checks every field first
(``ValidationError`` with a message per field, nothing saved) and writes its audit event in the
same transaction."""

from kotopolku.employers.services.activities import (
    ActivityData,
    activity_record,
    activity_update,
)
from kotopolku.employers.services.companies import (
    EmployerData,
    employer_contact_add,
    employer_create,
    employer_office_add,
    employer_update,
)
from kotopolku.employers.services.openings import (
    MAX_LANGUAGES,
    OpeningData,
    job_profile_save,
    opening_create,
    opening_update,
)
from kotopolku.employers.services.placements import (
    PlacementData,
    placement_create,
    proposal_create,
    proposal_result_record,
)

__all__ = [
    "MAX_LANGUAGES",
    "ActivityData",
    "EmployerData",
    "OpeningData",
    "PlacementData",
    "activity_record",
    "activity_update",
    "employer_contact_add",
    "employer_create",
    "employer_office_add",
    "employer_update",
    "job_profile_save",
    "opening_create",
    "opening_update",
    "placement_create",
    "proposal_create",
    "proposal_result_record",
]
