#!/usr/bin/env bash
# Install what dovecot.sh and postfix.sh need (Debian 12), idempotently:
# does nothing, not even "apt-get update", when everything is installed.
#
# Postfix is preseeded to "No configuration", so the package sets up no
# system-wide mail server, and no package service is started during the
# install: the test instances are started by dovecot.sh / postfix.sh only.
set -euo pipefail

PACKAGES=(dovecot-imapd dovecot-lmtpd postfix openssl util-linux procps)

[[ $(id -u) -eq 0 ]] || { echo "install.sh: must run as root" >&2; exit 1; }

missing=()
for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
    echo "install.sh: all packages present: ${PACKAGES[*]}"
    exit 0
fi
echo "install.sh: installing ${missing[*]}"

# Keep maintainer scripts from starting the system dovecot/postfix services
# (invoke-rc.d honours policy-rc.d exit code 101 = "action forbidden").
# Only add a policy if there is none, and only for the duration of the install.
POLICY=/usr/sbin/policy-rc.d
if [[ ! -e $POLICY ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$POLICY"
    chmod 0755 "$POLICY"
    trap 'rm -f "$POLICY"' EXIT
fi

echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"

echo "install.sh: done"
