# Shared by the load and crash scripts (source it from the repository root): publishes the Release
# build, generates and imports a corpus, starts and stops the site on 127.0.0.1.
# Sets: work (a temp folder removed on exit), app (the published folder), bench, server (the site's pid).

work=$(mktemp -d)
app="$work/app"
server=""
bench="dotnet tests/PeoplesStories.Benchmarks/bin/Release/net10.0/PeoplesStories.Benchmarks.dll"
site_cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap site_cleanup EXIT

# Publishes the site and builds the corpus generator (Release).
site_publish() {
  dotnet build tests/PeoplesStories.Benchmarks -c Release -v quiet -nologo >/dev/null
  dotnet publish src/PeoplesStories.Web -c Release -o "$app" -v quiet -nologo >/dev/null
}

# site_generate N DIR: N synthetic stories as archive pages in DIR.
site_generate() { $bench generate "$1" "$2" >/dev/null; }

# site_import DB PATH...: imports into the database DB with the published executable.
site_import() {
  local db=$1; shift
  (cd "$app" && ConnectionStrings__Stories="Data Source=$db" ./PeoplesStories.Web import "$@" >/dev/null 2>>"$work/import.log")
}

# site_start DB PORT [VAR=VALUE...]: serves DB on 127.0.0.1:PORT (Production, warnings only) and waits until it answers.
site_start() {
  local db=$1 port=$2; shift 2
  (cd "$app" && exec env ASPNETCORE_ENVIRONMENT=Production Serilog__MinimumLevel__Default=Warning \
    ConnectionStrings__Stories="Data Source=$db" "$@" ./PeoplesStories.Web --urls "http://127.0.0.1:$port" >>"$work/server.log" 2>&1) &
  server=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "the site did not start on port $port; its log:" >&2; tail -20 "$work/server.log" >&2; return 1
}

# site_kill9: kills the site as a crash would (SIGKILL: no shutdown, no flush).
site_kill9() { [ -n "$server" ] && kill -9 "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=""; }

site_require() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }

# site_stop: stops the site as an operator would (SIGTERM: a graceful shutdown).
site_stop() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=""; }

# site_sql DB SQL: the first column of the first row, from a connection of its own (read-only).
site_sql() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute(sys.argv[2]).fetchone()[0])' "$1" "$2"; }
