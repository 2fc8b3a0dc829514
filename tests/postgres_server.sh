#!/usr/bin/env bash
# postgres_server.sh — a throwaway PostgreSQL 15 for the tests (Debian's postgresql-15):
#   postgres_server.sh start DIR   initdb in DIR, a server on a Unix socket in DIR only (no TCP),
#                                  trust authentication for the user "riskgan"; prints the
#                                  connection URI. As root it runs as the "postgres" system user
#                                  (PostgreSQL refuses root).
#   postgres_server.sh stop DIR    stops it and removes DIR.
# Exit 77 (skipped) when PostgreSQL 15 is not installed.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
action=$1 dir=$2
[ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed (scripts/install-deps.sh installs it)" >&2; exit 77; }
as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
start)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_server "$bin/initdb" -D "$dir/data" -U riskgan -A trust --no-sync -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off -c log_statement=all" start > /dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
  echo "postgresql://riskgan@/postgres?host=$dir"
  ;;
stop)
  if [ -d "$dir/data" ]; then as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true; fi
  rm -rf "$dir"
  ;;
esac
