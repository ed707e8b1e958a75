#!/usr/bin/env bash
# Cold full sync of the usrp-users corpus from a real Dovecot: Rapport's `sync --once` against mbsync (isync),
# same folder, same server, same run; then an incremental sync with nothing new over 20 folders.
#
#   sudo src/bench/sync-vs-mbsync.sh [RUNS]      (RUNS per tool, default 3; prints medians and the ratio)
#
# Needs root (Dovecot switches users), dovecot-imapd (src/test/servers/install.sh), isync, zstd, and the corpus
# at ../shared/corpus/usrp-users.tar.zst (or CORPUS=path). Builds target/rapport.jar when it is missing.
# Rapport is timed started the fast way (the launcher target/rapport/rapport, which `./mvnw package` makes on
# JDK 25) and, in the same run, from the plain jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
CORPUS=${CORPUS:-../shared/corpus/usrp-users.tar.zst}
[[ $(id -u) -eq 0 ]] || { echo "run as root (Dovecot switches users)" >&2; exit 1; }
[[ -f $CORPUS ]] || { echo "corpus not found: $CORPUS" >&2; exit 1; }
command -v mbsync >/dev/null || { echo "mbsync is missing: apt-get install isync" >&2; exit 1; }
JAR=${JAR:-target/rapport.jar}
[[ -f $JAR && -x target/rapport/rapport ]] || ./mvnw -q -B package -DskipTests
JAVA=${JAVA:-$( [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]] && echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java || echo java)}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
DIR=$(mktemp -d /tmp/rbXXXX)
WORK=$(mktemp -d /tmp/rbwXXXX)
export DOVECOT_IMAP_PORT=$(free_port) DOVECOT_IMAPS_PORT=$(free_port) MAIL_USERS="shop:shop-secret"
cleanup() { bash src/test/servers/dovecot.sh stop "$DIR" >/dev/null 2>&1 || true; rm -rf "$DIR" "$WORK"; }
trap cleanup EXIT
bash src/test/servers/dovecot.sh start "$DIR" >/dev/null
DOVEADM="doveadm -c $DIR/dovecot.conf"

echo "loading the corpus into Dovecot…"
mkdir -p "$WORK/corpus"
zstd -dc "$CORPUS" | tar x -C "$WORK/corpus"
MAILDIR=$DIR/mail/shop
mkdir -p "$MAILDIR/cur" "$MAILDIR/new" "$MAILDIR/tmp"
# One process copies them all: a process per message takes minutes on a busy machine.
python3 - "$WORK/corpus" "$MAILDIR/cur" <<'COPY'
import os, shutil, sys
source, target = sys.argv[1], sys.argv[2]
for root, _, files in os.walk(source):
    if os.path.basename(root) in ("cur", "new"):
        for name in files:
            shutil.copyfile(os.path.join(root, name), os.path.join(target, name.split(":2,")[0] + ":2,"))
COPY
chown -R mail:mail "$MAILDIR"
# Dovecot indexes the folder now, so neither tool pays for that.
$DOVEADM mailbox status -u shop messages INBOX

load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }

rapport() {  # rapport DATA_DIR FOLDERS [plain] -> prints the command's own output
    local start=(env JAVA="$JAVA" JAVA_OPTS=-Xmx1g target/rapport/rapport)
    [[ ${3:-} == plain ]] && start=("$JAVA" -Xmx1g -jar "$JAR")
    RAPPORT_DATA_DIR=$1 RAPPORT_MAIL_IMAP_HOST=127.0.0.1 RAPPORT_MAIL_IMAP_PORT=$DOVECOT_IMAP_PORT \
    RAPPORT_MAIL_IMAP_SECURITY=NONE RAPPORT_MAIL_IMAP_USER=shop RAPPORT_MAIL_IMAP_PASSWORD=shop-secret \
    RAPPORT_MAIL_SMTP_HOST=127.0.0.1 RAPPORT_MAIL_SMTP_PORT=1 RAPPORT_MAIL_SMTP_SECURITY=NONE \
    RAPPORT_MAIL_ADDRESS=shop@rapport.test RAPPORT_MAIL_FOLDERS=$2 RAPPORT_MAIL_SENT_FOLDER=INBOX \
    "${start[@]}" sync --once
}

