using Trading.Domain;

namespace Trading.Data;

/// <summary>What one poll of an <see cref="IMarketDataWriteWatch"/> found: the symbols whose bars or corporate actions
/// were written since the previous poll, or that the watch has lost track of the store.</summary>
public sealed record MarketDataWrites
{
    private MarketDataWrites(IReadOnlyCollection<Symbol> symbols, string? lostBecause, long notices)
    {
        Symbols = symbols;
        LostBecause = lostBecause;
        Notices = notices;
    }

    /// <summary>The symbols written since the previous poll; empty when nothing was, or when the watch lost track.</summary>
    public IReadOnlyCollection<Symbol> Symbols { get; }

    /// <summary>Why the watch cannot say what was written (the store cannot be reached); null while it can. A reader
    /// must not trust what it cached until a poll answers again, with everything written in between.</summary>
    public string? LostBecause { get; }

    /// <summary>True when <see cref="Symbols"/> is all that was written since the previous poll.</summary>
    public bool IsKnown => LostBecause is null;

    /// <summary>The watch's <see cref="IMarketDataWriteWatch.Notices"/> that this answer accounts for.</summary>
    public long Notices { get; }

    public static MarketDataWrites Of(IReadOnlyCollection<Symbol> symbols, long notices = 0)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        return new(symbols, null, notices);
    }

    public static MarketDataWrites Lost(string reason, long notices = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new([], reason, notices);
    }

    /// <summary>The symbols a batch writes: those of its series with bars, and of its corporate actions.</summary>
    public static IReadOnlyCollection<Symbol> SymbolsOf(MarketDataBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var symbols = new HashSet<Symbol>();
        foreach (var series in batch.Series)
        {
            if (!series.IsEmpty)
            {
                symbols.Add(series.Symbol);
            }
        }

        foreach (var action in batch.Actions)
        {
            symbols.Add(action.Symbol);
        }

        return symbols;
    }
}
