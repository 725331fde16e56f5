"""Management entry point: ``python -m kotopolku <command>`` (what ``manage.py`` would be)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotopolku.settings")
    from django.core.management import execute_from_command_line

    from kotopolku.env import ConfigurationError

    try:
        execute_from_command_line(["python -m kotopolku", *sys.argv[1:]])
    except ConfigurationError as error:
        # A missing or malformed setting is the operator's to fix: say which and how, not where.
        sys.stderr.write(f"kotopolku: {error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
