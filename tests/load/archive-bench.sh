#!/usr/bin/env bash
# Parse and import throughput and peak memory of the archive importer, at 10k and 100k generated stories.
# Targets: parse >= 20,000 stories/s; import >= 5,000 stories/s into SQLite; peak memory < 300 MB at 100k.
# Usage: bash tests/load/archive-bench.sh [--postgres CONNECTION] [N...]   (default: 10000 100000)
# With --postgres (e.g. "Host=127.0.0.1;Username=stories;Password=stories") each size is imported into a
# new PostgreSQL database stories_bench_N (dropped and created afresh) instead of an SQLite file.
# After each import, the search latency (p50/p95/max over 50 runs of a few queries) is printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
postgres=""
if [ "${1:-}" = "--postgres" ]; then
  postgres="$2"
  shift 2
fi
sizes=("${@:-10000 100000}")
[ $# -eq 0 ] && sizes=(10000 100000)
dotnet build tests/PeoplesStories.Benchmarks -c Release -v quiet -nologo >/dev/null
bench="dotnet tests/PeoplesStories.Benchmarks/bin/Release/net10.0/PeoplesStories.Benchmarks.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "${sizes[@]}"; do
  echo "== $n stories"
  $bench generate "$n" "$work/$n"
  $bench parse "$work/$n"
  db="$work/$n.db"
  [ -n "$postgres" ] && db="$postgres;Database=stories_bench_$n"
  $bench import "$work/$n" "$db"
  $bench search "$db"
done
