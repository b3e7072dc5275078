#!/bin/sh
# deps.sh - install the Debian 12 packages moot builds and tests with,
# if any is missing.  Run as root.  Installing postfix this way sets up
# no system mail server ("No configuration"): the tests start private
# Postfix instances of their own, and never touch port 25.
set -eu

PACKAGES="build-essential autoconf automake libtool pkg-config
libetpan-dev libmilter-dev libesmtp-dev libsqlite3-dev nettle-dev libcsv-dev
libinih-dev libxml2-dev libicu-dev libical-dev libpsl-dev sqlite3 postfix swaks miltertest python3
python3-icalendar time fiu-utils
gnupg mandoc libcairo2-dev libpango1.0-dev poppler-utils fonts-dejavu-core \
unbound publicsuffix python3-dkim openssl lighttpd curl"

missing=
for p in $PACKAGES; do
	dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps.sh: missing packages:$missing" >&2
	echo "deps.sh: run as root to install them" >&2
	exit 1
fi
echo "deps.sh: installing$missing"
echo "postfix postfix/main_mailer_type select No configuration" |
	debconf-set-selections
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
