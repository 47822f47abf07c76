# Shared by the load scripts (source it; it does not run on its own): the Release build, the
# synthetic corpus, the server's start and stop, and wrk runs reduced to their figures.
# Expects `set -euo pipefail` and the repository root as the working directory.

LOAD_BENCH="dotnet tests/PeoplesStories.Benchmarks/bin/Release/net10.0/PeoplesStories.Benchmarks.dll"
LOAD_SERVER_PID=""

# Installs Debian packages that are missing (as root, or through sudo).
load_apt_install() {
  local missing=()
  for package in "$@"; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then sudo="sudo"; fi
  echo "installing ${missing[*]} from apt" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Builds the benchmark tool and publishes the site (Release) into DIR. ReadyToRun: the site's own
# code and its libraries precompiled, less to JIT at start. With LOAD_COMPOSITE=1 the build is the
# one for production: self-contained, the runtime, ASP.NET Core and the site compiled together into
# one composite ReadyToRun image (code shared across assemblies is precompiled too; the first
# request comes about 300 ms sooner). It takes about three minutes on two cores.
load_build() {
  local app_dir=$1
  dotnet build tests/PeoplesStories.Benchmarks -c Release -v quiet -nologo >/dev/null
  local mode=(--self-contained false)
  if [ "${LOAD_COMPOSITE:-0}" = 1 ]; then mode=(--self-contained true -p:PublishReadyToRunComposite=true); fi
  # The precompiled assemblies of the other kind of build must not be taken as up to date: a
  # composite build's stubs point into its composite image, which a framework-dependent build lacks.
  rm -rf src/PeoplesStories.Web/obj/Release/net10.0/linux-x64/R2R
  dotnet publish src/PeoplesStories.Web -c Release -r linux-x64 "${mode[@]}" -p:PublishReadyToRun=true \
    -o "$app_dir" -v quiet -nologo >/dev/null
}

# Writes N generated stories into DIR, unless DIR already holds them (the generator is deterministic).
load_corpus() {
  local stories=$1 dir=$2
  if [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$stories" ]; then return 0; fi
  rm -rf "$dir"
  $LOAD_BENCH generate "$stories" "$dir" >/dev/null
  echo "$stories" >"$dir/.complete"
}

# load_start_server APP_DIR PORT LOG [VAR=VALUE...]: starts the published site in APP_DIR on PORT
# (over the database of $ConnectionStrings__Stories unless a VAR=VALUE names another, with any other
# settings given the same way), its output appended to LOG, and waits for its first 200 on /; sets
# LOAD_SERVER_PID and LOAD_START_MS (milliseconds from the process's start to that answer). Not to be
# called in $(...): the variables would not reach the caller.
LOAD_START_MS=""
load_start_server() {
  local app_dir=$1 port=$2 log=$3
  local started
  started=$(date +%s%N)
  shift 3
  (cd "$app_dir" && exec env ASPNETCORE_ENVIRONMENT=Production Serilog__MinimumLevel__Default=Warning "$@" \
    ./PeoplesStories.Web --urls "http://127.0.0.1:$port" >>"$log" 2>&1) &
  LOAD_SERVER_PID=$!
  local outcome
  outcome=$(load_await_200 "$port" "$started" "$LOAD_SERVER_PID")
  case $outcome in
    ms=*) LOAD_START_MS=${outcome#ms=}; return 0 ;;
    exited) echo "the site exited:" >&2 ;;
    *) echo "the site did not answer within 30 s:" >&2 ;;
  esac
  tail -20 "$log" >&2
  return 1
}

