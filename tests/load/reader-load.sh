#!/usr/bin/env bash
# Requests/s and latency of the reader's pages under wrk: Release build on 127.0.0.1, a fresh
# SQLite database holding the seed plus N generated stories (default 10,000).
# Usage: bash tests/load/reader-load.sh [N] [SECONDS] [CONNECTIONS]
# Prints one line per page: requests/s, p50, p99, errors (non-2xx/3xx and socket errors).
set -euo pipefail
cd "$(dirname "$0")/../.."
stories=${1:-10000}
seconds=${2:-10}
connections=${3:-32}
port=5191
. tests/load/lib/site.sh
site_require wrk wrk
site_publish
if [ "$stories" -gt 0 ]; then
  site_generate "$stories" "$work/corpus"
  site_import "$work/load.db" seeds "$work/corpus"
fi
site_start "$work/load.db" "$port"

base="http://127.0.0.1:$port"
story=$(curl -s "$base/" | grep -o 'href="/stories/[^"#]*"' | head -1 | cut -d'"' -f2)
declare -a pages=("home /" "story $story" "country /countries/kh" "archive /archive/2025/06" "search /search?q=scamming" "search-country /search?q=rights&country=kh")
echo "reader pages: $stories generated stories + seed, wrk -t2 -c$connections -d${seconds}s, $(nproc) cores"
for entry in "${pages[@]}"; do
  name=${entry%% *}; path=${entry#* }
  curl -sf -o /dev/null "$base$path" || { echo "$name $path: not reachable"; continue; }
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base$path")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx or 3xx/ {print $NF}')
  sock=$(echo "$out" | awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}')
  printf '%-15s %-45s %9s req/s  p50 %8s  p99 %8s  errors %s\n' "$name" "$path" "$rps" "$p50" "$p99" "$(( ${non2xx:-0} + ${sock:-0} ))"
done
