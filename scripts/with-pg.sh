#!/bin/sh
# Runs a command with a throwaway PostgreSQL cluster for the platform's tests (issue 18):
#   scripts/with-pg.sh pytest ...
# When GOV_KIOSK_PG_URL is already set (a cluster the caller runs), it is used as is.
# Otherwise scripts/pg-test-cluster.sh starts one (installing Debian's postgresql
# when root), exports its URL and stops it afterwards; when it cannot start, the
# command still runs, the PostgreSQL variants skip, and this says why.
set -u
cd "$(dirname "$0")/.."
if [ -n "${GOV_KIOSK_PG_URL:-}" ]; then
    exec "$@"
fi
if url=$(scripts/pg-test-cluster.sh start); then
    export GOV_KIOSK_PG_URL="$url"
    "$@"
    status=$?
    scripts/pg-test-cluster.sh stop >/dev/null 2>&1 || true
    exit $status
fi
echo "with-pg: PostgreSQL not started (see above): the platform's tests run on SQLite only" >&2
exec "$@"
