#!/bin/sh
# Install Brain Region Explorer from this unpacked tarball.
#
# usage: ./install.sh [--user | --system | --prefix DIR]
#   --user     for you only, under ~/.local (the default when not root)
#   --system   for every account, under /usr/local (the default as root)
#   --prefix   under DIR: the app in DIR/lib/brain-region-explorer, the command
#              in DIR/bin, the menu entry and icons in DIR/share
# Installing again replaces the installed copy. To remove it: uninstall.sh
# (with the same option), or DIR/lib/brain-region-explorer/uninstall.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
name=brain-region-explorer

if [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix="$HOME/.local"; fi
case "${1:-}" in
  "") ;;
  --user) prefix="$HOME/.local" ;;
  --system) prefix=/usr/local ;;
  --prefix) [ -n "${2:-}" ] || { echo "usage: $0 [--user | --system | --prefix DIR]" >&2; exit 2; }
            prefix=$2 ;;
  -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "usage: $0 [--user | --system | --prefix DIR]" >&2; exit 2 ;;
esac
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
app="$prefix/lib/$name"
bin="$prefix/bin"
share="$prefix/share"

[ -x "$here/$name/$name" ] || { echo "error: $here/$name/$name is missing: unpack the whole tarball" >&2; exit 1; }
echo "Installing $name into $prefix"
rm -rf "$app.new"
mkdir -p "$app.new" "$bin" "$share/applications"
cp -R "$here/$name/." "$app.new/"
cp "$here/uninstall.sh" "$here/SYSTEM-REQUIREMENTS.txt" "$app.new/"
rm -rf "$app"
mv "$app.new" "$app"

# a wrapper, not a symlink: the bundle finds its libraries next to the real executable
cat > "$bin/$name" <<WRAPPER
#!/bin/sh
exec "$app/$name" "\$@"
WRAPPER
chmod 755 "$bin/$name"

sed -e "s|^Exec=.*|Exec=$bin/$name|" -e "s|^TryExec=.*|TryExec=$bin/$name|" \
  "$here/$name.desktop" > "$share/applications/$name.desktop"
(cd "$here/icons" && find hicolor -type f) | while read -r icon; do
  mkdir -p "$share/icons/$(dirname "$icon")"
  cp "$here/icons/$icon" "$share/icons/$icon"
done

# tell the desktop the icons changed: refresh an icon cache only where one exists (a stale
# cache would hide icons), else a newer folder date makes the desktop look again
if [ -f "$share/icons/hicolor/icon-theme.cache" ]; then
  gtk-update-icon-cache -q "$share/icons/hicolor" 2>/dev/null || true
fi
touch "$share/icons/hicolor" 2>/dev/null || true
echo "Installed. Start it from the applications menu or with: $bin/$name"
case ":$PATH:" in *":$bin:"*) ;; *) echo "(note: $bin is not on your PATH)";; esac
