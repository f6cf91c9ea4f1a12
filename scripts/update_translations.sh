#!/usr/bin/env bash
# Update the interface's translations: extract the UI strings from the source into
# assets/i18n/brain_explorer_<lang>.ts (pyside6-lupdate), then compile each .ts into the
# .qm file the app loads (pyside6-lrelease).
#
#   scripts/update_translations.sh          every language that has a .ts file
#   scripts/update_translations.sh fr       start (or update) French: writes brain_explorer_fr.ts
#
# Translate the new and changed messages in Qt Linguist (pyside6-linguist) or a text editor,
# then run the script again to compile them. Messages are kept without line numbers
# (-locations none), so a .ts file changes only when the interface's words change.
# See the README, "Translating the interface".
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python3
QT_TOOLS=$("$PYTHON" -c 'import os, PySide6; print(os.path.dirname(PySide6.__file__))')
LUPDATE="$QT_TOOLS/lupdate"
LRELEASE="$QT_TOOLS/lrelease"

# every Python source: the Qt layer's tr()/translate() calls, and the QT_TRANSLATE_NOOP marks
# on words kept in data (atlases/translation_marks.py)
mapfile -t SOURCES < <(find main.py viewer atlases -name '*.py' | LC_ALL=C sort)

if [ "$#" -gt 0 ]; then
    LANGS=("$@")
else
    LANGS=()
    for ts in assets/i18n/brain_explorer_*.ts; do
        [ -e "$ts" ] || continue
        code=${ts##*/brain_explorer_}
        LANGS+=("${code%.ts}")
    done
fi
if [ "${#LANGS[@]}" -eq 0 ]; then
    echo "no translation yet: name a language, e.g. scripts/update_translations.sh es" >&2
    exit 2
fi

for lang in "${LANGS[@]}"; do
    ts="assets/i18n/brain_explorer_${lang}.ts"
    "$LUPDATE" -no-obsolete -locations none -source-language en -target-language "$lang" \
        "${SOURCES[@]}" -ts "$ts"
    # lupdate takes every "#:" comment (the code's attribute docs) as a note to the translator,
    # attached to whichever message follows it: drop them, they only mislead
    "$PYTHON" - "$ts" <<'PY'
import re, sys
path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    text = f.read()
with open(path, "w", encoding="utf-8") as f:
    f.write(re.sub(r"\n *<extracomment>.*?</extracomment>", "", text, flags=re.S))
PY
    "$LRELEASE" "$ts" -qm "${ts%.ts}.qm"
done
