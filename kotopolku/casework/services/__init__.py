"""Writes of case work. Each service is atomic, checks the domain rules (a message per field in
the user's language, nothing saved on a refusal) and writes its audit event and the client's
timeline event in the same transaction. Permission checks are the callers' (views, API).

One module per work object; callers import from here (``from kotopolku.casework import
services``)."""

from kotopolku.casework.services.assessments import (
    AssessmentData,
    assessment_create,
    assessment_errors,
    known_codes,
)
from kotopolku.casework.services.cases import (
    case_close,
    case_open,
    case_reopen,
    transfer_decide,
    transfer_request,
)
from kotopolku.casework.services.common import casework_read, timeline_event
from kotopolku.casework.services.households import household_add, household_create, household_remove
from kotopolku.casework.services.notes import (
    casework_blank_free_text,
    has_special_category_consent,
    note_add,
)
from kotopolku.casework.services.plans import (
    INTEGRATION_PLAN_MAX_YEARS,
    PlanData,
    follow_up_plan,
    follow_up_record,
    goal_add,
    plan_create,
    plan_period_errors,
    plan_set_status,
    plan_update,
    touch_plan,
)
from kotopolku.casework.services.steps import (
    REFERRAL_STEP_STATUS,
    StepData,
    step_add,
    step_errors,
    step_follow_referral,
    step_set_status,
    step_update,
)

__all__ = [
    "INTEGRATION_PLAN_MAX_YEARS",
    "REFERRAL_STEP_STATUS",
    "AssessmentData",
    "PlanData",
    "StepData",
    "assessment_create",
    "assessment_errors",
    "case_close",
    "case_open",
    "case_reopen",
    "casework_blank_free_text",
    "casework_read",
    "follow_up_plan",
    "follow_up_record",
    "goal_add",
    "has_special_category_consent",
    "household_add",
    "household_create",
    "household_remove",
    "known_codes",
    "note_add",
    "plan_create",
    "plan_period_errors",
    "plan_set_status",
    "plan_update",
    "step_add",
    "step_errors",
    "step_follow_referral",
    "step_set_status",
    "step_update",
    "timeline_event",
    "touch_plan",
    "transfer_decide",
    "transfer_request",
]
