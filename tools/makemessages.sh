#!/usr/bin/env bash
# Extract translatable strings of every app (and of the project files) into their .po files.
# Fill them with tools/fill_po.py, which also compiles the .mo files that are committed.
set -euo pipefail
cd "$(dirname "$0")/../kotopolku"
export KOTOPOLKU_ENV=development PYTHONPATH="$(cd .. && pwd)" DJANGO_SETTINGS_MODULE=kotopolku.settings
admin=../.venv/bin/django-admin
ignores=()
for locale in */locale; do
  app=${locale%/locale}
  ignores+=("--ignore=$app/*")
  (cd "$app" && ../$admin makemessages -l fi -l sv -l en --no-obsolete >/dev/null)
done
$admin makemessages -l fi -l sv -l en --no-obsolete "${ignores[@]}" >/dev/null
