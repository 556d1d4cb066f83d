#!/usr/bin/env bash
# Replays issue 10's reproductions against a real `trade` build: the CLI and `trade serve` on a throwaway SQLite
# database. Prints PASS or FAIL per check and exits non-zero if any failed.
#
#   validation/hostile/issue10.sh [TRADE_DIR]     # TRADE_DIR: a `dotnet publish src/Trading.Cli` output folder
#   FLOOD=1 validation/hostile/issue10.sh ...     # also the 129-backtest memory flood (a few minutes)
#
# Needs curl, python3 and sqlite3 (the pathological bars are written straight into the store, since import refuses
# them). Nothing here calls the network: the server listens on 127.0.0.1.
set -uo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
trade_dir=${1:-}
if [[ -z $trade_dir ]]; then
  trade_dir=$(mktemp -d /tmp/trade-publish.XXXXXX)
  dotnet publish "$here/src/Trading.Cli" -c Release -o "$trade_dir" >/dev/null || exit 1
fi
trade() { dotnet "$trade_dir/trade.dll" "$@"; }

work=$(mktemp -d /tmp/issue10.XXXXXX)
db=$work/t.db
failures=0
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

pass() { printf 'PASS  %s\n' "$1"; }
fail() { printf 'FAIL  %s: %s\n' "$1" "$2"; failures=$((failures + 1)); }
# check NAME COMMAND...: passes when the command succeeds.
check() {
  local name=$1
  shift
  local out
  if out=$("$@" 2>&1); then pass "$name"; else fail "$name" "$(echo "$out" | head -c 400 | tr '\n' ' ')"; fi
}

port=$((20000 + RANDOM % 30000))
base=http://127.0.0.1:$port

start_server() {
  # dotnet itself, not the trade function: $! must be the server's own process for kill to stop it.
  dotnet "$trade_dir/trade.dll" serve --urls "$base" --db "$db" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "$base/health" && return 0
    sleep 0.1
  done
  echo "server did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
}

alive() { kill -0 "$server_pid" 2>/dev/null && curl -s -o /dev/null -w '%{http_code}' "$base/health" | grep -q '^200$'; }

# status METHOD PATH [BODY] [extra curl args...]: prints the HTTP status (JSON content type unless told otherwise).
status() {
  local method=$1 path=$2 body=${3:-}
  shift 3 2>/dev/null || shift $#
  if [[ -n $body ]]; then
    curl -s -o "$work/last.json" -w '%{http_code}' -X "$method" -H 'Content-Type: application/json' --data-binary "$body" "$@" "$base$path"
  else
    curl -s -o "$work/last.json" -w '%{http_code}' -X "$method" "$@" "$base$path"
  fi
}
is_4xx() { [[ $1 =~ ^4[0-9][0-9]$ ]]; }
json() { python3 -c "import json,sys; d=json.load(open('$work/last.json')); print($1)"; }

# A row straight into the store, past import's checks (a stored oddity from an older version or another tool).
store_raw() { # SYMBOL UNIX_TIME OPEN HIGH LOW CLOSE VOLUME
  sqlite3 "$db" "INSERT OR REPLACE INTO bars VALUES ('$1','1d',$2,$3,$4,$5,$6,$7);
    INSERT OR REPLACE INTO series SELECT symbol, interval, min(time), max(time), count(*) FROM bars WHERE symbol='$1' GROUP BY symbol, interval;"
}

echo "== setup: synthetic market (5 stocks, 2014-2018) in $db"
trade data synth --symbols 5 --from 2014-01-01 --to 2018-12-31 --db "$db" >/dev/null || exit 1

echo "== item 2: import refuses bars nothing downstream can handle (file:line, nothing stored)"
bad_rows=(
  "1e308,1e308,1e308,1e308,1"
  "5e-324,5e-324,5e-324,5e-324,1"
  "0,0,0,0,0"
  "10,11,9,12,100"
  "10,11,9.5,9,100"
)
for i in "${!bad_rows[@]}"; do
  f=$work/BAD$i.csv
  printf 'Date,Open,High,Low,Close,Volume\n2020-01-02,%s\n2020-01-03,10,11,9,10,100\n' "${bad_rows[$i]}" >"$f"
  out=$(trade data import "$f" --db "$db" 2>&1)
  code=$?
  if [[ $code -ne 0 && $out == *"BAD$i.csv:2"* ]] && ! trade data list --db "$db" 2>/dev/null | grep -q "BAD$i"; then
    pass "import refuses ${bad_rows[$i]}"
  else
    fail "import refuses ${bad_rows[$i]}" "exit $code: $out"
  fi
