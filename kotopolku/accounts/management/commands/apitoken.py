from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kotopolku.accounts.models import ApiToken, User
from kotopolku.accounts.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Print a new API token for the user with this e-mail (shown once), or revoke one with --revoke."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", nargs="?")
        parser.add_argument("--name", default="integration", help="What the token is for.")
        parser.add_argument(
            "--revoke", metavar="PREFIX", help="Revoke the token whose value starts with PREFIX."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["revoke"]:
            tokens = ApiToken.objects.filter(
                prefix__startswith=options["revoke"][:10], revoked_at__isnull=True
            )
            if len(tokens) != 1:
                raise CommandError("No single active token starts with that prefix.")
            api_token_revoke(token=tokens[0])
            self.stdout.write(f"Revoked {tokens[0]}")
            return
        if not options["email"]:
            raise CommandError("Give the user's e-mail address.")
        user = User.objects.filter(email__iexact=options["email"].strip(), is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the e-mail {options['email']!r}.")
        _, raw = api_token_create(user=user, name=options["name"])
        self.stdout.write(raw)