# load_await_200 PORT STARTED_NS PID: asks for / on PORT every 5 ms until the answer is a 200 and
# prints "ms=" and the milliseconds since STARTED_NS (date +%s%N), or "exited" once PID has gone, or
# "timeout" after 30 s. It asks with bash's own socket, read and clock, starting no process per try:
# a curl started for each try (with a sleep between) took about 0.8 of a core, out of the two the
# starting site runs on, and put about 350 ms on the start it measured.
load_await_200() {
  local port=$1 started=$2 pid=$3
  local deadline=$(( ${EPOCHREALTIME/./} + 30000000 )) fd nap line state
  exec {nap}<> <(:)
  while (( ${EPOCHREALTIME/./} < deadline )); do
    if { exec {fd}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
      printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&"$fd" 2>/dev/null || true
      line=""
      IFS= read -r -t 30 line <&"$fd" || true
      exec {fd}>&-
      if [[ $line == "HTTP/1."?" 200 "* ]]; then
        echo "ms=$(( (${EPOCHREALTIME/./} * 1000 - started) / 1000000 ))"
        return 0
      fi
    fi
    state=Z
    [ -r "/proc/$pid/stat" ] && { read -r line <"/proc/$pid/stat"; state=${line##*) }; state=${state%% *}; } 2>/dev/null
    if [ "$state" = Z ]; then echo exited; return 0; fi
    read -r -t 0.005 -u "$nap" _ || true
  done
  echo timeout
}

load_stop_server() {
  if [ -n "$LOAD_SERVER_PID" ]; then
    kill "$LOAD_SERVER_PID" 2>/dev/null || true
    wait "$LOAD_SERVER_PID" 2>/dev/null || true
    LOAD_SERVER_PID=""
  fi
}

# Peak resident memory (VmHWM) of a process, in MB.
load_peak_rss_mb() {
  awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$1/status"
}

# The searches the scripts measure, by kind (perf.sh names each in its figures; search-ab.sh takes
# the kinds): a word in few stories, a word in 98% of them, two words, a phrase, a prefix, and a
# common word in a country and six years.
declare -A LOAD_SEARCHES=(
  [rare]="/search?q=scamming"
  [common]="/search?q=rights"
  [two]="/search?q=rights+defenders"
  [phrase]="/search?q=%22hunger+strike%22"
  [prefix]="/search?q=journ*"
  [country]="/search?q=rights&country=kh&from=2015&to=2020"
)

# wrk's Lua hooks: with LOAD_UNIQUE=1 every request gets a query value of its own, never sent
# before, not even by an earlier run (load_wrk names each run in LOAD_RUN), so each one misses any
# cache, is answered in full, and is never taken for a repeat, which the site would keep (see
# ReaderCachePolicy); the summary line gives requests/s, p50, p95, p99 in ms and errors
# (non-2xx/3xx and socket errors).
LOAD_WRK_SCRIPT=$(mktemp --suffix=.lua)
cat >"$LOAD_WRK_SCRIPT" <<'LUA'
local threads = {}
local counter = 0
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
function request()
  if os.getenv("LOAD_UNIQUE") == "1" then
    counter = counter + 1
    local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
    return wrk.format(nil, wrk.path .. sep .. "nocache=" .. (os.getenv("LOAD_RUN") or "") .. "-" .. tid .. "-" .. counter)
  end
  return wrk.format(nil, wrk.path)
end
function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format("FIGURES %.0f %.2f %.2f %.2f %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors))
end
LUA

# Runs wrk -t2 and prints "requests/s p50 p95 p99 errors" (zeros when wrk could not run).
load_wrk() {
  local url=$1 connections=$2 seconds=$3
  LOAD_RUN=$(date +%s%N) wrk -t2 -c"$connections" -d"${seconds}s" -s "$LOAD_WRK_SCRIPT" "$url" | awk '/^FIGURES/ {print $2, $3, $4, $5, $6; found = 1} END {if (!found) print "0 0 0 0 1"}'
}

# The crash and guestbook scripts' vocabulary over the functions above. site_init makes $work (a
# temp folder removed on exit, with the server stopped) and names $app (the published site there);
# $server is the running site's pid.
site_init() {
  work=$(mktemp -d)
  app="$work/app"
  server=""
  trap 'site_stop; rm -rf "$work" "$LOAD_WRK_SCRIPT"' EXIT
}

# site_require COMMAND PACKAGE: installs PACKAGE from apt when COMMAND is missing.
site_require() { command -v "$1" >/dev/null || load_apt_install "$2"; }

site_publish() { load_build "$app"; }

# site_generate N DIR: N synthetic stories as archive pages in DIR.
site_generate() { load_corpus "$1" "$2"; }

# site_import DB PATH...: imports into the database DB with the published executable.
site_import() {
  local db=$1; shift
  (cd "$app" && ConnectionStrings__Stories="Data Source=$db" ./PeoplesStories.Web import "$@" >/dev/null 2>>"$work/import.log")
}

# site_start DB PORT [VAR=VALUE...]: serves DB on 127.0.0.1:PORT and waits until it answers.
site_start() {
  local db=$1 port=$2; shift 2
  load_start_server "$app" "$port" "$work/server.log" ConnectionStrings__Stories="Data Source=$db" "$@"
  server=$LOAD_SERVER_PID
}

# site_kill9: kills the site as a crash would (SIGKILL: no shutdown, no flush).
site_kill9() {
  if [ -n "$server" ]; then kill -9 "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  server=""
  LOAD_SERVER_PID=""
}

# site_stop: stops the site as an operator would (SIGTERM: a graceful shutdown).
site_stop() { load_stop_server; server=""; }

# site_sql DB SQL: the first column of the first row, from a connection of its own (read-only).
site_sql() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute(sys.argv[2]).fetchone()[0])' "$1" "$2"; }
