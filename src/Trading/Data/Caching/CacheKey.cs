using System.Globalization;
using Trading.Domain;

namespace Trading.Data.Caching;

/// <summary>One cached read: the question asked of the store, which names the answer in the cache.</summary>
public abstract record CacheKey
{
    private protected CacheKey()
    {
    }

    /// <summary>The writes that make this read stale.</summary>
    public abstract CacheScope Scope { get; }

    /// <summary>The key as text, for a shared cache; equal keys have equal text.</summary>
    public abstract string Text { get; }

    private protected static string Format(DateTime? time) =>
        time is { } t ? t.ToString("O", CultureInfo.InvariantCulture) : "*";

    private protected static string Format(DateOnly? date) =>
        date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "*";
}

/// <summary>The bars of one series between two times (null: open-ended).</summary>
public sealed record BarsCacheKey(Symbol Symbol, Interval Interval, DateTime? From, DateTime? To) : CacheKey
{
    public override CacheScope Scope => CacheScope.Of(Symbol);

    public override string Text => $"bars:{Symbol.Value}:{Interval.Code}:{Format(From)}:{Format(To)}";
}

/// <summary>The corporate actions of one symbol between two dates (null: open-ended).</summary>
public sealed record ActionsCacheKey(Symbol Symbol, DateOnly? From, DateOnly? To) : CacheKey
{
    public override CacheScope Scope => CacheScope.Of(Symbol);

    public override string Text => $"actions:{Symbol.Value}:{Format(From)}:{Format(To)}";
}

/// <summary>The list of stored series.</summary>
public sealed record ListCacheKey : CacheKey
{
    public static ListCacheKey Instance { get; } = new();

    public override CacheScope Scope => CacheScope.List;

    public override string Text => "list";
}