cat >"$WORK/mbsyncrc" <<CONF
IMAPAccount bench
Host 127.0.0.1
Port $DOVECOT_IMAP_PORT
User shop
Pass shop-secret
TLSType None
AuthMechs LOGIN

IMAPStore remote
Account bench

MaildirStore local
Path $WORK/mbsync/
Inbox $WORK/mbsync/INBOX

Channel inbox
Far :remote:INBOX
Near :local:INBOX
Sync Pull
Create Near
SyncState *
CONF
# Older isync spells TLSType "SSLType".
mbsync -c "$WORK/mbsyncrc" -l >/dev/null 2>&1 || sed -i 's/^TLSType/SSLType/' "$WORK/mbsyncrc"

: >"$WORK/rapport.times"; : >"$WORK/rapport.sync"; : >"$WORK/mbsync.times"; : >"$WORK/plain.times"
for run in $(seq 1 "$RUNS"); do
    rm -rf "$WORK/mbsync"; mkdir -p "$WORK/mbsync"
    t0=$(now); mbsync -q -c "$WORK/mbsyncrc" inbox; t1=$(now)
    echo "$t1 - $t0" | bc >>"$WORK/mbsync.times"
    n=$(find "$WORK/mbsync/INBOX" -type f | wc -l)
    echo "run $run: mbsync   $(tail -1 "$WORK/mbsync.times") s ($n messages; load average $(load))"

    rm -rf "$WORK/data"
    t0=$(now); out=$(rapport "$WORK/data" INBOX); t1=$(now)
    echo "$t1 - $t0" | bc >>"$WORK/rapport.times"
    echo "$out" | grep -o 'processed in [0-9.]*' | awk '{print $3}' >>"$WORK/rapport.sync"
    echo "run $run: rapport  $(tail -1 "$WORK/rapport.times") s wall ($(echo "$out" | grep 'INBOX: fetched'); $(echo "$out" | tail -1); load average $(load))"

    rm -rf "$WORK/data"
    t0=$(now); out=$(rapport "$WORK/data" INBOX plain); t1=$(now)
    echo "$t1 - $t0" | bc >>"$WORK/plain.times"
    echo "run $run: rapport from the plain jar  $(tail -1 "$WORK/plain.times") s wall ($(echo "$out" | tail -1))"
done
M=$(median <"$WORK/mbsync.times"); R=$(median <"$WORK/rapport.times"); S=$(median <"$WORK/rapport.sync")
P=$(median <"$WORK/plain.times")
echo
echo "cold full sync of usrp-users, median of $RUNS:"
echo "  mbsync:                         $M s"
echo "  rapport sync --once (wall):     $R s   ratio $(echo "scale=2; $R / $M" | bc)"
echo "  rapport without the JVM start:  $S s   ratio $(echo "scale=2; $S / $M" | bc)"
echo "  rapport from the plain jar:     $P s   ratio $(echo "scale=2; $P / $M" | bc)"
echo "  (both Rapport figures include parsing, storing, threading, customers and indexing; target: ratio <= 1.0)"

echo
echo "incremental sync with nothing new over 20 folders…"
FOLDERS=INBOX
for i in $(seq 1 19); do
    $DOVEADM mailbox create -u shop "F$i"
    printf 'From: a@example.com\r\nSubject: f%s\r\nMessage-ID: <f%s@bench>\r\n\r\nhello\r\n' "$i" "$i" | $DOVEADM save -u shop -m "F$i"
    FOLDERS="$FOLDERS,F$i"
done
rapport "$WORK/data" "$FOLDERS" >/dev/null
: >"$WORK/incr.times"; : >"$WORK/incr.wall"
for run in $(seq 1 "$RUNS"); do
    t0=$(now); out=$(rapport "$WORK/data" "$FOLDERS"); t1=$(now)
    echo "$out" | grep -o 'synced in [0-9.]*' | awk '{print $3}' >>"$WORK/incr.times"
    echo "$t1 - $t0" | bc >>"$WORK/incr.wall"
done
echo "  sync of 20 folders, nothing new: $(median <"$WORK/incr.times") s (median of $RUNS; target < 1 s; JVM start included: $(median <"$WORK/incr.wall") s wall; load average $(load))"
