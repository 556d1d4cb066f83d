using Trading.Domain;

namespace Trading.Feeds;

/// <summary>What a node asks a feed for: these symbols' bars at one interval, after a resume point.</summary>
public sealed class FeedRequest
{
    /// <summary>Refuses an empty list, a symbol given twice and a resume point that is not UTC.</summary>
    /// <param name="symbols">The symbols, in the order each slice lists their bars.</param>
    /// <param name="interval">The bar length.</param>
    /// <param name="after">Deliver only bar times strictly after this one (a resume point: the last slice a node
    /// processed); null starts where the feed starts (a replay's first stored bar, a poll's next complete bar).</param>
    public FeedRequest(IEnumerable<Symbol> symbols, Interval interval, DateTime? after = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var list = new List<Symbol>();
        var seen = new HashSet<Symbol>();
        foreach (var symbol in symbols)
        {
            if (symbol == default)
            {
                throw new ArgumentException("A feed request holds an uninitialised symbol.", nameof(symbols));
            }

            if (!seen.Add(symbol))
            {
                throw new ArgumentException($"A feed request names {symbol} twice; each symbol once.", nameof(symbols));
            }

            list.Add(symbol);
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("A feed request needs at least one symbol.", nameof(symbols));
        }

        if (after is { Kind: DateTimeKind.Local } local)
        {
            throw new ArgumentException(
                $"A feed's resume point is UTC, like every bar time; got the local time {local:O}.", nameof(after));
        }

        Symbols = list;
        Interval = interval;
        After = after is { } a ? DateTime.SpecifyKind(a, DateTimeKind.Utc) : null;
    }

    public IReadOnlyList<Symbol> Symbols { get; }

    public Interval Interval { get; }

    /// <summary>Only bar times strictly after this are delivered; null: from the feed's own start.</summary>
    public DateTime? After { get; }

    public override string ToString() =>
        $"{Interval} bars of {string.Join(", ", Symbols)}" + (After is { } after ? $" after {Interval.Format(after)}" : string.Empty);
}
