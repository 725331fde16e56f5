"""Staff pages of the employers app: companies, their timeline and activities, the follow-up
work list, job openings with their matches and proposals, and placements."""

from kotopolku.employers.views.companies import (
    activity_add,
    contact_add,
    employer_create,
    employer_detail,
    employer_edit,
    employer_index,
    follow_up_done,
    office_add,
)
from kotopolku.employers.views.openings import (
    opening_create,
    opening_detail,
    opening_edit,
    opening_index,
    proposal_create,
    proposal_result,
)
from kotopolku.employers.views.seekers import (
    job_profile,
    placement_create,
    placement_index,
)

__all__ = [
    "activity_add",
    "contact_add",
    "employer_create",
    "employer_detail",
    "employer_edit",
    "employer_index",
    "follow_up_done",
    "job_profile",
    "office_add",
    "opening_create",
    "opening_detail",
    "opening_edit",
    "opening_index",
    "placement_create",
    "placement_index",
    "proposal_create",
    "proposal_result",
]
