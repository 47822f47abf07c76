#!/usr/bin/env bash
# Crash safety: kill -9 the site during an import and during guestbook writes, ROUNDS times each
# (default 10). After each crash: PRAGMA integrity_check is ok; after an interrupted import, a
# re-import ends with exactly the counts of an uninterrupted one; after a crash under guestbook
# writes, every signature a visitor was told was accepted is stored exactly once.
# Release build, SQLite in WAL mode with synchronous=NORMAL (the site's settings).
# Usage: bash tests/load/crash-test.sh [ROUNDS] [STORIES]   (10 rounds, 5,000 generated stories)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-10}
stories=${2:-5000}
port=5195
source tests/load/lib.sh
site_init
site_publish
site_generate "$stories" "$work/corpus"

counts() { # stories/updates/links/countries of a database
  local db=$1
  echo "$(site_sql "$db" 'select count(*) from Stories')/$(site_sql "$db" 'select count(*) from StoryUpdates')/$(site_sql "$db" 'select count(*) from SourceLinks')/$(site_sql "$db" 'select count(*) from StoryCountries')"
}
integrity() { site_sql "$1" 'PRAGMA integrity_check'; }
failures=0

# The reference: one uninterrupted import.
started=$(date +%s.%N)
site_import "$work/reference.db" seeds "$work/corpus"
import_seconds=$(python3 -c "import sys; print(round($(date +%s.%N) - $started, 2))")
expected=$(counts "$work/reference.db")
echo "crash test: $rounds rounds each; reference import of the seed + $stories stories took ${import_seconds} s: stories/updates/links/countries = $expected"

echo "== kill -9 during an import"
for round in $(seq 1 "$rounds"); do
  db="$work/import-$round.db"
  (cd "$app" && exec env ConnectionStrings__Stories="Data Source=$db" ./PeoplesStories.Web import seeds "$work/corpus" >/dev/null 2>&1) &
  importer=$!
  # Somewhere between the first files and the end of the reference run's time.
  delay=$(python3 -c "import random; print(round(random.uniform(0.8, max(1.0, $import_seconds * 0.9)), 2))")
  sleep "$delay"
  if kill -9 "$importer" 2>/dev/null; then state="killed"; else state="had finished"; fi
  wait "$importer" 2>/dev/null || true
  partial=$( [ -f "$db" ] && site_sql "$db" 'select count(*) from Stories' 2>/dev/null || echo 0)
  check=$( [ -f "$db" ] && integrity "$db" || echo "ok (no file yet)")
  site_import "$db" seeds "$work/corpus"
  after=$(counts "$db")
  verdict="ok"
  if [ "${check%% *}" != "ok" ] || [ "$after" != "$expected" ] || [ "$(integrity "$db")" != "ok" ]; then verdict="FAILED"; failures=$((failures + 1)); fi
  printf 'round %2d: %-12s after %5.2f s with %5s stories stored; integrity %s; re-import: %s  %s\n' "$round" "$state" "$delay" "$partial" "$check" "$after" "$verdict"
  rm -f "$db" "$db-wal" "$db-shm"
done

echo "== kill -9 during guestbook writes (16 visitors signing as fast as the form allows)"
db="$work/guestbook.db"
settings=(Seeds__ImportOnStart=false RateLimiting__Guestbook__PermitLimit=1000000 Guestbook__MinimumSecondsToSubmit=0)
site_start "$db" "$port" "${settings[@]}"
for round in $(seq 1 "$rounds"); do
  before=$(site_sql "$db" 'select count(*) from GuestbookEntries')
  python3 tests/load/lib/guestbook_signers.py sign "http://127.0.0.1:$port" 16 4 "$work/accepted.txt" 0 >"$work/signers-$round.out" &
  signing=$!
  delay=$(python3 -c "import random; print(round(random.uniform(1.0, 3.5), 2))")
  sleep "$delay"
  site_kill9
  wait "$signing" || true
  check=$(integrity "$db")
  site_start "$db" "$port" "${settings[@]}"
  stored=$(site_sql "$db" 'select count(*) from GuestbookEntries')
  result=$(python3 tests/load/lib/guestbook_signers.py verify "$db" "$work/accepted.txt") && verdict="ok" || { verdict="FAILED"; failures=$((failures + 1)); }
  [ "$check" = "ok" ] || { verdict="FAILED"; failures=$((failures + 1)); }
  printf 'round %2d: killed after %4.2f s, %4d entries written this round; integrity %s; %s  %s\n' "$round" "$delay" "$((stored - before))" "$check" "$result" "$verdict"
done
site_stop
echo "crash test: $((rounds * 2)) crashes, $failures failure(s)"
[ "$failures" -eq 0 ]
