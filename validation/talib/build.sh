#!/usr/bin/env bash
# Builds validation/talib/build/talib_reference: the TA-Lib C sources bundled in the npm package talib@2.0.5
# (npm install talib does not link here, so we only unpack it) compiled together with talib_reference.c.
# Then, with --fixtures, regenerates the expected CSVs under tests/Trading.Tests/Fixtures/talib.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="$here/build"
mkdir -p "$build"
if [ ! -d "$build/package/src/lib/src" ]; then
    (cd "$build" && npm pack talib@2.0.5 >/dev/null && tar xzf talib-2.0.5.tgz)
fi
lib="$build/package/src/lib"
if [ ! -x "$build/talib_reference" ] || [ "$here/talib_reference.c" -nt "$build/talib_reference" ]; then
    gcc -O2 -std=gnu11 -w \
        -I"$lib/include" -I"$lib/src/ta_common" -I"$lib/src/ta_func" \
        "$here/talib_reference.c" "$lib"/src/ta_common/*.c "$lib"/src/ta_func/*.c \
        -lm -o "$build/talib_reference"
fi
echo "built $build/talib_reference"

if [ "${1:-}" = "--fixtures" ]; then
    fixtures="$repo/tests/Trading.Tests/Fixtures/talib"
    shared="${SHARED_DATA:-$repo/../shared/data}"
    "$build/talib_reference" "$fixtures/synthetic-ohlcv.csv" > "$fixtures/synthetic-talib.csv"
    for name in nvda-1999-2014 orcl-1995-2014; do
        "$build/talib_reference" "$shared/$name.txt" | gzip -9n > "$fixtures/$name-talib.csv.gz"
    done
    echo "wrote fixtures to $fixtures"
fi
