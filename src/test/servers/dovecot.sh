#!/usr/bin/env bash
# Start/stop a throw-away Dovecot IMAP server for Rapport's integration tests.
#
#   dovecot.sh start DIR    write DIR/dovecot.conf and friends, start Dovecot,
#                           return once the IMAP port(s) answer
#   dovecot.sh stop DIR     stop that instance and wait until all its
#                           processes are gone
#   dovecot.sh status DIR   exit 0 if the instance in DIR is running
#
# Everything the instance writes (config, sockets, state, logs, mail, TLS
# certificate) lives under DIR, so any number of instances can run side by
# side with different ports and never touch a system Dovecot.
#
# Environment (all optional):
#   DOVECOT_IMAP_PORT   plain IMAP port (STARTTLS offered, plaintext login
#                       allowed)                              default 10143
#   DOVECOT_IMAPS_PORT  IMAP over implicit TLS, self-signed cert in
#                       DIR/ssl/cert.pem                      default 10993
#   MAIL_DOMAIN         the test mail domain                  default rapport.test
#   MAIL_USERS          space-separated user:password pairs
#                       default "shop:shop-secret customer:customer-secret"
#   START_TIMEOUT       seconds to wait for the ports          default 30
#   OAUTH2_INTROSPECTION_URL
#                       when set, logins with an OAuth2 access token (SASL
#                       XOAUTH2 / OAUTHBEARER) are also accepted: Dovecot
#                       POSTs the token to this URL (RFC 7662) and expects
#                       {"active": true, "username": "<user>"}  default unset
#
# Users log in as "shop" or "shop@rapport.test" (the domain part is dropped
# before the lookup, so both name the same mailbox). Mail is stored as
# Maildir in DIR/mail/<user>, owned by the system user "mail".
#
# After "start", DIR/dovecot.env holds shell-style KEY=VALUE lines (ports,
# config path, doveadm command line), also printed on stdout. Example:
#   doveadm -c DIR/dovecot.conf mailbox update --uid-validity 12345 -u shop INBOX
#
# Must run as root (Dovecot drops privileges itself). Needs the Debian
# packages dovecot-imapd and dovecot-lmtpd (see install.sh).
set -euo pipefail

