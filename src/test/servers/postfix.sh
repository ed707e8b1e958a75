#!/usr/bin/env bash
# Start/stop a throw-away Postfix SMTP server for Rapport's integration tests.
#
#   postfix.sh start DIR    write a Postfix instance into DIR, start it, return
#                           once the SMTP port answers
#   postfix.sh stop DIR     stop that instance and wait until all its
#                           processes are gone
#   postfix.sh status DIR   exit 0 if the instance in DIR is running
#
# Start dovecot.sh in the same DIR first: Postfix delivers mail for
# MAIL_DOMAIN to Dovecot's users over LMTP (DIR/run/lmtp) and can check
# SMTP AUTH passwords against Dovecot (DIR/run/auth-postfix).
#
# Layout: DIR/postfix (main.cf, master.cf), DIR/postfix-spool (queue),
# DIR/postfix-data (data_directory), DIR/postfix.log (log). Nothing outside
# DIR is written, so several instances with different ports can run at once.
#
# What it accepts: mail from anyone on 127.0.0.1 to <user>@MAIL_DOMAIN for
# the users of dovecot.sh; any other recipient is refused at RCPT TO (550 for
# unknown users, 554 "Relay access denied" for other domains). There is no
# smtp/relay transport at all, so nothing can ever leave this machine.
# SMTP AUTH (PLAIN/LOGIN, same passwords as IMAP) and STARTTLS are offered but
# not required.
#
# Environment (all optional):
#   POSTFIX_SMTP_PORT   plain SMTP (+STARTTLS)                default 10025
#   POSTFIX_SMTPS_PORT  SMTP over implicit TLS                default 10465
#   MAIL_DOMAIN         the test mail domain     default: the one dovecot.sh
#                       used in DIR (DIR/dovecot.env), else rapport.test
#   START_TIMEOUT       seconds to wait for the ports          default 30
#
# Must run as root; needs the Debian package postfix (see install.sh).
set -euo pipefail

