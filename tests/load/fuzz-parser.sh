#!/usr/bin/env bash
# Fuzzes the archive parser with mutations of the seed and the regression inputs (bit flips,
# truncations, splices, duplicated and swapped lines, huge lines, invalid UTF-8, control characters,
# line-ending changes) for a bounded time. Every input must get stories or a file:line error: no
# exception, no hang (10 s per input). Failing inputs are written to artifacts/fuzz/.
# Usage: bash tests/load/fuzz-parser.sh [SECONDS] [SEED]     (defaults: 120 s, a seed from the clock)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-120}
seed=${2:-$(( $(date +%s) % 1000000 ))}
dotnet build tests/PeoplesStories.Fuzzing -c Release -v quiet -nologo >/dev/null
exec dotnet tests/PeoplesStories.Fuzzing/bin/Release/net10.0/PeoplesStories.Fuzzing.dll "$seconds" "$seed" artifacts/fuzz \
  seeds tests/PeoplesStories.UnitTests/Parsing/FuzzRegressions
