#!/usr/bin/env bash
# The web inbox under load: imports a Maildir (linux-btrfs, 75k messages, is the target case) into a fresh data
# directory, starts Rapport on it, signs in, and runs wrk with 16 connections against the inbox and a
# conversation page. Prints requests/s and latency percentiles for each.
#
#   src/bench/web-wrk.sh MAILDIR [SECONDS]      # needs wrk (apt-get install wrk) and target/rapport.jar
#
# With DATA_DIR=/some/dir the data directory is kept: the Maildir is imported into it only when it holds no database
# yet, and later runs reuse it (an import of 75k messages takes minutes).
set -euo pipefail
MAILDIR=${1:?usage: web-wrk.sh MAILDIR [SECONDS]}
SECONDS_EACH=${2:-20}
HERE=$(cd -- "$(dirname -- "$0")/../.." && pwd)
JAR="$HERE/target/rapport.jar"
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=${PORT:-18080}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -f "$JAR" ] || { echo "build the jar first: ./mvnw package -DskipTests" >&2; exit 1; }

if [ -n "${DATA_DIR:-}" ]; then
  DATA=$DATA_DIR
  mkdir -p "$DATA"
  trap 'kill "$APP" 2>/dev/null || true' EXIT
else
  DATA=$(mktemp -d /tmp/rapport-web-bench.XXXX)
  trap 'kill "$APP" 2>/dev/null || true; rm -rf "$DATA"' EXIT
fi
if [ -e "$DATA/db" ]; then
  echo "reusing the data imported in $DATA"
else
  echo "importing $MAILDIR into $DATA …"
  RAPPORT_DATA_DIR=$DATA "$JAVA" -Xmx1g -jar "$JAR" import --maildir "$MAILDIR" 2>/dev/null | tail -3
fi

RAPPORT_DATA_DIR=$DATA RAPPORT_OWNER_PASSWORD=bench-password SERVER_PORT=$PORT RAPPORT_DEMO_IMAP_PORT=0 \
  RAPPORT_DEMO_SMTP_PORT=0 RAPPORT_DEMO_SEED=false "$JAVA" -Xmx1g ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$DATA/app.log" 2>&1 &
APP=$!
for _ in $(seq 120); do curl -fs "http://127.0.0.1:$PORT/login" >/dev/null && break; sleep 0.5; done
# The start-up check of the search index reads every message after the server is up: measure once it is done.
for _ in $(seq 600); do grep -qiE "search index (agrees|did not match)" "$DATA/app.log" && break; sleep 0.5; done

JAR_COOKIES="$DATA/cookies"
TOKEN=$(curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" "http://127.0.0.1:$PORT/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -c "$JAR_COOKIES" -b "$JAR_COOKIES" -o /dev/null -d "username=owner&password=bench-password&_csrf=$TOKEN" \
  "http://127.0.0.1:$PORT/login"
SESSION=$(awk '$6 == "JSESSIONID" { print $7 }' "$JAR_COOKIES")
CONVERSATION=$(curl -s -b "JSESSIONID=$SESSION" "http://127.0.0.1:$PORT/inbox?tab=all" \
  | sed -n 's/.*href="\/conversations\/\([0-9]*\)".*/\1/p' | head -1)
echo "signed in; conversation for the page test: $CONVERSATION; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

for path in "/inbox?tab=all" "/inbox?tab=all&page=50" "/conversations/$CONVERSATION"; do
  echo "== $path (16 connections, ${SECONDS_EACH}s)"
  # The first request builds the page (the inbox's first page was already read above to find a conversation).
  curl -s -b "JSESSIONID=$SESSION" -o /dev/null -w "   first request: HTTP %{http_code}, %{size_download} bytes, %{time_total} s\n" \
    "http://127.0.0.1:$PORT$path"
  wrk -t2 -c16 -d5s -H "Cookie: JSESSIONID=$SESSION" "http://127.0.0.1:$PORT$path" >/dev/null   # warm up
  wrk -t2 -c16 -d"${SECONDS_EACH}s" --latency -H "Cookie: JSESSIONID=$SESSION" "http://127.0.0.1:$PORT$path" \
    | grep -E "Requests/sec|^ +(50|90|99)%|Non-2xx"
  echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
done
