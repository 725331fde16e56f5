"""The client's own copy of a plan as PDF, in the client's language.

The fixed text (headings, labels, status words) comes from ``data/plan_pdf_texts.json`` in the
13 languages of the public information (fi, sv, en, ru, uk, et, ar, fa, so, tr, zh, fr, es); the
advisor's free text (goals, steps, notes) stays as written, in its own direction.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone

from kotopolku.casework.models import Plan
from kotopolku.casework.selectors import service_name
from kotopolku.core.pdf import render_pdf, text_direction_of

TEXTS_PATH = Path(__file__).resolve().parent / "data" / "plan_pdf_texts.json"
PDF_LANGUAGES = ("fi", "sv", "en", "ru", "uk", "et", "ar", "fa", "so", "tr", "zh", "fr", "es")


@cache
def _texts() -> dict[str, dict[str, str]]:
    return json.loads(TEXTS_PATH.read_text(encoding="utf-8"))


def pdf_texts(language: str) -> dict[str, str]:
    if language not in PDF_LANGUAGES:
        raise ValueError(language)
    return {key: values[language] for key, values in _texts().items()}


def _date(value: Any) -> str:
    return f"{value.day}.{value.month}.{value.year}" if value else ""


def plan_pdf(plan: Plan, language: str) -> bytes:
    """The plan as the client's PDF; ``plan`` with its goals, steps and follow-ups prefetched."""
    texts = pdf_texts(language)
    steps = list(plan.steps.all())
    goals = [
        {
            "text": goal.text,
            "dir": text_direction_of(goal.text),
            "steps": [
                {
                    "text": step.text,
                    "dir": text_direction_of(step.text),
                    "who": step.organisation.name_in(language)
                    if step.organisation is not None
                    else texts[f"owner_{step.owner}"],
                    "due": _date(step.due_on),
                    "status": texts[f"step_{step.status}"],
                    "service": service_name(step.service, language),
                }
                for step in steps
                if step.goal_id == goal.pk
            ],
        }
        for goal in plan.goals.all()
    ]
    context = {
        "t": texts,
        "plan": plan,
        "title": texts[plan.kind],
        "status": texts[f"status_{plan.status}"],
        "period": f"{_date(plan.starts_on)} – {_date(plan.ends_on)}",
        "partners": [partner.name_in(language) for partner in plan.partners.all()],
        "goals": goals,
        "follow_ups": [
            {
                "planned": _date(row.planned_on),
                "held": _date(row.held_on),
                "notes": row.notes,
                "dir": text_direction_of(row.notes),
            }
            for row in plan.follow_ups.all()
        ],
        "printed": _date(timezone.localdate()),
        "summary_dir": text_direction_of(plan.summary),
        "reason_dir": text_direction_of(plan.ended_reason),
    }
    return render_pdf("casework/pdf/plan.html", context, language=language)
