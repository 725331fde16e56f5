"""Server side of the components that need a view's help (see templates/components/README.md)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirmation_page(
    request: HttpRequest,
    *,
    question: str,
    action_url: str,
    cancel_url: str,
    confirm_label: str,
    detail: str = "",
    variant: str = "danger",
) -> HttpResponse:
    """The page that asks before a destructive action when the browser runs no JavaScript.

    A view answers a GET of its action URL with this page; its form posts back to the same URL
    with ``confirmed=1`` (the ``confirm_action`` dialog posts the same).
    """
    return render(
        request,
        "components/confirm_page.html",
        {
            "question": question,
            "detail": detail,
            "action_url": action_url,
            "cancel_url": cancel_url,
            "confirm_label": confirm_label,
            "variant": variant,
        },
    )
