#!/usr/bin/env bash
# build-deb.sh JAR VERSION DOCS OUT: the Debian package of hermes-harden (Architecture: all).
#   JAR      the shaded jar (target/hermes-harden.jar); the class list the build made beside it
#            (hermes-harden{,-practice}.classlist, src/build/class-data-archive.sh) is shipped too
#   VERSION  the upstream version (0.1.0)
#   DOCS     what ReleaseDocs generated from the command model (man/*.adoc, hermes-harden.bash,
#            systemd/*): nothing here is written by hand
#   OUT      where hermes-harden_VERSION_all.deb, the jar and SHA256SUMS go
# Needs asciidoctor (man pages) and dpkg-deb. Installing enables nothing (the review timer is
# enabled by `hermes-harden schedule install` or `systemctl enable --now
# hermes-harden-review.timer`). The one maintainer script that does something, postinst, makes a
# cache: the class-data archive in /var/cache/hermes-harden, dumped from the shipped class list
# (again when a Java runtime changes: triggers); postrm removes it (docs/packaging.md).
set -euo pipefail
jar=$1 version=$2 docs=$3 out=$4
classlist=${jar%.jar}.classlist
[[ -f "$classlist" ]] || { echo "build-deb.sh: $classlist is missing (mvn package makes it)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
for tool in asciidoctor dpkg-deb gzip; do
  command -v "$tool" >/dev/null || { echo "build-deb.sh: $tool is missing" >&2; exit 2; }
done
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/hh-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
umask 022
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/hermes-harden" \
  "$root/usr/share/man/man1" "$root/usr/share/bash-completion/completions" \
  "$root/usr/share/doc/hermes-harden" "$root/usr/lib/systemd/system"

install -m 0644 "$jar" "$root/usr/share/hermes-harden/hermes-harden.jar"
install -m 0644 "$classlist" "$root/usr/share/hermes-harden/hermes-harden.classlist"
install -m 0644 "${classlist%.classlist}-practice.classlist" \
  "$root/usr/share/hermes-harden/hermes-harden-practice.classlist"
# the same launcher as in the repository, with a fixed interpreter path
sed '1s|^#!/usr/bin/env bash$|#!/bin/bash|' "$repo/hermes-harden" >"$root/usr/bin/hermes-harden"
chmod 0755 "$root/usr/bin/hermes-harden"

for page in "$docs"/man/*.adoc; do
  name=$(basename "$page" .adoc)
  asciidoctor -b manpage -a reproducible -o "$work/$name.1" "$page"
  gzip -9nc "$work/$name.1" >"$root/usr/share/man/man1/$name.1.gz"
done
# a completion file is sourced, not run: no #! line
sed '1{/^#!/d}' "$docs/hermes-harden.bash" >"$root/usr/share/bash-completion/completions/hermes-harden"
install -m 0644 "$docs"/systemd/* "$root/usr/lib/systemd/system/"

install -m 0644 "$here/copyright" "$root/usr/share/doc/hermes-harden/copyright"
# who publishes the package signs it: DEBFULLNAME and DEBEMAIL, as for dch(1)
maintainer="${DEBFULLNAME:-hermes-harden developers} <${DEBEMAIL:-hermes-harden@example.org}>"
sed -e "s/@VERSION@/$version/" -e "s|@MAINTAINER@|$maintainer|" "$here/changelog" |
  gzip -9nc >"$root/usr/share/doc/hermes-harden/changelog.gz"

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$size/" -e "s|@MAINTAINER@|$maintainer|" \
  "$here/control" >"$root/DEBIAN/control"
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
install -m 0755 "$here/postinst" "$here/postrm" "$root/DEBIAN/"
install -m 0644 "$here/triggers" "$root/DEBIAN/triggers"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

deb="$out/hermes-harden_${version}_all.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
cp "$jar" "$out/hermes-harden-$version.jar"
(cd "$out" && sha256sum "$(basename "$deb")" "hermes-harden-$version.jar" >SHA256SUMS)
echo "$deb"
