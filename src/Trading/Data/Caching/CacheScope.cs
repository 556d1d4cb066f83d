using Trading.Domain;

namespace Trading.Data.Caching;

/// <summary>What one write makes stale: the reads of one symbol (its bars in every interval and its corporate
/// actions), or the list of series, which every write may change.</summary>
public readonly record struct CacheScope
{
    private CacheScope(Symbol? symbol) => Symbol = symbol;

    /// <summary>The list of series.</summary>
    public static CacheScope List { get; } = new(null);

    /// <summary>The symbol whose reads this scope holds; null for the list.</summary>
    public Symbol? Symbol { get; }

    public static CacheScope Of(Symbol symbol) => new(symbol);

    /// <summary>The scope's name in a shared cache's keys: <c>list</c>, or <c>symbol:AAPL</c>.</summary>
    public override string ToString() => Symbol is { } s ? $"symbol:{s.Value}" : "list";
}
