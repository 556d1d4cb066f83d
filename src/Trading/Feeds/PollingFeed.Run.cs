using Trading.Domain;

namespace Trading.Feeds;

public sealed partial class PollingFeed
{
    /// <summary>One reading of the feed: the symbols' progress, the slices waiting to go out, the last one delivered.</summary>
    private sealed class Run
    {
        private readonly PollingFeed _feed;
        private readonly BarSchedule _schedule;
        private readonly SortedDictionary<DateTime, PendingSlice> _pending = [];

        public Run(PollingFeed feed, FeedRequest request, BarSchedule schedule, DateTime start)
        {
            _feed = feed;
            _schedule = schedule;
            Interval = request.Interval;
            Symbols = [.. request.Symbols.Select((symbol, i) => new PolledSymbol(symbol, i, start))];
            LastDelivered = start;
        }

        public Interval Interval { get; }

        public PolledSymbol[] Symbols { get; }

        /// <summary>True once the provider has answered with bars (even none) for any symbol.</summary>
        public bool Answered { get; set; }

        /// <summary>The time of the last slice delivered, or the start: no later bar at or before it can be delivered.</summary>
        public DateTime LastDelivered { get; private set; }

        /// <summary>When the oldest waiting slice goes out whoever is missing, or null when none waits.</summary>
        public DateTime? EarliestDeadline => _pending.Count == 0 ? null : Deadline(First().Key);

        /// <summary>Takes in one symbol's fetched bars, in order, up to the first that is not complete at
        /// <paramref name="now"/> (it is fetched again next time).</summary>
        public void Ingest(PolledSymbol symbol, BarSeries bars, DateTime now)
        {
            for (var i = 0; i < bars.Count; i++)
            {
                var bar = bars[i];
                var time = bar.Time;
                if (time <= symbol.Cursor)
                {
                    DropRepeated(symbol, time);
                    continue;
                }

                if (_schedule.CompleteAt(time) > now)
                {
                    break;
                }

                ReportGap(symbol, time);
                symbol.Cursor = time;
                symbol.Seen(time);
                if (bar.Problem() is { } problem)
                {
                    symbol.FirstReport(time);
                    _feed.LogInvalid(symbol.Symbol, Interval, Interval.Format(time), problem);
                }
                else if (time <= LastDelivered)
                {
                    symbol.FirstReport(time);
                    _feed.LogLate(symbol.Symbol, Interval, Interval.Format(time), Interval.Format(LastDelivered));
                }
                else
                {
                    Add(symbol, bar);
                }
            }
        }

        /// <summary>The oldest waiting slice, if it may go out at <paramref name="now"/>: every symbol the provider knows
        /// has answered past its time, or its grace period is over.</summary>
        public bool TryTake(DateTime now, out BarSlice slice)
        {
            slice = null!;
            if (_pending.Count == 0)
            {
                return false;
            }

            var (time, pending) = First();
            if (now < Deadline(time) && !AllPast(time))
            {
                return false;
            }

            _pending.Remove(time);
            var row = new SymbolBar[pending.Count];
            var taken = 0;
            for (var s = 0; s < pending.Bars.Length; s++)
            {
                if (pending.Present[s])
                {
                    row[taken++] = new SymbolBar(Symbols[s].Symbol, pending.Bars[s]);
                }
            }

            LastDelivered = time;
            slice = BarSlice.Own(time, row);
            return true;
        }

        /// <summary>When to poll after a successful poll at <paramref name="polled"/>: soon while the latest complete
        /// bar is owed by a symbol and within its grace period, else when the calendar's next bar completes.</summary>
        public DateTime NextPoll(DateTime polled, DateTime now)
        {
            var soonest = polled + _feed._options.PollInterval;
            var latest = _schedule.LatestCompleteAt(now);
            if (now < Deadline(latest) && !AllPast(latest))
            {
                return soonest;
            }

            var next = _schedule.CompleteAt(_schedule.NextAfter(latest > LastDelivered ? latest : LastDelivered));
            return next > soonest ? next : soonest;
        }

        private DateTime Deadline(DateTime time) => _schedule.CompleteAt(time) + _feed._options.GracePeriod;

        /// <summary>True when every symbol the provider knows has a bar at or after <paramref name="time"/>.</summary>
        private bool AllPast(DateTime time)
        {
            foreach (var symbol in Symbols)
            {
                if (!symbol.NoData && symbol.Cursor < time)
                {
                    return false;
                }
            }

            return true;
        }

        private KeyValuePair<DateTime, PendingSlice> First()
        {
            using var e = _pending.GetEnumerator();
            e.MoveNext();
            return e.Current;
        }

        private void Add(PolledSymbol symbol, Bar bar)
        {
            if (!_pending.TryGetValue(bar.Time, out var pending))
            {
                pending = new PendingSlice(Symbols.Length);
                _pending.Add(bar.Time, pending);
            }

            pending.Bars[symbol.Index] = bar;
            pending.Present[symbol.Index] = true;
            pending.Count++;
        }

        /// <summary>A bar at or before the symbol's latest: sent again, too late for its slice, or out of order.</summary>
        private void DropRepeated(PolledSymbol symbol, DateTime time)
        {
            var again = symbol.Seen(time);
            if (!symbol.FirstReport(time))
            {
                return;
            }

            var at = Interval.Format(time);
            if (again)
            {
                _feed.LogDuplicate(symbol.Symbol, Interval, at);
            }
            else if (time <= LastDelivered)
            {
                _feed.LogLate(symbol.Symbol, Interval, at, Interval.Format(LastDelivered));
            }
            else
            {
                _feed.LogOutOfOrder(symbol.Symbol, Interval, at, Interval.Format(symbol.Cursor));
            }
        }

        private void ReportGap(PolledSymbol symbol, DateTime time)
        {
            var count = 0;
            DateTime first = default, last = default;
            foreach (var expected in _schedule.Between(symbol.Cursor, time))
            {
                if (count++ == 0)
                {
                    first = expected;
                }

                last = expected;
            }

            if (count > 0)
            {
                _feed.LogGap(symbol.Symbol, Interval, count, Interval.Format(first), Interval.Format(last), Interval.Format(time));
            }
        }
    }

    /// <summary>The bars come so far for one time, by symbol index.</summary>
    private sealed class PendingSlice(int symbols)
    {
        public Bar[] Bars { get; } = new Bar[symbols];

        public bool[] Present { get; } = new bool[symbols];

        public int Count { get; set; }
    }
}
