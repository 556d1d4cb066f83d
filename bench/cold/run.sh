#!/usr/bin/env bash
# Speed as users meet it: whole `trade` processes, cold, on a universe of ~500 daily stocks (issue 13's table).
#
#   bench/cold/run.sh [runs]        (default 5 runs per row; medians of wall time and of peak RSS)
#
# Uses ../shared/data/sp500-2012-2017 when present (488 importable stocks; COH.csv repeats a date and is left out by
# --on-conflict skip-file; 28 rows that break the bar rule are left out by --on-invalid-bar skip), otherwise the
# synthetic market of the same shape (488 stocks, 2012-2017). Publishes the CLI in Release first, then times each
# command with /usr/bin/time. Run it on a quiet machine. The publish is self-contained and ReadyToRun, one composite
# image with the runtime (src/Trading.Cli/Trading.Cli.csproj: about two minutes to publish, 220 MB);
# backtests after the first read their bars from the column files beside the database (trading.db.columns/).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# TRADE_PUBLISHED=DIR times a publish already made (the same publish as below) instead of making one.
if [[ -n ${TRADE_PUBLISHED:-} ]]; then ln -s "$(realpath "$TRADE_PUBLISHED")" "$work/pub"; else dotnet publish src/Trading.Cli -c Release -o "$work/pub" >/dev/null; fi
trade() { "$work/pub/trade" "$@"; }

db="$work/universe.db"
real=../shared/data/sp500-2012-2017
if [[ -d $real ]]; then
  trade data import "$real"/*.csv --on-conflict skip-file --on-invalid-bar skip --db "$db" >/dev/null
  source="real S&P 500 stocks, $real"
else
  trade data synth --symbols 488 --from 2012-01-01 --to 2017-12-31 --db "$db" >/dev/null
  source="synthetic market (../shared/data absent)"
fi
symbols=$(trade data list --db "$db" | awk 'NR>2 && $1 ~ /^[A-Z][A-Z0-9.^-]*$/ && $1 != "^SYN" { print $1 }' | paste -sd, -)
count=$(tr ',' '\n' <<<"$symbols" | wc -l)
echo "universe: $count symbols from the $source"
echo

# One row (a name, then the arguments of trade): the median wall time and peak RSS of $runs whole processes, and the engine loop the CLI printed.
row() {
  local name=$1; shift
  local walls=() rss=() loop=""
  for ((i = 0; i < runs; i++)); do
    if [[ -n ${fresh_columns:-} ]]; then rm -rf "$db.columns"; fi
    /usr/bin/time -f "%e %M" -o "$work/time" "$work/pub/trade" "$@" >"$work/out" 2>"$work/err" || { echo "$name failed:"; cat "$work/err"; exit 1; }
    read -r wall kb <"$work/time"
    walls+=("$wall"); rss+=("$kb")
    loop=$(grep -oE '[0-9,]+ bar events in [0-9,]+ ms \([0-9.]+M bars/s\)' "$work/out" | tail -1 || true)
  done
  local median_wall median_rss
  median_wall=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  median_rss=$(printf '%s\n' "${rss[@]}" | sort -g | awk '{ a[NR] = $1 } END { printf "%.0f", a[int((NR + 1) / 2)] / 1024 }')
  printf '| %s | %s s | %s MB | %s |\n' "$name" "$median_wall" "$median_rss" "${loop:--}"
}

echo "| run | whole process (median of $runs) | peak RSS | engine loop as printed |"
echo "|---|---:|---:|---|"
row "trade --version" --version
empty="$work/empty"; mkdir -p "$empty"; printf 'date,open,high,low,close,volume\n' >"$empty/E.csv"
trade data import "$empty/E.csv" --db "$empty/empty.db" >/dev/null
row "trade data list, empty store" data list --db "$empty/empty.db"
row "trade data list (start-up and one query)" data list --db "$db"
fresh_columns=1 row "sma_cross, first run after a write (reads SQLite, writes the column files)" backtest --strategy sma_cross --set fast=10 --set slow=30 --symbols "$symbols" --db "$db"
row "sma_cross (fast 10, slow 30)" backtest --strategy sma_cross --set fast=10 --set slow=30 --symbols "$symbols" --db "$db"
row "sma_cross with --json and --report" backtest --strategy sma_cross --set fast=10 --set slow=30 --symbols "$symbols" --db "$db" --json "$work/r.json" --report "$work/r.html"
row "momentum (defaults)" backtest --strategy momentum --symbols "$symbols" --db "$db"
