using Trading.Domain;

namespace Trading.Feeds;

/// <summary>What a polling feed knows of one symbol: how far its bars have come, and which bar times it has seen and
/// reported, so that a bar sent again is dropped with one log line however often it comes.</summary>
internal sealed class PolledSymbol(Symbol symbol, int index, DateTime start)
{
    /// <summary>Bar times remembered per symbol for telling a duplicate from an out-of-order bar; older ones are
    /// forgotten first. 1,024 is more than a day of minute bars, and bounds memory at 500 symbols to a few MB.</summary>
    private const int Memory = 1_024;

    private readonly RecentTimes _seen = new(Memory);
    private readonly RecentTimes _reported = new(Memory);

    public Symbol Symbol { get; } = symbol;

    /// <summary>Where the symbol stands in the request, and so in every slice.</summary>
    public int Index { get; } = index;

    /// <summary>The latest bar time received (delivered or dropped), or the feed's start: the next fetch starts after it.</summary>
    public DateTime Cursor { get; set; } = start;

    /// <summary>True while the provider says it has no data for the symbol: it is then not waited for.</summary>
    public bool NoData { get; private set; }

    /// <summary>Records a bar time as received; true when it had been received before.</summary>
    public bool Seen(DateTime time) => !_seen.Add(time);

    /// <summary>True the first time a dropped bar at <paramref name="time"/> is reported.</summary>
    public bool FirstReport(DateTime time) => _reported.Add(time);

    /// <summary>Flags the symbol as unknown to the provider; true when it was not flagged already.</summary>
    public bool MarkNoData()
    {
        var first = !NoData;
        NoData = true;
        return first;
    }

    public void Answered() => NoData = false;

    /// <summary>A set of the last <c>capacity</c> times added.</summary>
    private sealed class RecentTimes(int capacity)
    {
        private readonly HashSet<DateTime> _times = [];
        private readonly Queue<DateTime> _order = new();

        public bool Add(DateTime time)
        {
            if (!_times.Add(time))
            {
                return false;
            }

            _order.Enqueue(time);
            if (_order.Count > capacity)
            {
                _times.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
