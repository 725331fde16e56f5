"""Case work listening to other apps' signals.

A referral names where it came from by model label and public id (``source_type`` and
``source_id``): a referral made from a plan step carries ``casework.step`` and the step's uuid,
and the step follows the referral's status (``services.step_follow_referral``).
"""

from __future__ import annotations

from typing import Any

from kotopolku.casework import services
from kotopolku.casework.models import Step

STEP_SOURCE = Step._meta.label_lower  # "casework.step"


def on_referral_status_changed(sender: Any = None, *, referral: Any, status: str, **kwargs: Any) -> None:
    """Sent inside the referral's transaction, so the step changes with it or not at all."""
    if referral.source_type != STEP_SOURCE or referral.source_id is None:
        return
    # The step must be of a plan of the referral's own client: an id from another client's plan
    # changes nothing.
    step = Step.objects.filter(uuid=referral.source_id, plan__client_id=referral.client_id).first()
    if step is None:
        return
    services.step_follow_referral(
        step=step, referral_uuid=referral.uuid, referral_status=status, by=kwargs.get("by")
    )
