"""Management entry point: ``python -m kotopolku <command>`` (what ``manage.py`` would be)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotopolku.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["python -m kotopolku", *sys.argv[1:]])


if __name__ == "__main__":
    main()
