"""The hand-over to Koto-AJ, the national client system for integration services.

Koto-AJ has no public API. The hand-over is a structured document per client (JSON valid
against ``koto_aj_handover.schema.json``, and a printable summary) holding the latest needs
assessment and the integration plan in the order and categories of the Act on the Promotion of
Immigrant Integration (681/2023): the assessment of competence and integration service needs
(languages and literacy, education, work history and occupation, family situation, service
needs, the client's own goals, conclusion), then the integration plan (period and parties,
goals, measures and services, follow-up, ending). Codes are the public ones (ISO 639, ISO 3166,
CEFR, ISCED 2011, ISCED-F 2013, ISCO-08), each with its label, so nothing needs retyping.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.utils import timezone

from kotopolku.casework.enums import CodeScheme, PlanKind
from kotopolku.casework.models import Assessment, Plan
from kotopolku.casework.selectors import code_labels, service_name

SCHEMA_PATH = Path(__file__).resolve().parent / "koto_aj_handover.schema.json"
SCHEMA_ID = "https://kotopolku.fi/schemas/koto-aj-handover/1.0"
LAW = "681/2023"


def handover_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _coded(scheme: str, code: str, labels: dict[str, str]) -> dict[str, str] | None:
    if not code:
        return None
    return {"code": code, "label": labels.get(code, "")}


def assessment_document(assessment: Assessment) -> dict[str, Any]:
    levels = code_labels(
        CodeScheme.ISCED_LEVEL, {str(row.get("level") or "") for row in assessment.education}, "fi"
    )
    fields = code_labels(
        CodeScheme.ISCED_FIELD, {str(row.get("field") or "") for row in assessment.education}, "fi"
    )
    occupations = code_labels(
        CodeScheme.ISCO08,
        {assessment.occupation, *(str(row.get("occupation") or "") for row in assessment.work_history)},
        "fi",
    )
    return {
        "number": assessment.number,
        "assessed_on": assessment.assessed_on.isoformat(),
        "assessed_by": str(assessment.assessed_by) if assessment.assessed_by else None,
        "1_language_skills": {
            "languages": [
                {
                    "language": row.get("language", ""),
                    "listening": row.get("listening") or None,
                    "speaking": row.get("speaking") or None,
                    "reading": row.get("reading") or None,
                    "writing": row.get("writing") or None,
                }
                for row in assessment.languages
            ],
            "literacy": assessment.literacy,
            "reads_latin_script": assessment.reads_latin,
        },
        "2_education": [
            {
                "isced_level": _coded(CodeScheme.ISCED_LEVEL, str(row.get("level") or ""), levels),
                "isced_field": _coded(CodeScheme.ISCED_FIELD, str(row.get("field") or ""), fields),
                "country": row.get("country") or None,
                "year": row.get("year"),
                "recognition_needed": bool(row.get("recognition_needed")),
            }
            for row in assessment.education
        ],
        "3_work_history": {
            "occupation_sought": _coded(CodeScheme.ISCO08, assessment.occupation, occupations),
            "jobs": [
                {
                    "isco08": _coded(CodeScheme.ISCO08, str(row.get("occupation") or ""), occupations),
                    "title": row.get("title", ""),
                    "country": row.get("country") or None,
                    "years": row.get("years"),
                }
                for row in assessment.work_history
            ],
        },
        "4_family_situation": assessment.family_situation,
        "5_service_needs": {"areas": list(assessment.service_needs), "detail": assessment.service_needs_note},
        "6_own_goals": assessment.own_goals,
        "7_conclusion": assessment.conclusion,
    }


def plan_document(plan: Plan) -> dict[str, Any]:
    goals = list(plan.goals.all())
    steps = list(plan.steps.all())
    return {
        "id": str(plan.uuid),
        "kind": plan.kind,
        "status": plan.status,
        "version": plan.version,
        "1_period_and_parties": {
            "starts_on": plan.starts_on.isoformat(),
            "ends_on": plan.ends_on.isoformat(),
            "responsible": str(plan.responsible) if plan.responsible else None,
            "multi_agency": bool(plan.partners.all()),
            "partners": [
                {"id": str(partner.uuid), "name": partner.name, "business_id": partner.business_id or None}
                for partner in plan.partners.all()
            ],
            "household": plan.household.name if plan.household else None,
        },
        "2_goals": [
            {
                "goal": goal.text,
                "3_measures": [
                    {
                        "step": step.text,
                        "owner": step.owner,
                        "organisation": step.organisation.name if step.organisation else None,
                        "due_on": step.due_on.isoformat() if step.due_on else None,
                        "status": step.status,
                        "service": (
                            {"id": str(step.service.uuid), "name": service_name(step.service, "fi")}
                            if step.service
                            else None
                        ),
                    }
                    for step in steps
                    if step.goal_id == goal.pk
                ],
            }
            for goal in goals
        ],
        "4_follow_up": [
            {
                "planned_on": row.planned_on.isoformat(),
                "held_on": row.held_on.isoformat() if row.held_on else None,
                "notes": row.notes,
            }
            for row in plan.follow_ups.all()
        ],
        "5_ending": {
            "finished_on": plan.finished_on.isoformat() if plan.finished_on else None,
            "ended_early_reason": plan.ended_reason or None,
        },
        "summary": plan.summary,
    }


def client_handover(client: Any) -> dict[str, Any]:
    """The hand-over of one client: the latest assessment and the integration plans."""
    assessment = (
        Assessment.objects.filter(client=client).select_related("assessed_by").order_by("-number").first()
    )
    plans = (
        Plan.objects.filter(client=client, kind=PlanKind.INTEGRATION)
        .select_related("responsible", "household")
        .prefetch_related(
            "partners", "goals", "steps__organisation", "steps__service__translations", "follow_ups"
        )
        .order_by("starts_on")
    )
    return {
        "client": {
            "id": str(client.uuid),
            "given_names": client.given_names_latin or client.given_names,
            "family_name": client.family_name_latin or client.family_name,
            "names_as_written": client.written_name,
            "birth_date": client.birth_date_display or None,
            "personal_identity_code": client.personal_identity_code or None,
            "municipality": client.municipality.code if client.municipality else None,
            "service_point": client.service_point.name,
        },
        "initial_assessment": assessment_document(assessment) if assessment else None,
        "integration_plans": [plan_document(plan) for plan in plans],
    }


def handover_document(clients: list[Any]) -> dict[str, Any]:
    return {
        "$schema": SCHEMA_ID,
        "law": LAW,
        "produced_at": timezone.now().isoformat(),
        "clients": [client_handover(client) for client in clients],
    }
