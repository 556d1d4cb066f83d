using System.Globalization;

namespace Trading.Portfolio;

/// <summary>The day an account's plan is decided as of, and why: the requested end date, but never after the
/// account's clock, so the ranking, its prices and its risk units see no bar the account has not reached.</summary>
/// <param name="Day">The last day whose bars the plan may read; null for the last stored bar.</param>
/// <param name="Reason">Which rule chose <paramref name="Day"/>, in words, for the answer that carries the plan.</param>
public sealed record DecisionDate(DateOnly? Day, string Reason)
{
    /// <summary>min(<paramref name="requestedEnd"/>, <paramref name="clock"/>), either of them absent.</summary>
    public static DecisionDate For(DateOnly? requestedEnd, DateOnly? clock) => (requestedEnd, clock) switch
    {
        (null, null) => new(null, "the account's clock is not set and there is no end_date: planned as of the last stored bar"),
        ({ } end, null) => new(end, $"the account's clock is not set: planned as of end_date {Text(end)}"),
        (null, { } now) => new(now, $"no end_date: planned as of the account's clock {Text(now)}"),
        ({ } end, { } now) when end > now => new(now, $"end_date {Text(end)} is after the account's clock {Text(now)}: planned as of the clock"),
        ({ } end, { } now) => new(end, $"end_date {Text(end)} is not after the account's clock {Text(now)}: planned as of end_date"),
    };

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
