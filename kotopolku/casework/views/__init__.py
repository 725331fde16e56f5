"""Staff pages of case work: the advisor's work list, a client's case work (cases, transfers,
household, assessments, plans, notes), a plan with its goals, steps and follow-ups, the plan's
PDF, the hand-over to Koto-AJ, incoming transfers, and partner staff's steps.

One module per work object; the URLs and other modules import from here."""

from kotopolku.casework.views.assessments import assessment_detail, assessment_document_flat, assessment_new
from kotopolku.casework.views.cases import (
    case_close,
    case_open,
    case_reopen,
    client_casework,
    note_add,
    transfer_decide,
    transfer_request,
    transfers,
    worklist,
)
from kotopolku.casework.views.handover import handover_bulk, handover_client
from kotopolku.casework.views.households import household_add, household_create, household_remove
from kotopolku.casework.views.partner import partner_step_status, partner_steps_view
from kotopolku.casework.views.plans import (
    EDITED_FIELDS,
    follow_up_add,
    follow_up_record,
    goal_add,
    plan_detail,
    plan_edit,
    plan_new,
    plan_pdf_view,
    plan_status,
    step_save,
)

__all__ = [
    "EDITED_FIELDS",
    "assessment_detail",
    "assessment_document_flat",
    "assessment_new",
    "case_close",
    "case_open",
    "case_reopen",
    "client_casework",
    "follow_up_add",
    "follow_up_record",
    "goal_add",
    "handover_bulk",
    "handover_client",
    "household_add",
    "household_create",
    "household_remove",
    "note_add",
    "partner_step_status",
    "partner_steps_view",
    "plan_detail",
    "plan_edit",
    "plan_new",
    "plan_pdf_view",
    "plan_status",
    "step_save",
    "transfer_decide",
    "transfer_request",
    "transfers",
    "worklist",
]
