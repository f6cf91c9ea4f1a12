#!/usr/bin/env bash
# Build the Linux installers from the one-folder bundle (scripts/build-bundle.sh):
#   OUT_DIR/brain-region-explorer-<version>-linux-<arch>.tar.gz  (install.sh / uninstall.sh inside)
#   OUT_DIR/brain-region-explorer_<version>_<debian arch>.deb
# and print the bundle's glibc floor, which both installers state.
#
# usage: scripts/build-installers.sh [BUNDLE_DIR [OUT_DIR]]
#   BUNDLE_DIR  default dist/brain-region-explorer; OUT_DIR default dist
#   DEB_COMPRESSION=gzip|xz|zstd|none  the .deb's compression (default gzip: every dpkg reads it, and
#   xz took over 10 minutes for the 650 MB bundle on 2 busy cores; zstd needs dpkg >= 1.21.18 to install)
# Needs: python3, binutils (readelf), dpkg-deb, tar, gzip.
set -euo pipefail
umask 022
root=$(cd "$(dirname "$0")/.." && pwd)
name=brain-region-explorer
bundle=$(realpath -m "${1:-$root/dist/$name}")
out=$(realpath -m "${2:-$root/dist}")
python=${PYTHON:-python3}
linux="$root/packaging/linux"

if [ ! -x "$bundle/$name" ]; then
  echo "error: no bundle at $bundle (its executable $name is missing): run scripts/build-bundle.sh first" >&2
  exit 1
fi
for tool in readelf dpkg-deb tar; do
  command -v "$tool" >/dev/null || { echo "error: $tool not found (binutils, dpkg, tar)" >&2; exit 1; }
done

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$root/pyproject.toml" | head -n 1)
[ -n "$version" ] || { echo "error: no version in pyproject.toml" >&2; exit 1; }
arch=$(uname -m)
case "$arch" in x86_64) deb_arch=amd64 ;; aarch64) deb_arch=arm64 ;; *) deb_arch=$arch ;; esac
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}

echo "== glibc floor of $bundle"
explain=$("$python" "$root/scripts/glibc-floor.py" "$bundle" --explain)
echo "$explain"
floor=$("$python" "$root/scripts/glibc-floor.py" "$bundle")
floor_depends=$("$python" "$root/scripts/glibc-floor.py" "$bundle" --deb-depends)
# the system libraries the bundle loads (Qt's xcb and OpenGL): the list scripts/bootstrap.sh installs
apt_app=$(sed -n '/^APT_APP=(/,/)/p' "$root/scripts/bootstrap.sh" | sed 's/^APT_APP=(//; s/)//' | xargs)
depends="$floor_depends, $(echo "$apt_app" | sed 's/ /, /g')"

mkdir -p "$out"
stage=$(mktemp -d "$out/.installers.XXXXXX")   # in OUT_DIR, so the bundle can be hard-linked, not copied
trap 'rm -rf "$stage"' EXIT INT TERM
copy_bundle() { cp -al "$bundle" "$1" 2>/dev/null || { rm -rf "$1"; cp -a "$bundle" "$1"; }; }
# icons in the hicolor theme's layout: <dir>/hicolor/<size>/apps/<name>.png and scalable/apps/<name>.svg
copy_icons() {
  local size
  for png in "$root"/assets/icons/hicolor/*/"$name".png; do
    size=$(basename "$(dirname "$png")")
    install -D -m 644 "$png" "$1/hicolor/$size/apps/$name.png"
  done
  install -D -m 644 "$root/assets/icons/$name.svg" "$1/hicolor/scalable/apps/$name.svg"
}

echo "== tarball"
base="$name-$version-linux-$arch"
tree="$stage/$base"
mkdir -p "$tree"
copy_bundle "$tree/$name"
install -m 644 "$linux/$name.desktop" "$tree/"
install -m 755 "$linux/install.sh" "$linux/uninstall.sh" "$tree/"
copy_icons "$tree/icons"
{
  echo "Brain Region Explorer $version for Linux $arch"
  echo "Needs glibc $floor or newer."
  echo "$explain"
  echo "System packages it needs (Debian/Ubuntu names): $apt_app"
} > "$tree/SYSTEM-REQUIREMENTS.txt"
tarball="$out/$base.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" --clamp-mtime \
  -C "$stage" -czf "$tarball.part" "$base"
mv "$tarball.part" "$tarball"

echo "== .deb"
deb="$stage/deb"
mkdir -p "$deb/opt" "$deb/usr/bin" "$deb/DEBIAN"
copy_bundle "$deb/opt/$name"
printf '#!/bin/sh\nexec /opt/%s/%s "$@"\n' "$name" "$name" > "$deb/usr/bin/$name"
chmod 755 "$deb/usr/bin/$name"
install -D -m 644 "$linux/$name.desktop" "$deb/usr/share/applications/$name.desktop"
copy_icons "$deb/usr/share/icons"
install -D -m 644 "$tree/SYSTEM-REQUIREMENTS.txt" "$deb/usr/share/doc/$name/SYSTEM-REQUIREMENTS.txt"
installed_size=$(du -sk --apparent-size --exclude=DEBIAN "$deb" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$deb_arch/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
    -e "s/@DEPENDS@/$depends/" "$linux/deb-control.in" > "$deb/DEBIAN/control"
package="$out/${name}_${version}_$deb_arch.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-gzip}" --build "$deb" "$package.part" >/dev/null
mv "$package.part" "$package"

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$deb/usr/share/applications/$name.desktop"
else
  echo "(desktop-file-validate not installed: the .desktop file was not validated here)"
fi
dpkg-deb --field "$package" Package Version Architecture Depends

echo "== done"
echo "glibc floor: $floor (the installers need glibc $floor or newer)"
du -h "$tarball" "$package"