done
for d in 0001-01-01 9999-12-31; do
  f=$work/DATE${d:0:4}.csv
  printf 'Date,Open,High,Low,Close,Volume\n%s,10,11,9,10,100\n' "$d" >"$f"
  out=$(trade data import "$f" --db "$db" 2>&1)
  if [[ $? -ne 0 && $out == *":2"* ]]; then pass "import refuses date $d"; else fail "import refuses date $d" "$out"; fi
done

echo "== item 8 (header): a 2,000,000-column header is one line"
python3 -c "print(','.join(['Date']+['c%d'%i for i in range(2000000)]))" >"$work/WIDE.csv"
out=$(trade data import "$work/WIDE.csv" --db "$db" 2>&1)
code=$?
if [[ $code -eq 1 && $(echo "$out" | wc -l) -le 2 && $out == error:* ]]; then pass "wide header"; else fail "wide header" "exit $code: ${out:0:300}"; fi

echo "== item 12: a repeated date with another volume"
printf 'Date,Open,High,Low,Close,Volume\n2020-01-02,10,11,9,10,100\n2020-01-02,10,11,9,10,200\n2020-01-03,10,11,9,10,100\n' >"$work/DUP.csv"
out=$(trade data import "$work/DUP.csv" --db "$db" 2>&1)
[[ $? -ne 0 ]] && pass "strict by default" || fail "strict by default" "$out"
out=$(trade data import "$work/DUP.csv" --db "$db" --on-conflict keep-first 2>&1)
if [[ $? -eq 0 ]] && echo "$out" | grep -qi "DUP.csv"; then pass "--on-conflict keep-first reports per file"; else fail "--on-conflict keep-first" "$out"; fi

echo "== pathological bars stored past import"
store_raw HUGE 1577923200 1e30 1e30 1e30 1e30 1
store_raw HUGE 1578009600 1e30 1e30 1e30 1e30 1
store_raw LATE 1577923200 10 11 9 10 100
store_raw LATE 253402214400 10 11 9 10 100
store_raw TINY 1577923200 5e-324 5e-324 5e-324 5e-324 1
store_raw TINY 1578009600 5e-324 5e-324 5e-324 5e-324 1
store_raw ZERO 1577923200 0 0 0 0 0
store_raw ZERO 1578009600 0 0 0 0 0

start_server

echo "== item 1: pathological backtests fail the job, never the server"
for sym in HUGE LATE TINY ZERO; do
  code=$(status POST /api/v1/backtests "{\"strategy\":\"buy_and_hold\",\"symbols\":[\"$sym\"]}")
  if [[ $code == 202 ]]; then
    id=$(json "d['id']")
    for _ in $(seq 1 100); do
      s=$(curl -s "$base/api/v1/backtests/$id" | python3 -c "import json,sys; print(json.load(sys.stdin)['status'])" 2>/dev/null)
      [[ $s == succeeded || $s == failed ]] && break
      sleep 0.1
    done
    if alive; then pass "backtest on $sym: $s, server alive"; else fail "backtest on $sym" "server gone (status $s)"; start_server; fi
  elif is_4xx "$code" && alive; then
    pass "backtest on $sym refused at submission ($code)"
  else
    fail "backtest on $sym" "HTTP $code"
  fi
done

