#!/usr/bin/env bash
# Memory under a flood of backtests: builds `trade` in Release, starts `trade serve` on loopback over an empty
# database, submits COUNT backtests of sma_cross fast=1 slow=2 over the synthetic market (about 160,000 fills each,
# 61 MB of JSON), retrying while the queue is full (503), waits for the last to finish, and prints the server's
# resident memory (ps -o rss) at the start, its peak (sampled every second), and after the last run.
#
#   bench/load/backtest-flood.sh                 # 150 backtests
#   COUNT=40 bench/load/backtest-flood.sh
#   TRADE_Server__BacktestResultsBudgetBytes=67108864 bench/load/backtest-flood.sh   # a smaller budget
#
# Needs curl.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

count=${COUNT:-150}
port=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}
base="http://127.0.0.1:$port"
body='{"strategy":"sma_cross","parameters":{"fast":1,"slow":2}}'

work=$(mktemp -d)
server=
sampler=
cleanup() {
  if [[ -n "$sampler" ]]; then kill "$sampler" 2>/dev/null || true; fi
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building trade (Release)"
dotnet publish src/Trading.Cli -c Release -o "$work/app" --nologo -v quiet >/dev/null

echo "== starting trade serve on $base"
TRADE_Server__RateLimit__PermitLimit=0 "$work/app/trade" serve --urls "$base" --db "$work/trading.db" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -sf "$base/health" >/dev/null 2>&1 && break
  sleep 0.2
done

rss() { ps -o rss= -p "$server" | awk '{printf "%d", $1 / 1024}'; }
echo "start: $(rss) MB resident"
(while kill -0 "$server" 2>/dev/null; do ps -o rss= -p "$server" >>"$work/rss" || true; sleep 1; done) &
sampler=$!

started=$(date +%s)
last=
for i in $(seq 1 "$count"); do
  while true; do
    status=$(curl -s -o /dev/null -D "$work/headers" -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" "$base/api/v1/backtests")
    [[ "$status" == 202 ]] && break
    [[ "$status" == 503 ]] || { echo "error: submission $i answered $status" >&2; exit 1; }
    sleep 1
  done
  last=$(tr -d '\r' <"$work/headers" | awk 'tolower($1) == "location:" { print $2 }')
  if (( i % 10 == 0 )); then echo "submitted $i: $(rss) MB resident"; fi
done

echo "== waiting for the last backtest ($last)"
until curl -s "$base$last" | grep -Eq '"status":"(succeeded|failed)"'; do sleep 2; done
sleep 3
peak=$(sort -n "$work/rss" | tail -1 | awk '{printf "%d", $1 / 1024}')
echo "after $count backtests in $(( $(date +%s) - started )) s: $(rss) MB resident, peak $peak MB"
if kill -0 "$server" 2>/dev/null; then echo "the server is still up"; else echo "error: the server stopped" >&2; exit 1; fi
