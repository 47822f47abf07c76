#!/usr/bin/env bash
# Two builds of the site side by side on one database, measured alternately, so the machine's slow
# and quick spells fall on both: each search kind at 16 connections (every request a cache miss, as
# in perf.sh), ROUNDS rounds of SECONDS each, A then B then the next kind. Prints each run, then the
# medians per kind and build: requests/s, p95 in ms, and the site's own CPU time per request (its
# user + system ticks over the run, /proc/PID/stat), and each server's peak RSS.
# Usage: bash tests/load/search-ab.sh APP_A APP_B DB [ROUNDS] [SECONDS] [KINDS]
#   APP_A, APP_B  published sites (dotnet publish … -o DIR; perf.sh's build is one)
#   DB            an imported SQLite database (perf.sh keeps its own: /tmp/peoples-stories-perf/perf-100000.db)
#   KINDS         comma separated, of: rare, common, two, phrase, prefix, country (default phrase,country,common)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/load/lib.sh
app_a=$1; app_b=$2; db=$3; rounds=${4:-4}; seconds=${5:-4}; kinds=${6:-phrase,country,common}
command -v wrk >/dev/null || load_apt_install wrk
export ConnectionStrings__Stories="Data Source=$db"
IFS=, read -ra kind_list <<<"$kinds"
for kind in "${kind_list[@]}"; do
  [ -n "${LOAD_SEARCHES[$kind]:-}" ] || { echo "unknown kind: $kind" >&2; exit 2; }
done

out=$(mktemp)
names=(A B); apps=("$app_a" "$app_b"); ports=(5301 5302); pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; rm -f "$out" "$out".server-*.log "$LOAD_WRK_SCRIPT"; }
trap cleanup EXIT
for i in 0 1; do
  load_start_server "${apps[$i]}" "${ports[$i]}" "$out.server-${names[$i]}.log"
  pids+=("$LOAD_SERVER_PID")
  LOAD_SERVER_PID=""
done

# Warm-up as in perf.sh: the runtime recompiles a search's hot code with full optimisation only
# after it has run for a while.
for i in 0 1; do
  LOAD_UNIQUE=1 load_wrk "http://127.0.0.1:${ports[$i]}${LOAD_SEARCHES[rare]}" 16 12 >/dev/null
  for kind in "${kind_list[@]}"; do LOAD_UNIQUE=1 load_wrk "http://127.0.0.1:${ports[$i]}${LOAD_SEARCHES[$kind]}" 16 4 >/dev/null; done
done

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
echo "round kind build req/s p95-ms cpu-ms/req"
for round in $(seq 1 "$rounds"); do
  for kind in "${kind_list[@]}"; do
    for i in 0 1; do
      before=$(ticks "${pids[$i]}")
      read -r rps _ p95 _ errors < <(LOAD_UNIQUE=1 load_wrk "http://127.0.0.1:${ports[$i]}${LOAD_SEARCHES[$kind]}" 16 "$seconds")
      after=$(ticks "${pids[$i]}")
      cpu=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$rps" -v s="$seconds" 'BEGIN { printf "%.3f", (n > 0 ? t * 1000 / hz / (n * s) : 0) }')
      [ "$errors" = 0 ] || echo "  ($errors errors)"
      echo "$round $kind ${names[$i]} $rps $p95 $cpu" | tee -a "$out"
    done
  done
done

echo "medians: kind build req/s p95-ms cpu-ms/req"
for kind in "${kind_list[@]}"; do
  for name in "${names[@]}"; do
    awk -v k="$kind" -v n="$name" '$2 == k && $3 == n {print $4, $5, $6}' "$out" | sort -n | awk -v k="$kind" -v n="$name" '
      { rps[NR] = $1; p95[NR] = $2; cpu[NR] = $3 }
      function median(a, count,   i, j, t) {
        for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return count % 2 ? a[(count + 1) / 2] : (a[count / 2] + a[count / 2 + 1]) / 2
      }
      END { printf "%s %s %.0f %.2f %.3f\n", k, n, median(rps, NR), median(p95, NR), median(cpu, NR) }'
  done
done
for i in 0 1; do echo "${names[$i]} peak RSS $(load_peak_rss_mb "${pids[$i]}") MB"; done
