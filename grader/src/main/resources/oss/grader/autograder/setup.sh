#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu): oss.jar
# needs a Java 17 or later runtime. Written by `oss grade --autograder-zip` (docs/grading.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

java_ok() {
  command -v java >/dev/null 2>&1 &&
    java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); found = 1; exit !(v[1] >= 17) } END { if (!found) exit 1 }'
}

if ! java_ok; then
  export DEBIAN_FRONTEND=noninteractive
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # 17 is in every Ubuntu from 18.04 on; a newer image may only carry a later one.
  for pkg in openjdk-17-jre-headless openjdk-21-jre-headless default-jre-headless; do
    if $sudo apt-get install -y -qq --no-install-recommends "$pkg" && java_ok; then
      break
    fi
  done
fi
if ! java_ok; then
  echo "setup.sh: no Java 17 or later could be installed with apt-get; oss.jar needs one" >&2
  exit 1
fi
java -version 2>&1 | sed -n 1p

# A class-data archive of the classes oss loads to grade (grading the starter, or nothing), written
# once here, saves every submission part of the JVM's start: run_autograder uses it when it is
# there, and nothing breaks when it is not.
assignment=@ASSIGNMENT@
starter=@STARTER@
submission=@SUBMISSION@
warm="$(mktemp -d)"
if [ -n "$starter" ]; then cp "$here/$starter" "$warm/$submission"; fi
java -XX:ArchiveClassesAtExit="$here/oss.jsa" -Xlog:disable -jar "$here/oss.jar" grade "$here/$assignment" "$warm" \
  >/dev/null 2>&1 || true
rm -rf "$warm"
if [ -s "$here/oss.jsa" ]; then echo "setup.sh: wrote oss.jsa"; else rm -f "$here/oss.jsa"; fi
