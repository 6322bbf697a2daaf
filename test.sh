#!/usr/bin/env bash
# Runs every test of DaoTaoNghe on this machine, installing and starting what they need:
#   1. unit + integration tests on SQLite
#   2. the same integration tests on SQLite three more times, the app's clock set to dates that
#      cross a deadline, a year's end in Vietnam (still 31/12 in UTC) and a later year
#   3. the same integration tests on PostgreSQL
#   4. browser tests (Playwright driving Debian Chromium)
# On PostgreSQL it also runs the federation tests: a second cluster, "national" on port 5433, subscribes to
# province databases of the first through logical replication (both clusters get wal_level = logical), and a third,
# "standby" on port 5434, is a streaming hot standby of the first (reads sent to standbys).
# The integration tests include one behind a real nginx and papers printed through LibreOffice
# (both installed here when missing).
# The tests set "today" themselves (tests/DaoTaoNghe.Tests/Support/TestClock.cs): a fixed default,
# or DTN_TEST_NOW for the dated runs; the machine's date never matters.
# Safe to run again: installs only what is missing, reuses a running PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"
# The ordinary runs use the tests' fixed default date; only the dated runs below set another.
unset DTN_TEST_NOW
DATED_RUNS=(2026-12-21T08:00:00+07:00 2027-01-01T00:30:00+07:00 2030-06-30T10:00:00+07:00)

log() { printf '\n==> %s\n' "$*"; }
timings=()
# Runs a step and remembers how long it took, for the summary at the end.
step() {
  local name=$1 started=$SECONDS
  shift
  log "$name"
  "$@"
  timings+=("$(printf '%5ss  %s' $((SECONDS - started)) "$name")")
}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq || true
  as_root apt-get install -y -qq "$@"
}

# Logical replication (docs/federation.md) on a cluster: set what differs, restart only then, start it if down.
logical_replication_settings() {
  local version=$1 name=$2 changed=0 setting value
  for setting in wal_level=logical max_replication_slots=20 max_wal_senders=20 \
                 max_logical_replication_workers=16 max_worker_processes=24; do
    value=$(as_root pg_conftool "$version" "$name" show -s "${setting%%=*}" 2>/dev/null || true)
    if [ "$value" != "${setting#*=}" ]; then
      as_root pg_conftool "$version" "$name" set "${setting%%=*}" "${setting#*=}"
      changed=1
    fi
  done
  if ! pg_lsclusters --no-header | awk -v n="$name" '$2 == n {print $4}' | grep -q online; then
    as_root pg_ctlcluster "$version" "$name" start
  elif [ "$changed" = 1 ]; then
    log "Restarting PostgreSQL $version $name for logical replication"
    as_root pg_ctlcluster "$version" "$name" restart
  fi
}

