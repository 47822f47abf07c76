#!/usr/bin/env bash
# The reader's pages under wrk while visitors sign the guestbook, then every accepted signature
# checked as stored exactly once. Release build on 127.0.0.1, the seed plus N generated stories.
# wrk picks each request at random among home pages, stories, countries, month archives and searches.
# The visitors respect the form: they fetch it (cookie, antiforgery token, form time), wait the
# site's minimum seconds to submit (3 s), then post. The per-client rate limit on signing is raised
# for the run (all visitors share 127.0.0.1); nothing else is changed from the defaults.
# Usage: bash tests/load/guestbook-load.sh [N] [SECONDS] [CONNECTIONS] [SIGNERS]   (10000 60 64 16)
# Prints requests/s, p50, p99, errors, then accepted / stored / duplicates / lost signatures.
set -euo pipefail
cd "$(dirname "$0")/../.."
stories=${1:-10000}
seconds=${2:-60}
connections=${3:-64}
signers=${4:-16}
port=5193
source tests/load/lib.sh
site_init
site_require wrk wrk
site_publish
site_generate "$stories" "$work/corpus"
site_import "$work/load.db" seeds "$work/corpus"
site_start "$work/load.db" "$port" RateLimiting__Guestbook__PermitLimit=1000000 Guestbook__MinimumSecondsToSubmit=3
base="http://127.0.0.1:$port"

# The paths wrk picks from, in five groups of equal weight (wrk picks a group, then a path in it):
# the first 10 home pages, the stories they list, the countries, every month of the archive, and
# searches for words the corpus holds.
python3 - "$base" "$work/paths.lua" <<'PY'
import re, sys, urllib.request
base, out = sys.argv[1], sys.argv[2]
get = lambda path: urllib.request.urlopen(base + path, timeout=60).read().decode()
home = ["/"] + [f"/?page={n}" for n in range(2, 11)]
stories = sorted({s for page in home for s in re.findall(r'href="(/stories/[^"#]+)"', get(page))})
countries = sorted(set(re.findall(r'href="(/countries/[a-z]{2})"', get("/countries"))))
months = sorted({m for year in set(re.findall(r'href="(/archive/\d{4})"', get("/archive"))) for m in re.findall(r'href="(/archive/\d{4}/\d{1,2})"', get(year))})
searches = [f"/search?q={w}" for w in ("rights", "police", "journalists", "court", "prison", "scamming", "protest", "cambodia")]
groups = [home, stories, countries, months, searches]
lua = lambda paths: "{" + ",".join('"' + p + '"' for p in paths) + "}"
with open(out, "w") as f:
    f.write("groups = {" + ",".join(lua(g) for g in groups) + "}\n")
    f.write("request = function() local g = groups[math.random(#groups)] return wrk.format(\"GET\", g[math.random(#g)]) end\n")
import time
for name, group in zip(("home", "story", "country", "month", "search"), groups):
    started = time.monotonic(); get(group[len(group) // 2]); print(f"  one {name} page alone: {(time.monotonic() - started) * 1000:.0f} ms ({group[len(group) // 2]})")
print(f"paths: {len(home)} home pages, {len(stories)} stories, {len(countries)} countries, {len(months)} months, {len(searches)} searches (one group in five each)")
PY

echo "guestbook under load: $stories generated stories + seed, wrk -t2 -c$connections -d${seconds}s, $signers signing visitors, $(nproc) cores"
echo "settings for the run: RateLimiting__Guestbook__PermitLimit=1000000 (every visitor comes from 127.0.0.1); Guestbook__MinimumSecondsToSubmit=3 (the default, waited by each visitor)"
python3 tests/load/lib/guestbook_signers.py sign "$base" "$signers" "$seconds" "$work/accepted.txt" 3.2 >"$work/signers.out" &
signing=$!
# A 10 s timeout: a slow answer is measured, not dropped (wrk's default of 2 s would hide it).
out=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$work/paths.lua" "$base")
wait $signing
rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
total=$(echo "$out" | awk '/requests in/ {print $1}')
p50=$(echo "$out" | awk '$1=="50%" {print $2}')
p99=$(echo "$out" | awk '$1=="99%" {print $2}')
non2xx=$(echo "$out" | awk '/Non-2xx or 3xx/ {print $NF}')
sock=$(echo "$out" | awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}')
printf 'readers: %s requests, %s req/s  p50 %s  p99 %s  errors %s (non-2xx/3xx %s, socket %s)\n' "$total" "$rps" "$p50" "$p99" "$(( ${non2xx:-0} + ${sock:-0} ))" "${non2xx:-0}" "${sock:-0}"
cat "$work/signers.out"
site_stop
python3 tests/load/lib/guestbook_signers.py verify "$work/load.db" "$work/accepted.txt"