PROG=${0##*/}
HERE=$(cd -- "$(dirname -- "$0")" && pwd)
# The daemons live in sbin, which a non-login PATH may lack.
PATH=$PATH:/usr/sbin:/sbin

die() {
    echo "$PROG: error: $*" >&2
    exit 1
}

usage() {
    echo "usage: $PROG start|stop|status DIR" >&2
    exit 2
}

[[ $# -eq 2 ]] || usage
ACTION=$1
[[ $ACTION == @(start|stop|status) && -n $2 ]] || usage

SMTP_PORT=${POSTFIX_SMTP_PORT:-10025}
SMTPS_PORT=${POSTFIX_SMTPS_PORT:-10465}
TIMEOUT=${START_TIMEOUT:-30}

# Configs and Postfix's LMTP target need an absolute, normalised path that
# does not depend on the caller's working directory. Only "start" creates DIR.
[[ $ACTION != start ]] || mkdir -p -- "$2"
if [[ ! -d $2 ]]; then
    [[ $ACTION == status ]] && { echo "not running"; exit 1; }
    echo "$PROG: not running in $2" >&2
    exit 0
fi
DIR=$(cd -- "$2" && pwd -P)
# The generated configs cannot quote paths.
[[ $DIR != *[[:space:]\\\"\'\$\#]* ]] || die "DIR must not contain spaces, quotes, \\, \$ or #: $DIR"
CONF_DIR=$DIR/postfix
SPOOL=$DIR/postfix-spool
DATA=$DIR/postfix-data
LOG=$DIR/postfix.log
ENVFILE=$DIR/postfix.env
PIDFILE=$SPOOL/pid/master.pid
LMTP_SOCKET=$DIR/run/lmtp
# Default to the domain dovecot.sh was started with in this DIR.
DOMAIN=${MAIL_DOMAIN:-$(sed -n 's/^MAIL_DOMAIN=//p' "$DIR/dovecot.env" 2>/dev/null || true)}
DOMAIN=${DOMAIN:-rapport.test}
AUTH_SOCKET=$DIR/run/auth-postfix

master_pid() {
    # Prints the pid of this instance's running master process, if any.
    local pid
    [[ -f $PIDFILE ]] || return 1
    pid=$(tr -d ' \n' <"$PIDFILE")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    # Guard against a recycled pid: must be a postfix master of this DIR
    # (the master's cwd is its queue directory).
    [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$SPOOL" ]] || return 1
    grep -q master "/proc/$pid/comm" 2>/dev/null || return 1
    echo "$pid"
}

# Succeeds if something accepts TCP connections on 127.0.0.1:$1.
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Succeeds if a socket listens on 127.0.0.1:$1 (read from /proc, so unlike a
# probe connection it leaves no "lost connection" noise in the TLS log).
port_listening() {
    local hex
    hex=$(printf '%04X' "$1")
    grep -q "^ *[0-9]*: 0100007F:$hex 00000000:0000 0A " /proc/net/tcp
}

# Succeeds if an SMTP server greets with 220 on 127.0.0.1:$1.
smtp_greets() {
    # shellcheck disable=SC2016 # expanded by the inner bash
    timeout 2 bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        IFS= read -r -t 2 line <&3 || exit 1
        printf "QUIT\r\n" >&3
        [[ $line == 220* ]]' _ "$1" 2>/dev/null
}

# Live processes of this instance: the master is a session leader and all
# Postfix daemons it spawns stay in its session. Zombies are already gone.
instance_pids() {
    local sid=$1
    ps -e -o pid=,sid=,stat= | awk -v s="$sid" '$2 == s && $3 !~ /^Z/ { print $1 }'
}

write_recipients() {
    # Every Dovecot user is a valid mailbox at DOMAIN (texthash: no postmap).
    local user
    : >"$CONF_DIR/recipients"
    while IFS=: read -r user _; do
        [[ -n $user ]] && echo "$user@$DOMAIN OK" >>"$CONF_DIR/recipients"
    done <"$DIR/users"
}

write_main_cf() {
    cat >"$CONF_DIR/main.cf" <<EOF
# Generated by $PROG for a test instance; everything stays inside $DIR.
compatibility_level = 3.6
queue_directory = $SPOOL
data_directory = $DATA
mail_owner = postfix
setgid_group = postdrop
syslog_name = rapport-postfix-$SMTP_PORT
# Log to a file (postlogd, Postfix >= 3.4) instead of syslog.
maillog_file = $LOG
maillog_file_prefixes = $DIR
readme_directory = no
biff = no

myhostname = mx.$DOMAIN
mydomain = $DOMAIN
myorigin = \$mydomain
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_banner = \$myhostname ESMTP Rapport test server
# No DNS: do not look up the client's name.
smtpd_peername_lookup = no
# Tests provoke errors on purpose; do not slow the client down afterwards.
smtpd_error_sleep_time = 0

# Only virtual mailboxes of $DOMAIN, delivered to Dovecot over LMTP.
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
relay_domains =
virtual_mailbox_domains = $DOMAIN
virtual_mailbox_maps = texthash:$CONF_DIR/recipients
virtual_transport = lmtp:unix:$LMTP_SOCKET

# Never send anything anywhere else: refuse at RCPT TO, and even if a message
# slipped through, the only other transports are "error".
smtpd_relay_restrictions = reject_unauth_destination
smtpd_recipient_restrictions =
default_transport = error:5.7.1 this test server never relays mail
relay_transport = error:5.7.1 this test server never relays mail
local_transport = error:5.7.1 local delivery is disabled

# Tests should not wait minutes if Dovecot was briefly unavailable.
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 5s
delay_warning_time = 0
message_size_limit = 52428800

# Optional STARTTLS / implicit TLS with dovecot.sh's self-signed cert.
smtpd_tls_security_level = may
smtpd_tls_cert_file = $DIR/ssl/cert.pem
smtpd_tls_key_file = $DIR/ssl/key.pem
smtpd_tls_loglevel = 0

# Optional SMTP AUTH, checked by Dovecot; allowed without TLS on loopback.
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = $AUTH_SOCKET
smtpd_sasl_security_options = noanonymous
smtpd_tls_auth_only = no
EOF
}

write_master_cf() {
    # A minimal master.cf: only the two loopback listeners, and no chroot
    # (a chroot would need copies of /etc files inside the spool).
    # Deliberately no smtp/relay/local services.
    cat >"$CONF_DIR/master.cf" <<EOF
# service type  private unpriv  chroot  wakeup  maxproc command + args
127.0.0.1:$SMTP_PORT  inet  n       -       n       -       -       smtpd
127.0.0.1:$SMTPS_PORT inet  n       -       n       -       -       smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_security_level=encrypt
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

start() {
    local pid deadline port err
    [[ $(id -u) -eq 0 ]] || die "must run as root (Postfix switches users itself)"
    { command -v postfix && command -v postconf; } >/dev/null ||
        die "postfix is not installed (apt-get install postfix; see $HERE/install.sh)"
    { id postfix && getent group postdrop; } >/dev/null 2>&1 ||
        die "the postfix user or postdrop group is missing; reinstall the postfix package"
    [[ $SMTP_PORT =~ ^[0-9]+$ && $SMTPS_PORT =~ ^[0-9]+$ ]] || die "ports must be numbers"
    [[ $SMTP_PORT != "$SMTPS_PORT" ]] || die "POSTFIX_SMTP_PORT and POSTFIX_SMTPS_PORT must differ"
    [[ -f $DIR/users && -S $LMTP_SOCKET && -s $DIR/ssl/cert.pem ]] ||
        die "no Dovecot instance in $DIR: run 'dovecot.sh start $DIR' first"

    if pid=$(master_pid); then
        echo "$PROG: already running in $DIR (pid $pid)" >&2
        cat "$ENVFILE"
        return 0
    fi
    for port in "$SMTP_PORT" "$SMTPS_PORT"; do
        ! port_open "$port" || die "port 127.0.0.1:$port is already in use"
    done

    # The queue directory itself must be root-owned; "postfix start" runs
    # post-install create-missing, which creates its subdirectories with the
    # owners and modes Postfix insists on (postfix / postdrop).
    chmod a+x "$DIR"
    setpriv --reuid=postfix --regid=postfix --clear-groups test -x "$DIR" ||
        die "user 'postfix' cannot reach $DIR: a parent directory is not world-searchable (use a DIR under /tmp)"
    mkdir -p "$CONF_DIR" "$SPOOL" "$DATA"
    chown root:root "$SPOOL"
    chmod 0755 "$CONF_DIR" "$SPOOL"
    chown postfix:postfix "$DATA"
    chmod 0700 "$DATA"
    rm -f "$PIDFILE"

    write_recipients
    write_main_cf
    write_master_cf
    # Postfix re-reads a config or table file whose mtime is the current
    # second (it might be half written), sleeping 300 ms per try for up to
    # ~2 s in every postconf/postfix/daemon start. Back-date our files.
    touch -d "@$(($(date +%s) - 10))" "$CONF_DIR/main.cf" "$CONF_DIR/master.cf" "$CONF_DIR/recipients"
    : >>"$LOG"

    err=$(postconf -c "$CONF_DIR" -n 2>&1 >/dev/null) || die "invalid generated config in $CONF_DIR: $err"
    [[ -z $err ]] || echo "$PROG: postconf warnings: $err" >&2

    # "postfix start" checks the instance, starts the master in the
    # background and waits until it is initialised. As with Dovecot, keep the
    # daemon off our caller's stdin/stdout/stderr.
    postfix -c "$CONF_DIR" start </dev/null >>"$LOG" 2>&1 || die "postfix failed to start, see $LOG:
$(tail -n 20 "$LOG" 2>/dev/null)"

    deadline=$((SECONDS + TIMEOUT))
    until smtp_greets "$SMTP_PORT" && port_listening "$SMTPS_PORT"; do
        if [[ -f $PIDFILE ]] && ! master_pid >/dev/null; then
            die "postfix exited during start-up, see $LOG:
$(tail -n 20 "$LOG" 2>/dev/null)"
        fi
        if ((SECONDS >= deadline)); then
            stop >/dev/null 2>&1 || true
            die "postfix did not answer on 127.0.0.1:$SMTP_PORT/$SMTPS_PORT within ${TIMEOUT}s, see $LOG:
$(tail -n 20 "$LOG" 2>/dev/null)"
        fi
        sleep 0.05
    done
    pid=$(master_pid) || die "postfix master exited right after start, see $LOG:
$(tail -n 20 "$LOG" 2>/dev/null)"

    cat >"$ENVFILE" <<EOF
POSTFIX_DIR=$DIR
POSTFIX_CONFIG_DIR=$CONF_DIR
POSTFIX_PID=$pid
POSTFIX_SMTP_PORT=$SMTP_PORT
POSTFIX_SMTPS_PORT=$SMTPS_PORT
POSTFIX_LOG=$LOG
MAIL_DOMAIN=$DOMAIN
POSTQUEUE="postqueue -c $CONF_DIR"
EOF
    cat "$ENVFILE"
}

stop() {
    local pid sid deadline p
    if ! pid=$(master_pid); then
        echo "$PROG: not running in $DIR" >&2
        return 0
    fi
    sid=$(ps -o sid= -p "$pid" | tr -d ' ')
    # What "postfix stop" does, minus its one-second sleeps: SIGTERM makes the
    # master terminate its children and exit.
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while [[ -n $(instance_pids "$sid") ]]; do
        if ((SECONDS >= deadline)); then
            echo "$PROG: instance did not stop in time, killing it" >&2
            for p in $(instance_pids "$sid"); do kill -KILL "$p" 2>/dev/null || true; done
            sleep 0.1
            [[ -z $(instance_pids "$sid") ]] || die "could not kill Postfix processes of $DIR"
            break
        fi
        sleep 0.05
    done
    echo "$PROG: stopped instance in $DIR" >&2
}

case $ACTION in
start) start ;;
stop) stop ;;
status)
    if pid=$(master_pid); then echo "running (pid $pid)"; else echo "not running"; exit 1; fi ;;
*) usage ;;
esac
