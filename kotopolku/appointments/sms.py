"""Text messages through a pluggable gateway: ``settings.SMS_BACKEND`` names a class with
``send(to, text)``. The console backend (the default) writes the message to the log, which is
what a developer's machine and the demo need; a deployment plugs in its operator's gateway."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("kotopolku.sms")


class SmsBackend(Protocol):
    def send(self, to: str, text: str) -> None: ...


class ConsoleSmsBackend:
    def send(self, to: str, text: str) -> None:
        logger.info("SMS to %s: %s", to, text)


class MemorySmsBackend:
    """Keeps the messages in ``outbox`` (tests)."""

    outbox: list[tuple[str, str]] = []

    def send(self, to: str, text: str) -> None:
        MemorySmsBackend.outbox.append((to, text))


def sms_backend() -> SmsBackend:
    path = getattr(settings, "SMS_BACKEND", "kotopolku.appointments.sms.ConsoleSmsBackend")
    backend: SmsBackend = import_string(path)()
    return backend
