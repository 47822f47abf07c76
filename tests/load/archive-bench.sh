#!/usr/bin/env bash
# Parse and import throughput and peak memory of the archive importer, at 10k and 100k generated stories.
# Targets: parse >= 20,000 stories/s; import >= 5,000 stories/s into SQLite; peak memory < 300 MB at 100k.
# Usage: bash tests/load/archive-bench.sh [N...]   (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."
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
  $bench import "$work/$n" "$work/$n.db"
done
