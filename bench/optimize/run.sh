#!/usr/bin/env bash
# Issue 14's sweep benchmark: 1,000 sma_cross combinations over 500 synthetic stocks x 5 years of daily bars
# (about 646M bar events in all), whole `trade optimize` command, with --jobs 1 and --jobs 2.
#
#   bench/optimize/run.sh
#
# Publishes trade (Release, ReadyToRun), stores the synthetic market in a throwaway SQLite file, then times each
# command with /usr/bin/time. Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# TRADE_PUBLISHED=DIR times a publish already made (the same publish as below) instead of making one.
if [[ -n ${TRADE_PUBLISHED:-} ]]; then ln -s "$(realpath "$TRADE_PUBLISHED")" "$work/pub"; else dotnet publish src/Trading.Cli -c Release -o "$work/pub" >/dev/null; fi
trade() { "$work/pub/trade" "$@"; }
trade data synth --symbols 500 --from 2020-01-01 --to 2024-12-31 --db "$work/s500.db" | tail -1
symbols=$(trade data list --db "$work/s500.db" | awk 'NR>2 && $1 ~ /^SYN/ { print $1 }' | paste -sd, -)

for jobs in 1 2; do
  /usr/bin/time -f "jobs $jobs: %e s wall, %U s user, %M KB peak" -o "$work/time" \
    "$work/pub/trade" optimize --strategy sma_cross --param fast=2:41:1 --param slow=50:290:10 \
    --symbols "$symbols" --db "$work/s500.db" --jobs "$jobs" --top 3 >"$work/out" 2>&1
  grep -E "trials run" "$work/out"
  cat "$work/time"
done
