#!/bin/sh
# A throwaway PostgreSQL cluster for the platform's tests (issue 18, item 4),
# on a loopback port, in a temporary directory, trust authentication.
#
#   url=$(scripts/pg-test-cluster.sh start)   # prints postgresql+psycopg://... on stdout
#   scripts/pg-test-cluster.sh stop
#
# Debian's postgresql is installed when missing (as root; otherwise it says
# so). initdb refuses to run as root, so as root the cluster is made and run
# by the postgres user (runuser). Whatever fails is said on stderr, with exit
# status 1: the caller (.ci/run) then runs the tests on SQLite alone and says why.
set -eu

PORT="${GOV_KIOSK_PG_PORT:-54329}"
DIR="${GOV_KIOSK_PG_DIR:-/tmp/gov-kiosk-pg}"

say() { echo "pg-test-cluster: $*" >&2; }

bindir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_pg() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    if [ -z "$(bindir)" ]; then
        if [ "$(id -u)" != "0" ]; then
            say "PostgreSQL is not installed and this is not root: apt-get install postgresql"
            exit 1
        fi
        say "installing Debian's postgresql"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 || {
            say "apt-get install postgresql failed"
            exit 1
        }
    fi
    BIN="$(bindir)"
    stop 2>/dev/null || true
    rm -rf "$DIR"
    mkdir -p "$DIR"
    if [ "$(id -u)" = "0" ]; then
        chown postgres "$DIR"
    fi
    as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 >"$DIR.initdb.log" 2>&1 || {
        say "initdb failed: $(tail -n 3 "$DIR.initdb.log")"
        exit 1
    }
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/data/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off" start >&2 || {  # tests only
        say "the server did not start: $(tail -n 3 "$DIR/data/server.log" 2>/dev/null)"
        exit 1
    }
    echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
}

stop() {
    BIN="$(bindir)"
    [ -n "$BIN" ] && [ -d "$DIR/data" ] && as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) say "usage: $0 start|stop"; exit 2 ;;
esac
