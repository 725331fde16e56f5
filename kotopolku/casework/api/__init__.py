"""Case work over the API: a client's cases, assessments and plans, a plan with its goals and
steps (optimistic locking: ``If-Match`` or a ``version`` field, 409 on a stale one), the plan's
PDF, households, and the hand-over to Koto-AJ.

Input goes through the staff pages' forms, so a bad value gets the same message per field, in
the user's language (422), and nothing is saved. One module per work object registers its
operations on the one ``router``."""

from kotopolku.casework.api import assessments, cases, handover, households, plans  # noqa: F401
from kotopolku.casework.api.common import router

__all__ = ["router"]