PROG=${0##*/}
HERE=$(cd -- "$(dirname -- "$0")" && pwd)
# shellcheck source=src/test/servers/common.sh
source "$HERE/common.sh"
# The daemons live in sbin, which a non-login PATH may lack.
PATH=$PATH:/usr/sbin:/sbin


usage() {
    echo "usage: $PROG start|stop|status DIR" >&2
    exit 2
}

[[ $# -eq 2 ]] || usage
ACTION=$1
[[ $ACTION == @(start|stop|status) && -n $2 ]] || usage

IMAP_PORT=${DOVECOT_IMAP_PORT:-10143}
IMAPS_PORT=${DOVECOT_IMAPS_PORT:-10993}
DOMAIN=${MAIL_DOMAIN:-rapport.test}
USERS=${MAIL_USERS:-shop:shop-secret customer:customer-secret}
TIMEOUT=${START_TIMEOUT:-30}
OAUTH2_URL=${OAUTH2_INTROSPECTION_URL:-}
# Mail files belong to this system user; it exists on every Debian system.
# Dovecot refuses to access mail as root, so root itself is not an option.
MAIL_USER=mail

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
CONF=$DIR/dovecot.conf
RUN=$DIR/run              # Dovecot's base_dir: sockets and master.pid
PIDFILE=$RUN/master.pid
ENVFILE=$DIR/dovecot.env
LOG=$DIR/dovecot.log

# Unix socket paths are limited to 107 bytes; the longest one Dovecot makes
# is DIR/run/token-login/imap-urlauth (DIR + 29).
(( ${#DIR} <= 75 )) || die "DIR path is too long for unix sockets (at most 75 characters): $DIR"

master_pid() {
    # Prints the pid of this instance's running master process, if any.
    local pid
    [[ -f $PIDFILE ]] || return 1
    pid=$(<"$PIDFILE")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    # Guard against a recycled pid: it must be a dovecot master using our config.
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "dovecot.*$CONF" || return 1
    echo "$pid"
}

# Succeeds if something accepts TCP connections on 127.0.0.1:$1.

# Succeeds if a socket listens on 127.0.0.1:$1 (read from /proc, so unlike a
# probe connection it leaves no "lost connection" noise in the TLS log).

# Succeeds if an IMAP server greets on 127.0.0.1:$1 (plain, not TLS).
imap_greets() {
    # shellcheck disable=SC2016 # expanded by the inner bash
    timeout 2 bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
        IFS= read -r -t 2 line <&3 || exit 1
        printf "a LOGOUT\r\n" >&3
        [[ $line == "* OK"* ]]' _ "$1" 2>/dev/null
}

# Live processes of this instance: everything in the master's session
# (Dovecot's master calls setsid() when it daemonizes, its children inherit).
# Zombies are skipped: they are gone already, waiting for init to reap them.

check_users() {
    local pair user pass
    [[ -n ${USERS// /} ]] || die "MAIL_USERS is empty"
    for pair in $USERS; do
        user=${pair%%:*}
        pass=${pair#*:}
        [[ $pair == *:* && -n $pass && $pass != *:* ]] ||
            die "bad MAIL_USERS entry '$pair' (want user:password, no ':' in the password)"
        # Lower case and no @domain: logins are reduced to %Ln before lookup.
        [[ $user =~ ^[a-z0-9._-]+$ ]] || die "user names in MAIL_USERS must match [a-z0-9._-]+: '$user'"
    done
}

write_users() {
    local pair
    : >"$DIR/users.tmp"
    for pair in $USERS; do
        # passwd-file: user:password:uid:gid:gecos:home:shell:extra
        echo "${pair%%:*}:{PLAIN}${pair#*:}::::::" >>"$DIR/users.tmp"
    done
    chmod 0640 "$DIR/users.tmp"
    chgrp dovecot "$DIR/users.tmp"
    mv -f "$DIR/users.tmp" "$DIR/users"
}

write_tls() {
    # A self-signed certificate for localhost / 127.0.0.1, reused by
    # postfix.sh. Tests that use IMAPS should trust DIR/ssl/cert.pem.
    mkdir -p "$DIR/ssl"
    if [[ ! -s $DIR/ssl/cert.pem || ! -s $DIR/ssl/key.pem ]]; then
        openssl req -x509 -newkey rsa:2048 -nodes -days 3650 \
            -subj "/CN=localhost" \
            -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
            -keyout "$DIR/ssl/key.pem" -out "$DIR/ssl/cert.pem" 2>/dev/null ||
            die "openssl could not create a self-signed certificate"
        chmod 0600 "$DIR/ssl/key.pem"
    fi
    if [[ ! -s $DIR/ssl/dh.pem ]]; then
        # The standard RFC 7919 group: instant, unlike "openssl dhparam".
        openssl genpkey -genparam -algorithm DH -pkeyopt dh_param:ffdhe2048 \
            -out "$DIR/ssl/dh.pem" 2>/dev/null || die "openssl could not write DH parameters"
    fi
}

write_conf() {
    cat >"$CONF" <<EOF
# Generated by $PROG for a test instance; everything stays inside $DIR.
instance_name = rapport-$IMAP_PORT
base_dir = $RUN
state_dir = $DIR/state
log_path = $LOG
info_log_path = $LOG
debug_log_path = $LOG
verbose_proctitle = yes

protocols = imap lmtp
listen = 127.0.0.1
# No IPv6, no system ports: only the listeners below exist.

ssl = yes
ssl_cert = <$DIR/ssl/cert.pem
ssl_key = <$DIR/ssl/key.pem
ssl_dh = <$DIR/ssl/dh.pem
# Tests log in with plain passwords on the loopback-only plain port.
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
# Tests try wrong passwords on purpose: answer failures at once.
auth_failure_delay = 0
# "shop@$DOMAIN" and "shop" are the same user.
auth_username_format = %Ln

passdb {
  driver = passwd-file
  args = scheme=PLAIN $DIR/users
$( [[ -z $OAUTH2_URL ]] || echo "  mechanisms = plain login" )
}
$( [[ -z $OAUTH2_URL ]] || cat <<OAUTH
auth_mechanisms = plain login xoauth2 oauthbearer
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = $DIR/oauth2.conf.ext
}
OAUTH
)
userdb {
  driver = passwd-file
  args = $DIR/users
  default_fields = uid=$MAIL_USER gid=$MAIL_USER home=$DIR/home/%u
}
first_valid_uid = $(id -u "$MAIL_USER")
first_valid_gid = $(id -g "$MAIL_USER")

mail_location = maildir:$DIR/mail/%u
# Tests may keep many sessions of one user open at once (IDLE + polling +
# assertions); the default of 10 per user and IP would refuse the 11th.
mail_max_userip_connections = 100

namespace inbox {
  inbox = yes
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS_PORT
    ssl = yes
  }
}

# postfix.sh delivers over LMTP through this socket; Postfix's lmtp client
# runs as user postfix, hence the open mode (the socket is only reachable
# through DIR anyway).
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
protocol lmtp {
  postmaster_address = postmaster@$DOMAIN
}

# Without this listener the auth process has no per-IP penalty tracking;
# otherwise every failed login from 127.0.0.1 (also via Postfix SMTP AUTH)
# delays all later logins, good ones included, by 2..15 s.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}

# SASL for Postfix (optional SMTP AUTH with the same passwords).
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
EOF
}

dovecot_answers() {
    imap_greets "$IMAP_PORT" && port_listening "$IMAPS_PORT"
}

start() {
    local pid
    [[ $(id -u) -eq 0 ]] || die "must run as root (Dovecot switches users itself)"
    { command -v dovecot && command -v doveadm; } >/dev/null ||
        die "dovecot is not installed (apt-get install dovecot-imapd dovecot-lmtpd; see $HERE/install.sh)"
    [[ -x /usr/lib/dovecot/lmtp ]] || die "dovecot-lmtpd is not installed (needed for Postfix delivery)"
    id "$MAIL_USER" >/dev/null 2>&1 || die "system user '$MAIL_USER' is missing"
    command -v openssl >/dev/null || die "openssl is not installed"
    [[ $IMAP_PORT =~ ^[0-9]+$ && $IMAPS_PORT =~ ^[0-9]+$ ]] || die "ports must be numbers"
    [[ $IMAP_PORT != "$IMAPS_PORT" ]] || die "DOVECOT_IMAP_PORT and DOVECOT_IMAPS_PORT must differ"
    check_users

    if pid=$(master_pid); then
        echo "$PROG: already running in $DIR (pid $pid)" >&2
        cat "$ENVFILE"
        return 0
    fi
    local port
    for port in "$IMAP_PORT" "$IMAPS_PORT"; do
        ! port_open "$port" || die "port 127.0.0.1:$port is already in use"
    done

    # Dovecot's unprivileged processes (mail user, dovenull) and Postfix's
    # lmtp client need to traverse DIR; mktemp -d makes it 0700.
    chmod a+x "$DIR"
    setpriv --reuid="$MAIL_USER" --regid="$MAIL_USER" --clear-groups test -x "$DIR" ||
        die "user '$MAIL_USER' cannot reach $DIR: a parent directory is not world-searchable (use a DIR under /tmp)"
    mkdir -p "$DIR/state" "$DIR/mail" "$DIR/home"
    chown "$MAIL_USER:$MAIL_USER" "$DIR/mail" "$DIR/home"
    chmod 0700 "$DIR/mail" "$DIR/home"
    rm -f "$PIDFILE"

    write_users
    write_tls
    write_conf
    if [[ -n $OAUTH2_URL ]]; then
        [[ $OAUTH2_URL != *[[:space:]]* ]] || die "OAUTH2_INTROSPECTION_URL must not contain spaces"
        printf '%s\n' "introspection_mode = post" "introspection_url = $OAUTH2_URL" \
            "username_attribute = username" "active_attribute = active" "active_value = true" >"$DIR/oauth2.conf.ext"
    fi

    local err
    err=$(doveconf -c "$CONF" -n 2>&1 >/dev/null) || die "invalid generated config $CONF: $err"

    : >>"$LOG"
    # Dovecot daemonizes by itself (the master becomes a session leader), but
    # it keeps the fds it was started with: detach them from our caller, or a
    # caller reading our output until EOF (Java ProcessBuilder, Python
    # subprocess) would wait for as long as Dovecot runs.
    dovecot -c "$CONF" </dev/null >>"$LOG" 2>&1 || die "dovecot failed to start, see $LOG:
$(tail -n 20 "$LOG" 2>/dev/null)"

    await_start dovecot "127.0.0.1:$IMAP_PORT/$IMAPS_PORT" dovecot_answers

    cat >"$ENVFILE" <<EOF
DOVECOT_DIR=$DIR
DOVECOT_CONF=$CONF
DOVECOT_PID=$pid
DOVECOT_IMAP_PORT=$IMAP_PORT
DOVECOT_IMAPS_PORT=$IMAPS_PORT
DOVECOT_CERT=$DIR/ssl/cert.pem
DOVECOT_LMTP_SOCKET=$RUN/lmtp
DOVECOT_AUTH_SOCKET=$RUN/auth-postfix
DOVECOT_LOG=$LOG
MAIL_DOMAIN=$DOMAIN
DOVEADM="doveadm -c $CONF"
EOF
    cat "$ENVFILE"
}

stop() {
    stop_instance Dovecot
    rm -f "$PIDFILE"
}

case $ACTION in
start) start ;;
stop) stop ;;
status)
    if pid=$(master_pid); then echo "running (pid $pid)"; else echo "not running"; exit 1; fi ;;
*) usage ;;
esac
