#!/usr/bin/env bash
# release.sh [OUT]: the release build — the runnable jar, the .deb and SHA256SUMS in OUT
# (default target/release). Man pages and completion come from the command model (ReleaseDocs);
# needs Maven, a JDK 17, asciidoctor and dpkg-deb. See docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-target/release}
mvn -q -B package -DskipTests
cp_file=$(mktemp)
docs=$(mktemp -d)
trap 'rm -rf "$cp_file" "$docs"' EXIT
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
jar=$(ls target/hermes-harden-[0-9]*.jar)
version=$(basename "$jar" .jar)
version=${version#hermes-harden-}
java -cp "target/classes:target/test-classes:$(cat "$cp_file")" dev.hermesharden.cli.ReleaseDocs "$docs"
bash src/deb/build-deb.sh target/hermes-harden.jar "$version" "$docs" "$out"