echo "== item 3: request input gives 4xx, never 500"
code=$(status POST /api/v1/strategy/configure_strategy/sma_cross '{"fast":"\ud800"}')
is_4xx "$code" && pass "lone surrogate in configure_strategy ($code)" || fail "lone surrogate in configure_strategy" "$code"
code=$(status POST /api/v1/backtests '{"strategy":"sma_cross","parameters":{"fast":"\ud800"}}')
is_4xx "$code" && pass "lone surrogate in backtest parameters ($code)" || fail "lone surrogate in backtest parameters" "$code"
code=$(status POST /api/v1/paper/orders '{"symbol":"SYN001","side":"sell","quantity":1,"type":"trailing_stop","trail_amount":79228162514264337593543950335}')
is_4xx "$code" && pass "huge trail_amount ($code)" || fail "huge trail_amount" "$code"
stuck=$(curl -s "$base/api/v1/paper/orders?status=working" | python3 -c "import json,sys; d=json.load(sys.stdin); o=d if isinstance(d,list) else d.get('orders',[]); print(sum(1 for x in o if x.get('status')=='submitted'))")
[[ $stuck == 0 ]] && pass "no order left in submitted" || fail "no order left in submitted" "$stuck stuck"
for sym in HUGE LATE; do
  code=$(status POST /api/v1/paper/orders "{\"symbol\":\"$sym\",\"side\":\"buy\",\"quantity\":1}")
  [[ $code != 5* ]] && alive && pass "paper order on $sym ($code)" || fail "paper order on $sym" "$code"
done
code=$(status POST /api/v1/paper/reset '{}')
code=$(curl -s -o "$work/last.json" -w '%{http_code}' "$base/api/v1/data/stock/A%00B")
ct=$(curl -s -o /dev/null -w '%{content_type}' "$base/api/v1/data/stock/A%00B")
is_4xx "$code" && [[ $ct == application/problem+json* ]] && pass "%00 in a path ($code $ct)" || fail "%00 in a path" "$code $ct"
code=$(status POST /api/v1/backtests '{"strategy":"buy_and_hold","symbols":["SYN001"],"benchmark":"NOPE"}')
is_4xx "$code" && pass "unknown benchmark refused at submission ($code)" || fail "unknown benchmark" "$code"
for field in quantity limit_price; do
  code=$(status POST /api/v1/paper/orders "{\"symbol\":\"SYN001\",\"side\":\"buy\",\"quantity\":1,\"type\":\"limit\",\"limit_price\":10,\"$field\":79228162514264337593543950335}")
  is_4xx "$code" && pass "huge $field ($code)" || fail "huge $field" "$code"
done
code=$(status POST /api/v1/paper/reset '{"cash":79228162514264337593543950335}')
is_4xx "$code" && pass "huge reset cash ($code)" || fail "huge reset cash" "$code"

echo "== item 5: a CLI write is seen by the running server"
url="$base/api/v1/data/stock/SYN001?start_date=2018-06-01&end_date=2018-06-30"
before=$(curl -s "$url" | python3 -c "import json,sys; print(json.load(sys.stdin)['data_points'][0]['close'])")
day=$(curl -s "$url" | python3 -c "import json,sys; print(json.load(sys.stdin)['data_points'][0]['date'][:10])")
printf 'Date,Open,High,Low,Close,Volume\n%s,1000,1000,1000,1000,1\n' "$day" >"$work/SYN001.csv"
trade data import "$work/SYN001.csv" --db "$db" >/dev/null 2>&1
after=$(curl -s "$url" | python3 -c "import json,sys; print(json.load(sys.stdin)['data_points'][0]['close'])")
[[ $after == 1000* ]] && pass "stale read after import ($before -> $after)" || fail "stale read after import" "$before -> $after"

echo "== item 6: manual rebalance is idempotent, atomic and sees only the account's clock"
# ^SYN is above its 200-day average in July 2016 (new buys allowed) and below it at the end of 2018.
universe='"symbols":["SYN001","SYN002","SYN003","SYN004","SYN005"],"start_date":"2015-01-01","interval":"1d","market_index":"^SYN"'
orders() { curl -s "$base/api/v1/paper/orders" | python3 -c "import json,sys; d=json.load(sys.stdin); o=d if isinstance(d,list) else d.get('orders',[]); print(len(o))"; }
status POST /api/v1/paper/reset '{"cash":100000,"start_date":"2016-07-29"}' >/dev/null
status POST /api/v1/portfolio/rebalance "{$universe,\"end_date\":\"2016-07-29\"}" >/dev/null
one=$(orders)
status POST /api/v1/portfolio/rebalance "{$universe,\"end_date\":\"2016-07-29\"}" >/dev/null
status POST /api/v1/portfolio/rebalance "{$universe,\"end_date\":\"2016-07-29\"}" >/dev/null
three=$(orders)
[[ $one -gt 0 && $three == "$one" ]] && pass "three rebalances = one ($one orders)" || fail "three rebalances" "$three orders against $one"
status POST /api/v1/paper/reset '{"cash":100000,"start_date":"2016-07-29"}' >/dev/null
pids=()
for _ in 1 2; do
  status POST /api/v1/portfolio/rebalance "{$universe,\"end_date\":\"2016-07-29\"}" >/dev/null &
  pids+=($!)
