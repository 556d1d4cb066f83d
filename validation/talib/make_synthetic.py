"""Writes the deterministic synthetic OHLCV series used as the first TA-Lib fixture (committed; tests do not run this).

600 business days of a geometric random walk priced in cents, with overnight gaps, intraday ranges around open and
close, lognormal volumes, and a few repeated bars so that ties (equal closes, equal typical prices) occur.
"""
import datetime
import math
import random

rng = random.Random(20261124)
day = datetime.date(2020, 1, 1)
close = 50.0
print("date,open,high,low,close,volume")
bars = 0
while bars < 600:
    day += datetime.timedelta(days=1)
    if day.weekday() >= 5:
        continue
    if 300 <= bars < 303:
        # A quiet stretch: the same bar three times.
        open_ = high = low = close
        volume = 100000
    else:
        open_ = round(close * math.exp(rng.gauss(0, 0.005)), 2)
        close = round(open_ * math.exp(rng.gauss(0.0003, 0.018)), 2)
        high = round(max(open_, close) * math.exp(abs(rng.gauss(0, 0.007))), 2)
        low = round(min(open_, close) * math.exp(-abs(rng.gauss(0, 0.007))), 2)
        volume = int(math.exp(rng.gauss(13.5, 0.5)))
    print(f"{day.isoformat()},{open_:.2f},{high:.2f},{low:.2f},{close:.2f},{volume}")
    bars += 1
