#!/usr/bin/env bash
# Ingest speed of Rapport beside notmuch and mu, on the same Maildir, in the same run.
#
#   src/bench/ingest-peers.sh MAILDIR [ROUNDS]     (default 3 rounds; build the jar first: ./mvnw package)
#
# Each round runs, one after the other: `rapport bench ingest` (a first import into a throwaway data
# directory, -Xmx512m) started the fast way (the launcher target/rapport/rapport, which `./mvnw package` makes
# on JDK 25) and started from the plain jar, then `notmuch new` and `mu index` (each into a fresh database of
# its own). It prints each round's msg/s and the medians with the ratios. Needs the Debian packages notmuch and
# maildir-utils. Before each tool runs, the script waits for the writes of the one before to reach the disk.
set -euo pipefail
cd "$(dirname "$0")/../.."

maildir=$(realpath "${1:?usage: $0 MAILDIR [ROUNDS]}")
rounds=${2:-3}
jar=${RAPPORT_JAR:-target/rapport.jar}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi
for tool in notmuch mu; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install notmuch maildir-utils)" >&2; exit 2; }
done
[ -f "$jar" ] || { echo "$jar is missing: run ./mvnw package first" >&2; exit 2; }
[ -x target/rapport/rapport ] || { echo "target/rapport/rapport is missing: run ./mvnw package on JDK 25" >&2; exit 2; }

messages=$(find "$maildir/cur" "$maildir/new" -type f 2>/dev/null | wc -l)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() { date +%s.%N; }
rate() { awk -v n="$messages" -v s="$1" 'BEGIN { printf "%.0f", n / s }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "Maildir: $maildir ($messages messages), $rounds rounds, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %12s %12s %12s %12s   %s\n' round rapport 'plain jar' notmuch mu 'load (1 min)'
: > "$work/rapport"; : > "$work/plain"; : > "$work/notmuch"; : > "$work/mu"
total() { awk '$1 == "total" { gsub(",", "", $3); print $3 }'; }
# Each tool starts once the writes of the one before are on disk, so that none pays for another's write-back.
settle() { sync; }
for round in $(seq 1 "$rounds"); do
  settle
  rapport=$(JAVA="$java" JAVA_OPTS=-Xmx512m target/rapport/rapport bench ingest --maildir "$maildir" 2>/dev/null | total)
  settle
  plain=$("$java" -Xmx512m -jar "$jar" bench ingest --maildir "$maildir" 2>/dev/null | total)

  rm -rf "$work/notmuch-db" && mkdir -p "$work/notmuch-db"
  printf '[database]\npath=%s\nmail_root=%s\n[new]\ntags=inbox;\n[maildir]\nsynchronize_flags=false\n' \
    "$work/notmuch-db" "$maildir" > "$work/notmuch-config"
  settle
  start=$(seconds)
  NOTMUCH_CONFIG="$work/notmuch-config" notmuch new --quiet >/dev/null 2>&1
  notmuch=$(rate "$(awk -v a="$start" -v b="$(seconds)" 'BEGIN { print b - a }')")

  rm -rf "$work/mu-home"
  mu init --muhome="$work/mu-home" --maildir="$maildir" >/dev/null 2>&1
  settle
  start=$(seconds)
  mu index --muhome="$work/mu-home" --quiet >/dev/null 2>&1
  mu=$(rate "$(awk -v a="$start" -v b="$(seconds)" 'BEGIN { print b - a }')")

  echo "$rapport" >> "$work/rapport"; echo "$plain" >> "$work/plain"
  echo "$notmuch" >> "$work/notmuch"; echo "$mu" >> "$work/mu"
  printf '%-6s %12s %12s %12s %12s   %s\n' "$round" "$rapport" "$plain" "$notmuch" "$mu" "$(cut -d' ' -f1 /proc/loadavg)"
done
r=$(median < "$work/rapport"); p=$(median < "$work/plain"); n=$(median < "$work/notmuch"); m=$(median < "$work/mu")
printf '%-6s %12s %12s %12s %12s   msg/s\n' median "$r" "$p" "$n" "$m"
awk -v r="$r" -v p="$p" -v n="$n" -v m="$m" 'BEGIN {
  printf "ratios: rapport/notmuch %.2f   rapport/mu %.2f   (plain jar: %.2f and %.2f)\n", r / n, r / m, p / n, p / m }'
