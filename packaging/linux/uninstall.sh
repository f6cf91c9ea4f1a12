#!/bin/sh
# Remove Brain Region Explorer installed by install.sh.
#
# usage: ./uninstall.sh [--user | --system | --prefix DIR]
#   the same option as at install time; the copy of this script inside an
#   installation (DIR/lib/brain-region-explorer/uninstall.sh) finds DIR itself.
# Each account's own cache, settings and log are left alone (README: For IT staff).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
name=brain-region-explorer

if [ "$(basename "$here")" = "$name" ] && [ "$(basename "$(dirname "$here")")" = lib ]; then
  prefix=$(dirname "$(dirname "$here")")
elif [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
case "${1:-}" in
  "") ;;
  --user) prefix="$HOME/.local" ;;
  --system) prefix=/usr/local ;;
  --prefix) [ -n "${2:-}" ] || { echo "usage: $0 [--user | --system | --prefix DIR]" >&2; exit 2; }
            prefix=$2 ;;
  -h|--help) sed -n '2,8s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "usage: $0 [--user | --system | --prefix DIR]" >&2; exit 2 ;;
esac
app="$prefix/lib/$name"
share="$prefix/share"

# only delete a folder that is an installation of this app
if [ ! -x "$app/$name" ]; then
  echo "error: no installation of $name in $prefix" >&2
  exit 1
fi
echo "Removing $name from $prefix"
rm -rf "$app"
rm -f "$prefix/bin/$name" "$share/applications/$name.desktop"
rm -f "$share"/icons/hicolor/*/apps/"$name".png "$share/icons/hicolor/scalable/apps/$name.svg"
# tell the desktop the icons changed: refresh an icon cache only where one exists (a stale
# cache would hide icons), else a newer folder date makes the desktop look again
if [ -f "$share/icons/hicolor/icon-theme.cache" ]; then
  gtk-update-icon-cache -q "$share/icons/hicolor" 2>/dev/null || true
fi
touch "$share/icons/hicolor" 2>/dev/null || true
echo "Removed."
