#!/usr/bin/env bash
# Measures importing a generated 50,000-row file on PostgreSQL through the API (dry run, commit,
# the same file again): rows per second and the app's resident memory, read from /proc.
#   bash bench/import/run.sh                      (outreach; ROWS=50000 PORT=5071 by default)
#   TEMPLATE=nguoi-hoc bash bench/import/run.sh   (learners)
#   TEMPLATE=ghi-danh bash bench/import/run.sh    (enrolments: learners and courses are set up first)
#   HOSTILE=attribute-bomb PARALLEL=10 USER_NAME=xa.binhlu bash bench/import/run.sh
#                                                 (issue 18: parallel uploads of a 200-million-character attribute; memory growth)
# Needs the PostgreSQL role test.sh creates (dtn_test); uses a throw-away database and files folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-50000}
TEMPLATE=${TEMPLATE:-tuyen-truyen}
PORT=${PORT:-5071}
PG=${DTN_BENCH_PG:-"Host=127.0.0.1;Port=5432;Username=dtn_test;Password=dtn_test"}
DB="dtn_bench_import_$$"
FILES=$(mktemp -d)

# BUILD=0 runs what is built already (e.g. built under a shared machine's build lock beforehand).
if [ "${BUILD:-1}" = 1 ]; then
  dotnet build src/DaoTaoNghe.Web -c Release -nologo -v quiet
  dotnet build bench/import/ImportBench -c Release -nologo -v quiet
fi

env ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__DaoTaoNghe.Features.Imports.ImportRunner=Debug Database__Provider=Postgres ConnectionStrings__Default="$PG;Database=$DB" Files__Root="$FILES" \
  dotnet src/DaoTaoNghe.Web/bin/Release/net10.0/DaoTaoNghe.Web.dll --contentRoot "$PWD/src/DaoTaoNghe.Web" --urls "http://127.0.0.1:$PORT" \
  > "$FILES/app.log" 2>&1 &
APP=$!
cleanup() {
  kill "$APP" 2>/dev/null || true
  wait "$APP" 2>/dev/null || true
  # An autovacuum worker (a superuser's process) may still be analysing the new rows: FORCE cannot end it, so wait for it.
  for _ in $(seq 1 60); do
    PGPASSWORD=dtn_test psql -q -h 127.0.0.1 -U dtn_test -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" 2>/dev/null && break
    sleep 2
  done
  rm -rf "$FILES"
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$APP" 2>/dev/null || { cat "$FILES/app.log"; exit 1; }
  sleep 1
done
echo "$(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MB RAM, PostgreSQL $(PGPASSWORD=dtn_test psql -tA -h 127.0.0.1 -U dtn_test -d postgres -c 'SHOW server_version')"
if [ -n "${HOSTILE:-}" ]; then
  dotnet bench/import/ImportBench/bin/Release/net10.0/ImportBench.dll --url "http://127.0.0.1:$PORT" --pid "$APP" --user "${USER_NAME:-xa.binhlu}" \
    --hostile "$HOSTILE" --parallel "${PARALLEL:-10}"
  exit 0
fi
dotnet bench/import/ImportBench/bin/Release/net10.0/ImportBench.dll --url "http://127.0.0.1:$PORT" --pid "$APP" --rows "$ROWS" --template "$TEMPLATE" --db "$DB" --pg "$PG;Database=$DB"
# Each run's batches (the app logs one line per batch of 500; the first line of a run is the reading before its first batch):
# a time that grows with the row number means a plan that degrades as the transaction grows.
grep -o 'rows, batch [0-9]* ms' "$FILES/app.log" | awk '{print $3}' > "$FILES/batches"
per=$(( (ROWS + 499) / 500 + 1 ))
for run in 1 2 3; do
  times=$(tail -n +$(( (run - 1) * per + 2 )) "$FILES/batches" | head -n $(( per - 1 )))
  [ -n "$times" ] || continue
  sorted=$(echo "$times" | sort -n); n=$(echo "$times" | wc -l)
  echo "$(echo "dry run|commit|same file again" | cut -d'|' -f$run): $n batches, first $(echo "$times" | head -1) ms," \
    "median $(echo "$sorted" | sed -n "$(( (n + 1) / 2 ))p") ms, last $(echo "$times" | tail -1) ms, slowest $(echo "$sorted" | tail -1) ms"
done
