using Trading.Domain;

namespace Trading.Execution;

/// <summary>Where an order meets an OHLC bar: the price a fill rule chooses, before slippage. An OHLC bar does not
/// say in which order its high and low traded, so where a rule must guess it guesses against the trader.</summary>
/// <remarks>
/// <para>Only bars stamped strictly after the order's submission meet it (see <see cref="SimulatedVenue"/>).</para>
/// <list type="bullet">
/// <item><b>Market</b>: the bar's open. <b>Market-on-open</b>: the open of the first bar of a later session (a UTC
/// date) than the submission's; with daily bars that is the next bar's open. <b>Market-on-close</b>: the bar's close.</item>
/// <item><b>Limit buy</b>: fills when low ≤ limit, at min(open, limit): a bar that opens below the limit (a gap
/// down through it) fills at the open, otherwise at the limit. <b>Limit sell</b>: when high ≥ limit, at
/// max(open, limit).</item>
/// <item><b>Stop buy</b>: triggers when high ≥ stop and fills at max(open, stop): a gap up through the stop fills
/// at the open, not the stop. <b>Stop sell</b>: triggers when low ≤ stop, fills at min(open, stop). A triggered stop
/// is a market order: a remainder left by the volume cap fills at the following bars' opens.</item>
/// <item><b>Stop-limit</b>: triggers like a stop, at the trigger price t = max(open, stop) for a buy, min(open, stop)
/// for a sell. On the trigger bar it fills at t only if t is within the limit (buy: t ≤ limit; sell: t ≥ limit).
/// Otherwise (a gap through the stop beyond the limit, or a limit set beyond the stop) it does not fill on that bar,
/// even if the bar later came back to the limit: we cannot know that it did so after the trigger. From the next bar
/// on it is a limit order (rules above).</item>
/// <item><b>Trailing stop</b>: a stop whose level follows the best price since acceptance, starting from the
/// reference price at submission: for a sell, level = best high − amount or best high × (1 − percent); for a buy,
/// best low + amount or best low × (1 + percent). Each bar is first checked against the level set by earlier bars,
/// and only then may its own high (sell) or low (buy) move the level: a bar cannot raise a stop and hit it, since
/// its low may have come before its high. The level only moves in the trader's favour.</item>
/// </list>
/// <para>Bar prices are doubles; a chosen price becomes a decimal as (decimal)double makes it (see
/// <see cref="BarPrice"/>), keeping the 15 significant digits a double holds (100.1 stays 100.1). Slippage then
/// moves the price against the trader; for limit and stop-limit orders never beyond the limit, which is the one
/// promise a limit order makes.</para>
/// </remarks>
internal static class BarFillRules
{
    /// <summary>The price at which <paramref name="ticket"/> fills on <paramref name="bar"/>, or null;
    /// <paramref name="triggers"/> says whether the bar reaches a stop not triggered before. Changes nothing.</summary>
    public static decimal? Price(OrderTicket ticket, in BarView bar, out bool triggers)
    {
        triggers = false;
        var order = ticket.Request;
        var buy = order.Side == OrderSide.Buy;
        var open = BarPrice.ToDecimal(bar.Open);
        switch (order.Type)
        {
            case OrderType.Market:
                return open;
            case OrderType.MarketOnOpen:
                return DateOnly.FromDateTime(bar.Time) > DateOnly.FromDateTime(ticket.EligibleAfter) ? open : null;
            case OrderType.MarketOnClose:
                return BarPrice.ToDecimal(bar.Close);
            case OrderType.Limit:
                return LimitPrice(buy, order.LimitPrice!.Value, in bar);
            case OrderType.Stop or OrderType.TrailingStop:
                if (ticket.StopTriggered)
                {
                    return open;
                }

                var stop = order.Type == OrderType.Stop ? order.StopPrice!.Value : ticket.TrailingStopPrice!.Value;
                var stopped = StopPrice(buy, stop, in bar);
                triggers = stopped is not null;
                return stopped;
            case OrderType.StopLimit:
                var limit = order.LimitPrice!.Value;
                if (ticket.StopTriggered)
                {
                    return LimitPrice(buy, limit, in bar);
                }

                var trigger = StopPrice(buy, order.StopPrice!.Value, in bar);
                if (trigger is not { } t)
                {
                    return null;
                }

                triggers = true;
                return (buy ? t <= limit : t >= limit) ? t : null;
            default:
                throw new InvalidOperationException($"Order #{ticket.Id} has an unknown type {order.Type}.");
        }
    }

    /// <summary>Moves a trailing stop's level by the bar's best price, after the bar has been checked against it.</summary>
    public static void Trail(OrderTicket ticket, in BarView bar)
    {
        if (ticket.Request.Type != OrderType.TrailingStop || ticket.StopTriggered)
        {
            return;
        }

        var buy = ticket.Request.Side == OrderSide.Buy;
        var extreme = BarPrice.ToDecimal(buy ? bar.Low : bar.High);
        if (buy ? extreme < ticket.TrailBestPrice : extreme > ticket.TrailBestPrice)
        {
            StartTrail(ticket, extreme);
        }
    }

    /// <summary>Sets a trailing stop's best price and the level that follows from it.</summary>
    public static void StartTrail(OrderTicket ticket, decimal best)
    {
        var order = ticket.Request;
        var buy = order.Side == OrderSide.Buy;
        ticket.TrailBestPrice = best;
        ticket.TrailingStopPrice = order.TrailAmount is { } amount
            ? (buy ? best + amount : best - amount)
            : (buy ? best * (1 + order.TrailPercent!.Value) : best * (1 - order.TrailPercent!.Value));
    }

    private static decimal? LimitPrice(bool buy, decimal limit, in BarView bar)
    {
        var open = BarPrice.ToDecimal(bar.Open);
        if (buy)
        {
            return BarPrice.ToDecimal(bar.Low) <= limit ? Math.Min(open, limit) : null;
        }

        return BarPrice.ToDecimal(bar.High) >= limit ? Math.Max(open, limit) : null;
    }

    private static decimal? StopPrice(bool buy, decimal stop, in BarView bar)
    {
        var open = BarPrice.ToDecimal(bar.Open);
        if (buy)
        {
            return BarPrice.ToDecimal(bar.High) >= stop ? Math.Max(open, stop) : null;
        }

        return BarPrice.ToDecimal(bar.Low) <= stop ? Math.Min(open, stop) : null;
    }
}