if [ -z "${DTN_TEST_PG:-}" ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    log "Installing PostgreSQL"
    apt_install postgresql postgresql-contrib
  fi
  cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
  if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    as_root pg_createcluster "$version" main
    cluster="$version main"
  fi
  if ! pg_lsclusters --no-header | awk 'NR==1 {print $4}' | grep -q online; then
    log "Starting PostgreSQL $cluster"
    as_root pg_ctlcluster $cluster start
  fi
  port=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 1; done
  # A dedicated role that may create and drop its own test databases.
  as_root su postgres -c "psql -q -p $port -v ON_ERROR_STOP=1" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dtn_test') THEN
    CREATE ROLE dtn_test LOGIN CREATEDB PASSWORD 'dtn_test';
  END IF;
END $$;
SQL
  export DTN_TEST_PG="Host=127.0.0.1;Port=$port;Username=dtn_test;Password=dtn_test"
  # Provinces publish their tables (docs/federation.md): the subscriber's connection is a replication one.
  as_root su postgres -c "psql -q -p $port -c 'ALTER ROLE dtn_test REPLICATION'"
  version=$(pg_lsclusters --no-header | awk 'NR==1 {print $1}')
  logical_replication_settings "$version" main

  # The national tier: a second cluster that subscribes to the provinces' databases.
  if ! pg_lsclusters --no-header | awk '$2 == "national"' | grep -q .; then
    log "Creating the national PostgreSQL cluster on port 5433"
    as_root pg_createcluster "$version" national --port 5433
  fi
  logical_replication_settings "$version" national
  national_port=$(pg_lsclusters --no-header | awk '$2 == "national" {print $3}')
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$national_port" && break; sleep 1; done
  # CREATE SUBSCRIPTION needs a superuser in PostgreSQL 15; on these throw-away test clusters the test
  # role is one. In production the national DBA runs `DbTool federation add-province` as such a role.
  as_root su postgres -c "psql -q -p $national_port -v ON_ERROR_STOP=1" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dtn_test') THEN
    CREATE ROLE dtn_test LOGIN CREATEDB SUPERUSER PASSWORD 'dtn_test';
  END IF;
END $$;
SQL
  export DTN_TEST_PG_NATIONAL="Host=127.0.0.1;Port=$national_port;Username=dtn_test;Password=dtn_test"

  # A hot standby of the main cluster (docs/federation.md, "Reads on hot standbys"): a third cluster on port 5434
  # made by pg_basebackup -R, streaming from main. Rebuilt only when it is not a standby yet.
  if ! pg_lsclusters --no-header | awk '$2 == "standby"' | grep -q .; then
    log "Creating the standby PostgreSQL cluster on port 5434"
    as_root pg_createcluster "$version" standby --port 5434
  fi
  standby_data=$(pg_lsclusters --no-header | awk '$2 == "standby" {print $6}')
  if ! as_root test -f "$standby_data/standby.signal"; then
    log "Copying main into the standby cluster (pg_basebackup)"
    as_root pg_ctlcluster "$version" standby stop 2>/dev/null || true
    as_root find "$standby_data" -mindepth 1 -delete
    as_root su postgres -c "pg_basebackup -p $port -D '$standby_data' -R -X stream -c fast"
  fi
  # A hot standby needs at least the primary's worker and sender counts.
  logical_replication_settings "$version" standby
  # The standby test pauses replay to show which server answered; the grant replicates to the standby.
  as_root su postgres -c "psql -q -p $port -c 'GRANT EXECUTE ON FUNCTION pg_wal_replay_pause(), pg_wal_replay_resume() TO dtn_test'"
  # Replication lag at /metrics reads pg_stat_replication, whose senders belong to other roles.
  as_root su postgres -c "psql -q -p $port -c 'GRANT pg_monitor TO dtn_test'"
  export DTN_TEST_PG_STANDBY="Host=127.0.0.1;Port=5434;Username=dtn_test;Password=dtn_test"
fi

if [ -z "${DTN_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  log "Installing Chromium"
  apt_install chromium
fi
export DTN_CHROMIUM="${DTN_CHROMIUM:-$(command -v chromium)}"

# The reverse-proxy test runs the app behind nginx; it only runs nginx itself, never its service.
if [ -z "${DTN_NGINX:-}" ] && [ ! -x /usr/sbin/nginx ]; then
  log "Installing nginx"
  apt_install nginx-light
fi
export DTN_NGINX="${DTN_NGINX:-/usr/sbin/nginx}"

# Exported papers are printed through a real LibreOffice (one A4 page wide, as an office prints them).
if [ -z "${DTN_SOFFICE:-}" ] && ! command -v soffice >/dev/null 2>&1; then
  log "Installing LibreOffice (Calc and Writer, headless)"
  apt_install --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui
fi
export DTN_SOFFICE="${DTN_SOFFICE:-$(command -v soffice)}"

step "Building" dotnet build DaoTaoNghe.slnx -c Release -nologo -v quiet

step "Unit and integration tests on SQLite" \
  env DTN_TEST_DB=sqlite dotnet test tests/DaoTaoNghe.Tests -c Release --no-build -nologo

for now in "${DATED_RUNS[@]}"; do
  step "Integration tests on SQLite, today being $now" \
    env DTN_TEST_DB=sqlite DTN_TEST_NOW="$now" dotnet test tests/DaoTaoNghe.Tests -c Release --no-build -nologo
done

step "Integration tests on PostgreSQL" \
  env DTN_TEST_DB=postgres dotnet test tests/DaoTaoNghe.Tests -c Release --no-build -nologo

step "Browser tests (Chromium)" dotnet test tests/DaoTaoNghe.BrowserTests -c Release --no-build -nologo

log "All tests passed"
printf '%s\n' "${timings[@]}"
printf '%5ss  in all\n' "$SECONDS"
