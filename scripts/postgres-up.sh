#!/usr/bin/env bash
# Starts a scratch PostgreSQL cluster (Debian packages, installed when missing) for the SQL tests, and prints the
# psql connection string for AUTOCLV_POSTGRES. Postgres refuses to run as root: as root, the server runs as the
# postgres user. The cluster lives in a temporary folder (the connection's host: its socket is there, no TCP), with
# stop.sh beside it to stop it.
set -euo pipefail
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
bin="$(find_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  (apt-get update && apt-get install -y --no-install-recommends postgresql) >/tmp/autoclv-apt-postgres.log 2>&1 \
    || { tail -20 /tmp/autoclv-apt-postgres.log >&2; exit 1; }
  bin="$(find_bin)"
fi
data="$(mktemp -d /tmp/autoclv-pg.XXXXXX)"
port="${AUTOCLV_POSTGRES_PORT:-54329}"
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  chown postgres "$data"
  as_owner() { (cd / && runuser -u postgres -- "$@"); } # from /: the caller's folder may be closed to postgres
fi
as_owner "$bin/initdb" -D "$data/cluster" -A trust -U autoclv >/tmp/autoclv-initdb.log 2>&1 \
  || { tail -20 /tmp/autoclv-initdb.log >&2; exit 1; }
as_owner "$bin/pg_ctl" -D "$data/cluster" -l "$data/server.log" -w \
  -o "-k $data -p $port -c listen_addresses=''" start >/dev/null
if [ "$(id -u)" = 0 ]; then runner="cd / && runuser -u postgres -- "; else runner=""; fi
echo "${runner}$bin/pg_ctl -D $data/cluster -m fast stop >/dev/null" > "$data/stop.sh"
echo "host=$data port=$port user=autoclv dbname=postgres"
