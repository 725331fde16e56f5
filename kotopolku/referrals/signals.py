"""Signals other apps connect to without the referrals app naming them.

``referral_status_changed`` is sent inside the transition's transaction with ``referral`` and
``status``; case work connects to it to complete the plan step a referral came from
(``referral.source_type`` and ``referral.source_id``).
"""

from django.dispatch import Signal

referral_status_changed = Signal()
