#!/usr/bin/env bash
# Load test of the HTTP server: builds `trade` in Release, seeds a temporary database with the synthetic market,
# starts `trade serve` on loopback and runs wrk against the cached data route (the original's first curl example,
# with a synthetic ticker). Prints requests/s, p99 latency and errors; exits non-zero if any request failed.
#
#   bench/load/run.sh                      # 15 s per route, 1 wrk thread, 32 connections
#   DURATION=30s CONNECTIONS=64 THREADS=2 bench/load/run.sh
#
# Needs wrk (apt-get install -y wrk) and curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

duration=${DURATION:-15s}
threads=${THREADS:-1}
connections=${CONNECTIONS:-32}
port=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}
base="http://127.0.0.1:$port"

command -v wrk >/dev/null || { echo "error: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
work=$(mktemp -d)
server=
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building trade (Release)"
dotnet publish src/Trading.Cli -c Release -o "$work/app" --nologo -v quiet >/dev/null
trade=("$work/app/trade")

echo "== seeding $work/trading.db with the synthetic market (50 stocks, 2000-2024)"
"${trade[@]}" data synth --db "$work/trading.db" | tail -1

echo "== starting trade serve on $base"
# The limiter stays on (its cost is part of every request) with a limit a single load generator cannot reach.
TRADE_Server__RateLimit__PermitLimit=2000000000 "${trade[@]}" serve --urls "$base" --db "$work/trading.db" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fs "$base/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$base/health" >/dev/null || { echo "error: the server did not start"; cat "$work/server.log"; exit 1; }

failed=0
# run NAME URL [wrk args...]: warms the route up (JIT, cache), then loads it and prints one summary line.
run() {
  local name=$1 url=$2; shift 2
  wrk -t"$threads" -c"$connections" -d3s "$@" "$url" >/dev/null 2>&1 || true
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$url" 2>&1)
  local rps p99 non2xx socket
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
  socket=$(awk '/Socket errors/ {s = $4 + $6 + $8 + $10; print s}' <<<"${out//,/}")
  local errors=$(( ${non2xx:-0} + ${socket:-0} ))
  printf '%-48s %10s req/s   p99 %8s   errors %s\n' "$name" "$rps" "$p99" "$errors"
  if (( errors > 0 )); then failed=1; echo "$out"; fi
}

echo "== wrk: $threads thread(s), $connections connections, $duration per route ($(nproc) cores shared with the server)"
run "GET stock, 66 bars (the original's example)" "$base/api/v1/data/stock/SYN001?start_date=2023-01-02&end_date=2023-04-09&interval=1d"
run "GET stock, a year (250 bars)" "$base/api/v1/data/stock/SYN001?start_date=2023-01-01&end_date=2023-12-31&interval=1d"
run "GET strategy_parameters (SQLite, not cached)" "$base/api/v1/strategy/strategy_parameters/sma_cross"

# The signals route (POST /api/v1/strategy/generate_signals) is not wired yet; once it answers 200, it is loaded too.
signals="$base/api/v1/strategy/generate_signals"
signals_body='{"symbols": ["SYN001", "SYN002", "SYN003"], "start_date": "2023-01-01", "end_date": "2023-12-31", "interval": "1d", "market_index": "^SYN"}'
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d "$signals_body" "$signals")
if [[ "$status" == 200 ]]; then
  cat >"$work/signals.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$signals_body'
LUA
  run "POST generate_signals" "$signals" -s "$work/signals.lua"
else
  echo "POST generate_signals: not wired yet (HTTP $status), skipped"
fi

exit $failed