done
wait "${pids[@]}"
two=$(orders)
[[ $two == "$one" ]] && pass "two concurrent rebalances = one ($two orders)" || fail "concurrent rebalances" "$two orders against $one"
status POST /api/v1/paper/reset '{"cash":100000,"start_date":"2016-07-29"}' >/dev/null
status POST /api/v1/portfolio/rebalance "{$universe,\"end_date\":\"2018-12-31\"}" >/dev/null
as_of=$(json "d.get('as_of')")
[[ $as_of == 2016-07-29* && $(orders) == "$one" ]] && pass "rebalance ranks as of the account's clock ($as_of)" || fail "rebalance look-ahead" "as_of $as_of, $(orders) orders"
status POST /api/v1/paper/reset '{"cash":100000,"start_date":"2016-07-29"}' >/dev/null
store_raw LATER 1514851200 10 11 9 10 100
code=$(status POST /api/v1/portfolio/rebalance "{\"symbols\":[\"SYN001\",\"SYN002\",\"SYN003\",\"SYN004\",\"SYN005\",\"LATER\"],\"start_date\":\"2015-01-01\",\"end_date\":\"2016-07-29\",\"interval\":\"1d\",\"market_index\":\"^SYN\"}")
n=$(orders)
[[ $n == 0 || $n == "$one" ]] && pass "a symbol without bars at the clock: all or nothing ($code, $n orders)" || fail "rebalance atomic" "$code with $n orders"

echo "== item 7: cross-site and rebinding requests"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/v1/paper/reset")
[[ $code == 415 || $code == 400 || $code == 403 ]] && pass "reset without a JSON content type ($code)" || fail "reset without a JSON content type" "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: text/plain' --data '{}' "$base/api/v1/paper/advance")
[[ $code == 415 || $code == 400 || $code == 403 ]] && pass "advance as text/plain ($code)" || fail "advance as text/plain" "$code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example' "$base/health")
[[ $code == 400 ]] && pass "foreign Host header ($code)" || fail "foreign Host header" "$code"
body=$(curl -s "$base/health")
[[ $body != *"$db"* && $body != *t.db* ]] && pass "health names no path" || fail "health names no path" "$body"
other=$((port + 1))
out=$(timeout 20 dotnet "$trade_dir/trade.dll" serve --urls "http://0.0.0.0:$other" --db "$db" 2>&1)
code=$?
[[ $code == 1 && $(echo "$out" | grep -c .) -le 3 ]] && pass "serve on 0.0.0.0 without a key refuses" || fail "serve on 0.0.0.0 without a key" "exit $code: ${out:0:300}"

echo "== item 10/11: parameters configured over HTTP reach the CLI; numbers everywhere"
status POST /api/v1/strategy/configure_strategy/sma_cross '{"fast":7,"slow":21}' >/dev/null
out=$(trade backtest --strategy sma_cross --symbols SYN001 --db "$db" 2>&1)
echo "$out" | grep -Eq 'fast.{0,20}7' && pass "CLI uses the stored fast=7" || fail "CLI uses stored parameters" "${out:0:300}"
status POST /api/v1/backtests '{"strategy":"sma_cross","symbols":["SYN001"],"parameters":{"fast":5}}' >/dev/null
t=$(json "type(d['parameters']['fast']).__name__")
[[ $t == int || $t == float ]] && pass "backtest status parameters are numbers" || fail "parameters are numbers" "$t"

kill "$server_pid" 2>/dev/null
wait "$server_pid" 2>/dev/null
server_pid=

