"""Signals other apps connect to without the referrals app naming them.

``referral_status_changed`` is sent on every change of a referral's status (sending, accepting,
declining, completing, cancelling, revoking; through the UI, the API or the e-mailed answer
link), inside the transition's transaction, after the referral, its history row and the audit
event are written. A receiver that writes joins that transaction: if it fails, the transition
is undone too. Its keyword arguments, kept stable for receivers:

* ``referral``: the ``Referral`` as saved, with its new status and version;
* ``old_status`` and ``new_status``: ``ReferralStatus`` values (``status`` is ``new_status``,
  kept for receivers written before ``new_status`` existed);
* ``source_type`` and ``source_id``: where the referral came from, as its creator named it
  (``"casework.step"`` and the step's UUID, for the plan step a referral was made from), or
  ``""`` and ``None``;
* ``by``: the user who took the step, or None for a partner answering through the link.

Case work connects to it to complete the plan step a referral came from once the referral is
completed (or to note a declined one). Receivers take ``**kwargs`` so that an argument added
later breaks none of them.
"""

from django.dispatch import Signal

referral_status_changed = Signal()
