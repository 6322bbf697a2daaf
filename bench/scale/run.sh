#!/usr/bin/env bash
# Load test of the real app (Release, PostgreSQL) on a database filled by `ScaleBench generate`.
#   DB=dtn_bench_province bash bench/scale/run.sh              (province scale, Lai Châu's admin)
#   DB=dtn_bench_national PROVINCE=01 bash bench/scale/run.sh  (national data, Hà Nội's admin)
# Options: CLIENTS (20), SECONDS (15), PORT (5072), PROVINCE (12), DTN_BENCH_PG (server connection string),
# SCALE (province: the results go to bench/scale/results/$SCALE.json), ONLY (e.g. writes,name: those scenarios alone),
# WARMUP (30: seconds the clients read the run's pages untimed first, as a server that has run a while; 0 times a fresh app).
# The app signs in its province admin `bench.admin` (created at start-up, like a real installation's first admin).
# TIER=National runs the app as the national tier on the same database (a national database holds every province's rows,
# as the generator writes them) and signs in `bench.ministry`, the national admin made at start-up and given the ministry
# officer's role, for the ministry's comparison of the provinces (ONLY=nation).
set -euo pipefail
cd "$(dirname "$0")/../.."
DB=${DB:-dtn_bench_province}
PORT=${PORT:-5072}
PROVINCE=${PROVINCE:-12}
CLIENTS=${CLIENTS:-20}
SECONDS_PER_SCENARIO=${SECONDS:-15}
PG=${DTN_BENCH_PG:-"Host=127.0.0.1;Port=5432;Username=dtn_test;Password=dtn_test"}
TIER=${TIER:-Province}
USER_NAME=bench.admin
[ "$TIER" = National ] && USER_NAME=bench.ministry
WORK=$(mktemp -d)

dotnet build src/DaoTaoNghe.Web -c Release -nologo -v quiet
dotnet build bench/scale/ScaleBench -c Release -nologo -v quiet

ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres ConnectionStrings__Default="$PG;Database=$DB" Files__Root="$WORK/files" \
  PersonalData__CccdLookupsPerHour=100000000 \
  Tier__Mode="$TIER" Admin__UserName="$USER_NAME" Admin__Password=Bench@2026 Admin__ProvinceCode="$PROVINCE" Logging__LogLevel__Default=Warning \
  dotnet src/DaoTaoNghe.Web/bin/Release/net10.0/DaoTaoNghe.Web.dll --contentRoot "$PWD/src/DaoTaoNghe.Web" --urls "http://127.0.0.1:$PORT" \
  > "$WORK/app.log" 2>&1 &
APP=$!
cleanup() {
  kill "$APP" 2>/dev/null || true
  wait "$APP" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$APP" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 1
done
if [ "$TIER" = National ]; then
  PGPASSWORD=dtn_test psql -q -h 127.0.0.1 -U dtn_test -d "$DB" -c "INSERT INTO user_roles (user_id, role_id)
    SELECT u.id, r.id FROM users u, roles r WHERE u.user_name = '$USER_NAME' AND r.name = 'MinistryOfficer' ON CONFLICT DO NOTHING"
fi
echo "$(nproc) cores, $(free -m | awk '/Mem:/ {print $2}') MB RAM, PostgreSQL $(PGPASSWORD=dtn_test psql -tA -h 127.0.0.1 -U dtn_test -d postgres -c 'SHOW server_version'), database $DB: $(PGPASSWORD=dtn_test psql -tA -h 127.0.0.1 -U dtn_test -d "$DB" -c "SELECT pg_size_pretty(pg_database_size('$DB')) || ', ' || (SELECT count(*) FROM learners) || ' learners, ' || (SELECT count(*) FROM enrolments) || ' enrolments'")"
dotnet bench/scale/ScaleBench/bin/Release/net10.0/ScaleBench.dll run --db "$PG;Database=$DB" --url "http://127.0.0.1:$PORT" --pid "$APP" \
  --clients "$CLIENTS" --seconds "$SECONDS_PER_SCENARIO" --province "$PROVINCE" --user "$USER_NAME" --tier "$TIER" --scale "${SCALE:-province}" ${INDICATOR:+--indicator "$INDICATOR"} ${ONLY:+--only "$ONLY"} ${WARMUP:+--warmup "$WARMUP"}