echo "== items 8/9: the CLI speaks one clear line"
one_line() { # NAME EXPECTED_EXIT CMD...
  local name=$1 want=$2
  shift 2
  local out code
  out=$("$@" 2>&1)
  code=$?
  if [[ $code == "$want" && $(echo "$out" | grep -c .) -le 2 && $out != *"   at "* && $out != *Unhandled* ]]; then pass "$name"; else fail "$name" "exit $code: ${out:0:300}"; fi
}
one_line "backtest with a benchmark without bars" 1 trade backtest --strategy buy_and_hold --symbols SYN001 --benchmark NOPE --db "$db"
one_line "commission rate 10" 2 trade backtest --strategy buy_and_hold --commission-rate 10 --db "$db"
one_line "bad rate-limit window" 1 timeout 30 env TRADE_Server__RateLimit__Window=abc dotnet "$trade_dir/trade.dll" serve --urls "http://127.0.0.1:$((port + 2))" --db "$db"
one_line "bad cache size" 1 env TRADE_Cache__SizeLimitBytes=abc dotnet "$trade_dir/trade.dll" data list --db "$db"
one_line "paper cash 1e40" 1 timeout 30 env TRADE_Server__PaperInitialCash=1e40 dotnet "$trade_dir/trade.dll" serve --urls "http://127.0.0.1:$((port + 3))" --db "$db"
one_line "negative sliding expiration" 1 env TRADE_Cache__SlidingExpiration=-00:01:00 dotnet "$trade_dir/trade.dll" data list --db "$db"
out=$(trade 2>&1)
echo "$out" | grep -qi usage && pass "bare trade prints help" || fail "bare trade prints help" "${out:0:200}"
for cmd in "data list" "signals --symbols A" "backtest --strategy buy_and_hold --symbols A" "indicators --symbol A --indicators sma(5)"; do
  # shellcheck disable=SC2086
  out=$(trade $cmd --db "$work/nope/typo.db" 2>&1)
  code=$?
  [[ $code == 1 && ! -e $work/nope ]] && pass "read '$cmd' of a missing db" || fail "read '$cmd' of a missing db" "exit $code: ${out:0:200}"
done
out=$(trade signals --symbols SYN001,NOPE --db "$db" 2>&1)
echo "$out" | grep -q NOPE && ! echo "$out" | grep -Eq 'NOPE.*SELL' && pass "unknown symbol in signals is named" || fail "unknown symbol in signals" "${out:0:300}"
out=$(trade signals --symbols SYN001,SYN002 --date 2030-01-01 --db "$db" 2>&1)
echo "$out" | grep -Eqi 'after|beyond|last' && pass "--date beyond the last bar says so" || fail "--date beyond the last bar" "${out:0:300}"

echo "== item 17: a buy-and-hold summary says n/a"
out=$(trade backtest --strategy buy_and_hold --symbols SYN001 --db "$db" 2>&1)
echo "$out" | grep -Eqi 'win rate.*n/a' && pass "win rate n/a" || fail "win rate n/a" "$(echo "$out" | grep -i 'win rate')"

if [[ ${FLOOD:-0} == 1 ]]; then
  echo "== item 4: 129 backtests of sma_cross fast=1 slow=2"
  start_server
  rss0=$(ps -o rss= -p "$server_pid")
  for _ in $(seq 1 129); do
    until [[ $(status POST /api/v1/backtests '{"strategy":"sma_cross","parameters":{"fast":1,"slow":2}}') == 202 ]]; do sleep 1; done
  done
  sleep 5
  while curl -s "$base/api/v1/backtests/$(json "d['id']")" | grep -Eq '"(queued|running)"'; do sleep 2; done
  rss1=$(ps -o rss= -p "$server_pid")
  echo "RSS: $((rss0 / 1024)) MB at start, $((rss1 / 1024)) MB after the flood"
  ((rss1 < 2 * 1024 * 1024)) && pass "flood plateau under 2 GB" || fail "flood plateau" "$((rss1 / 1024)) MB"
fi

echo
if ((failures > 0)); then
  echo "$failures checks failed"
  exit 1
fi
echo "all checks passed"
