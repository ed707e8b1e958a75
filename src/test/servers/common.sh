# Shared by dovecot.sh and postfix.sh (sourced, not run): each instance is a daemon group whose processes
# share one session id, listening on loopback ports; these helpers find, probe and stop such a group.
# Expects PROG (the calling script's name) and, for stop_instance, a master_pid function.

die() {
    echo "$PROG: error: $*" >&2
    exit 1
}

# Something accepts connections on 127.0.0.1:$1.
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A socket is in LISTEN state on 127.0.0.1:$1, whoever owns it (no connection made).
port_listening() {
    local hex
    hex=$(printf '%04X' "$1")
    grep -q "^ *[0-9]*: 0100007F:$hex 00000000:0000 0A " /proc/net/tcp
}

# The live processes of session $1 (zombies waiting for init do not count).
instance_pids() {
    local sid=$1
    ps -e -o pid=,sid=,stat= | awk -v s="$sid" '$2 == s && $3 !~ /^Z/ { print $1 }'
}

# Stops the instance whose master is master_pid: SIGTERM makes the master stop its children and exit; whatever
# is still running after ten seconds is killed. $1 names the server in messages.
stop_instance() {
    local server=$1 pid sid deadline p
    if ! pid=$(master_pid); then
        echo "$PROG: not running in $DIR" >&2
        return 0
    fi
    sid=$(ps -o sid= -p "$pid" | tr -d ' ')
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while [[ -n $(instance_pids "$sid") ]]; do
        if ((SECONDS >= deadline)); then
            echo "$PROG: instance did not stop in time, killing it" >&2
            for p in $(instance_pids "$sid"); do kill -KILL "$p" 2>/dev/null || true; done
            sleep 0.1
            [[ -z $(instance_pids "$sid") ]] || die "could not kill $server processes of $DIR"
            break
        fi
        sleep 0.05
    done
    echo "$PROG: stopped instance in $DIR" >&2
}

# After the daemon was launched: waits until the probe "$@" succeeds, failing fast if the master died and
# stopping the instance when it does not answer within $TIMEOUT seconds; then sets pid to the master's pid.
# $1 names the server, $2 says where it should answer (for messages).
await_start() {
    local server=$1 where=$2 deadline
    shift 2
    deadline=$((SECONDS + TIMEOUT))
    until "$@"; do
        # Fail fast if the master already died (e.g. a port grabbed meanwhile).
        if [[ -f $PIDFILE ]] && ! master_pid >/dev/null; then
            die "$server exited during start-up, see $LOG:
$(tail -n 20 "$LOG" 2>/dev/null)"
        fi
        if ((SECONDS >= deadline)); then
            stop >/dev/null 2>&1 || true
            die "$server did not answer on $where within ${TIMEOUT}s, see $LOG:
$(tail -n 20 "$LOG" 2>/dev/null)"
        fi
        sleep 0.05
    done
    pid=$(master_pid) || die "$server master exited right after start, see $LOG:
$(tail -n 20 "$LOG" 2>/dev/null)"
}
