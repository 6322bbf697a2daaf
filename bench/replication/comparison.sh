#!/usr/bin/env bash
# The comparison of the provinces (/Indicators/Provinces) as SQL, before and after issue 19's "one query":
# before, one count and one target query per province (34 of each); after, one count grouped by province and one
# target query; and the nation's people trained counted once per CCCD. The counts are `training.completed`'s
# rows (first completion of the year per learner), read live as on a database without maintained values.
# Usage: bench/replication/comparison.sh "<psql conninfo of a generated national database>" <year> [runs]
set -euo pipefail
db="$1"; year="$2"; runs="${3:-5}"
rows="FROM enrolments e JOIN courses c ON c.id = e.course_id JOIN administrative_units u ON u.id = e.residence_commune_id
  WHERE e.status = 'Completed' AND e.result_on IS NOT NULL AND c.state <> 'Cancelled'
    AND e.result_on >= DATE '$year-01-01' AND e.result_on <= DATE '$year-12-31'
    AND NOT EXISTS (SELECT 1 FROM enrolments p JOIN courses pc ON pc.id = p.course_id
      WHERE p.learner_id = e.learner_id AND p.status = 'Completed' AND p.result_on IS NOT NULL AND pc.state <> 'Cancelled'
        AND date_part('year', p.result_on) = date_part('year', e.result_on) AND (p.result_on < e.result_on OR (p.result_on = e.result_on AND p.id < e.id)))"
provinces=$(psql "$db" -Atc "SELECT id FROM administrative_units WHERE level = 'Province' AND valid_to IS NULL ORDER BY id")
per_province() {
  for p in $provinces; do
    echo "SELECT count(*) $rows AND (u.province_id = $p OR u.id = $p);"
    echo "SELECT indicator_code, year, value FROM indicator_targets WHERE unit_id = $p AND year >= $year;"
  done
}
grouped() {
  echo "SELECT COALESCE(u.province_id, u.id), count(*) $rows GROUP BY 1;"
  echo "SELECT unit_id, year, value FROM indicator_targets WHERE unit_id IN ($(echo $provinces | tr ' ' ',')) AND indicator_code = 'training.completed' AND year >= $year;"
}
nation() {
  echo "SELECT count(DISTINCT COALESCE(l.cccd, '#' || l.id::text)) ${rows/FROM enrolments e /FROM enrolments e JOIN learners l ON l.id = e.learner_id };"
}
time_ms() { # runs the SQL from stdin once, prints wall milliseconds
  local sql; sql=$(cat); local t0 t1; t0=$(date +%s%N); psql "$db" -Atq -c "$sql" >/dev/null; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 ))
}
echo "provinces: $(echo $provinces | wc -w); uptime: $(uptime)"
for shape in per_province grouped nation; do
  times=(); for _ in $(seq "$runs"); do times+=("$($shape | time_ms)"); done
  echo "$shape: ${times[*]} ms (runs)"
done
echo "grouped total $(psql "$db" -Atc "SELECT sum(n) FROM (SELECT count(*) n $rows GROUP BY COALESCE(u.province_id, u.id)) g"), per-province total $(t=0; for p in $provinces; do t=$((t + $(psql "$db" -Atc "SELECT count(*) $rows AND (u.province_id = $p OR u.id = $p)"))); done; echo $t), nation (persons) $(nation | psql "$db" -At)"
echo "uptime: $(uptime)"
