using Trading.Domain;

namespace Trading.Risk;

/// <summary>What pre-trade risk follows over time: the session's daily loss and the order rate.</summary>
public sealed partial class PreTradeRisk
{
    /// <summary>The session the daily loss is measured in; null before the first observation, and always without a
    /// daily loss limit.</summary>
    public DateOnly? Session { get; private set; }

    /// <summary>Equity when <see cref="Session"/> was first observed.</summary>
    public decimal? SessionStartEquity { get; private set; }

    /// <summary>True once equity has fallen more than the daily loss limit below the session's start, until the next
    /// session: only orders that reduce a position are accepted meanwhile.</summary>
    public bool IsDailyLossLimitHit => _lossLimitHitEquity is not null;

    private decimal? _lossLimitHitEquity;
    private DateTime? _lossLimitHitAt;

    /// <summary>Follows the account at <paramref name="time"/>: the first time seen in a session takes its equity as
    /// the session's start, and a loss beyond the daily loss limit stops new risk for the rest of the session. The
    /// node calls this at every step; <see cref="Check"/> and <see cref="OrdersToCancel"/> call it too.</summary>
    /// <remarks>A time in an earlier session than the one followed (a clock stepping back) changes nothing: the day
    /// never restarts early.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The calendar has no session for <paramref name="time"/>.</exception>
    public void Observe(IRiskAccount account, DateTime time)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (Limits.DailyLossLimit is not { } limit)
        {
            return;
        }

        var session = _calendar.SessionOf(time);
        var equity = account.Equity;
        if (Session is not { } current || session > current)
        {
            Session = session;
            SessionStartEquity = equity;
            _lossLimitHitEquity = null;
            _lossLimitHitAt = null;
        }

        if (_lossLimitHitEquity is null && Loss(SessionStartEquity!.Value, equity) > limit)
        {
            _lossLimitHitEquity = equity;
            _lossLimitHitAt = time;
        }
    }

    /// <summary>How far <paramref name="equity"/> is below <paramref name="start"/>; a difference beyond decimal's range
    /// counts as the largest loss when equity is lower (fail closed) and as none otherwise.</summary>
    private static decimal Loss(decimal start, decimal equity)
    {
        try
        {
            return start - equity;
        }
        catch (OverflowException)
        {
            return equity < start ? decimal.MaxValue : decimal.MinValue;
        }
    }

    private string DailyLossMessage(OrderRequest order, Exposure before)
    {
        var limit = Limits.DailyLossLimit!.Value;
        var start = SessionStartEquity!.Value;
        var hit = _lossLimitHitEquity!.Value;
        var message = $"the daily loss limit {Money(limit)} was passed this session ({Session!.Value:yyyy-MM-dd}): equity was {Money(hit)} at {Time(_lossLimitHitAt!.Value)}, {Money(Loss(start, hit))} below the session's starting {Money(start)}; until the next session only orders that reduce a position are accepted";
        var working = before.Working(order.Side);
        if (before.Held != 0 && (before.Held > 0) == (order.Side == OrderSide.Sell))
        {
            // It would reduce, but not with the orders already working on its side: together they could flip the position.
            message += $" (this {Describe(order)} and the {Shares(working)} on working {Side(order.Side)} orders would go beyond the {(before.Held > 0 ? "long" : "short")} {Shares(Math.Abs(before.Held))} held)";
        }

        return message;
    }

    /// <summary>Why one more order at <paramref name="time"/> would be over the rate limit; null when it is not.</summary>
    private string? RateRefusal(DateTime time)
    {
        if (Limits.MaxOrdersPerWindow is not { } max)
        {
            return null;
        }

        var window = TimeSpan.FromSeconds(Limits.RateWindowSeconds);
        var windowStart = time - window;
        while (_recentOrders.Count > 0 && _recentOrders.Peek() <= windowStart)
        {
            _recentOrders.Dequeue();
        }

        if (_recentOrders.Count < max)
        {
            return null;
        }

        // The order that has to leave the window before another fits (more than the limit after the limit was lowered).
        var leaving = _recentOrders.ElementAt(_recentOrders.Count - max);
        var count = _recentOrders.Count;
        return $"{count:N0} order{(count == 1 ? string.Empty : "s")} accepted in the last {Limits.RateWindowSeconds:N0} seconds already, and the maximum is {max:N0} per {Limits.RateWindowSeconds:N0} seconds; the next can go at {Time(leaving + window)}";
    }

    private void Record(DateTime time)
    {
        if (Limits.MaxOrdersPerWindow is not { } max)
        {
            return;
        }

        _recentOrders.Enqueue(time);
        while (_recentOrders.Count > max)
        {
            _recentOrders.Dequeue();
        }
    }
}
