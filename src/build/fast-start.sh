#!/usr/bin/env bash
# Prepares Rapport's fast start in target/rapport/: the jar unpacked (rapport.jar with its libraries in lib/),
# rapport.aot, an ahead-of-time cache (JDK 25 and newer) of the classes a run loads and of how its hot code
# behaves, recorded while `warm-up` imports and syncs sample mail on a throwaway data directory, and the launcher
# target/rapport/rapport, which takes the same commands as `java -jar target/rapport.jar`:
#
#   target/rapport/rapport [COMMAND ARGS…]
#
# A command starts in about a third of the time and reads mail faster from the first message on. The build calls
# this in the package phase with its own JDK (the cache only serves that JDK; another one ignores it with a
# warning). On an older JDK it only unpacks the jar.  Usage: src/build/fast-start.sh JAVA_HOME TARGET_DIR
set -euo pipefail
cd "$(dirname "$0")/../.."
java="${1:?usage: $0 JAVA_HOME TARGET_DIR}/bin/java"
target=${2:?usage: $0 JAVA_HOME TARGET_DIR}
out="$target/rapport"

rm -rf "$out"
"$java" -Djarmode=tools -jar "$target/rapport.jar" extract --destination "$out" >/dev/null

feature=$("$java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { print $2 }')
if [ "${feature%%.*}" -lt 25 ]; then
  echo "fast start: $out holds the unpacked jar; no AOT cache, which needs JDK 25 or newer (this is $feature)"
  exit 0
fi

# Sample mail: the repository's own messages (demo mailbox and test cases), many times over, each round with
# Message-IDs of its own so that every copy is a new message and the rounds thread like real conversations.
mail=$(mktemp -d)
trap 'rm -rf "$mail"' EXIT
mkdir -p "$mail/cur" "$mail/new" "$mail/tmp"
samples=$(find src/main/resources/demo src/test/resources/mail src/test/resources/replies -type f -name '*.eml' | sort)
for round in $(seq 1 64); do
  n=0
  for f in $samples; do
    n=$((n + 1))
    awk -v p="r$round." '
      header && /^\r?$/ { header = 0 }
      header && /^[^ \t]/ { ids = tolower($0) ~ /^(message-id|in-reply-to|references):/ }
      header && ids { gsub(/</, "<" p) }
      { print }' header=1 "$f" > "$mail/cur/$round-$n:2,S"
  done
done

log="$target/fast-start.log"
if "$java" -Xmx512m -XX:AOTCacheOutput="$out/rapport.aot" -jar "$out/rapport.jar" warm-up --maildir "$mail" \
    > "$log" 2>&1 && [ -s "$out/rapport.aot" ]; then
  echo "fast start: $out/rapport.aot recorded from $(find "$mail/cur" -type f | wc -l) sample messages"
else
  # The jar works without the cache; a failed recording is reported, not fatal.
  echo "fast start: recording the AOT cache failed (see $log); target/rapport.jar is unaffected" >&2
  rm -f "$out/rapport.aot"
  exit 0
fi

# The launcher: `target/rapport/rapport [COMMAND ARGS…]`, the same as `java -jar target/rapport.jar …`, started
# the fast way.
cat > "$out/rapport" <<LAUNCHER
#!/bin/sh
# Starts Rapport the fast way: the unpacked jar with the AOT cache the build recorded for the JDK in
# $java
# (JAVA names another java; it then starts without the cache, with a warning). JAVA_OPTS adds options (-Xmx2g).
# Batch commands run for seconds to minutes and are judged by how soon they end: they use the JIT's quick tier
# only, because the optimizing tier would spend more CPU compiling than it saves in so short a run, and the
# throughput collector, which does no marking alongside the work (unless JAVA_OPTS names a collector). The quick
# tier alone gets 48 MB for compiled code, and as that fills the JVM stops everything for a full collection to
# unload code (a second into a sync): they reserve 128 MB (address space, not memory). The server and the latency
# benchmarks (bench search, bench draft) keep the JVM's defaults.
here=\$(dirname "\$0")
batch=
case "\${1:-}" in
  import|sync|thread|strip|search|reindex|relearn|backup|eval|warm-up) batch=quick ;;
  bench) [ "\${2:-}" = ingest ] && batch=quick ;;
esac
if [ -n "\$batch" ]; then
  batch="-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=128m"
  case " \${JAVA_OPTS:-} " in
    *-XX:+Use*GC*) ;;
    *) batch="\$batch -XX:+UseParallelGC" ;;
  esac
fi
exec "\${JAVA:-$java}" -XX:AOTCache="\$here/rapport.aot" \$batch \${JAVA_OPTS:-} -jar "\$here/rapport.jar" "\$@"
LAUNCHER
chmod +x "$out/rapport"
