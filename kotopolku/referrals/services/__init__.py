"""Writing referrals: create, send, answer, complete, cancel, revoke; the partner's consent; the
e-mailed answer link; the audited reads. Callers import this package; the modules follow the
seams of the work (``transitions`` holds the lifecycle)."""

from kotopolku.referrals.services.answer_links import (
    ANSWER_LINK_DAYS,
    CODE_MINUTES,
    MAX_CODE_ATTEMPTS,
    answer_link_check_code,
    answer_link_get,
    answer_link_send,
    answer_link_send_code,
)
from kotopolku.referrals.services.common import actor_label, clean_free_text
from kotopolku.referrals.services.consent import (
    consent_in_force,
    sharing_consent_record,
    sharing_consent_withdraw,
)
from kotopolku.referrals.services.creating import ReferralData, referral_create, referral_errors
from kotopolku.referrals.services.inbox import (
    referral_list_read_record,
    referral_mark_opened,
    referral_read_record,
    shared_view,
)
from kotopolku.referrals.services.transitions import (
    STEPS,
    Step,
    answer_link_answer,
    referral_accept,
    referral_cancel,
    referral_complete,
    referral_decline,
    referral_revoke,
    referral_send,
    referral_transition,
)

__all__ = [
    "ANSWER_LINK_DAYS",
    "CODE_MINUTES",
    "MAX_CODE_ATTEMPTS",
    "STEPS",
    "ReferralData",
    "Step",
    "actor_label",
    "answer_link_answer",
    "answer_link_check_code",
    "answer_link_get",
    "answer_link_send",
    "answer_link_send_code",
    "clean_free_text",
    "consent_in_force",
    "referral_accept",
    "referral_cancel",
    "referral_complete",
    "referral_create",
    "referral_decline",
    "referral_errors",
    "referral_list_read_record",
    "referral_mark_opened",
    "referral_read_record",
    "referral_revoke",
    "referral_send",
    "referral_transition",
    "shared_view",
    "sharing_consent_record",
    "sharing_consent_withdraw",
]
