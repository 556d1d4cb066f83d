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
/// <item><b>Stop-limit</b>: triggers like a stop. A bar that opens at or through the stop (buy: open ≥ stop; sell:
/// open ≤ stop) triggers it at the open, so the whole bar comes after the trigger and the order is a limit order on
/// that bar: a gap beyond both stop and limit that trades back through the limit fills at the limit, as in
/// backtrader. A bar that reaches the stop only inside its range triggers it at the stop, and fills there only if
/// the stop is within the limit (buy: stop ≤ limit; sell: stop ≥ limit): whether the rest of the range came before
/// or after the trigger is unknown. From the next bar on a triggered stop-limit is a limit order (rules above).</item>
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

                var stopLevel = order.StopPrice!.Value;
                if (StopPrice(buy, stopLevel, in bar) is null)
                {
                    return null;
                }

                triggers = true;
                if (buy ? open >= stopLevel : open <= stopLevel)
                {
                    // Triggered by the open: all of the bar came after the trigger, so all of it may meet the limit.
                    return LimitPrice(buy, limit, in bar);
                }

                // Triggered at the stop inside the bar: only the stop price itself is known to come after it.
                return (buy ? stopLevel <= limit : stopLevel >= limit) ? stopLevel : null;
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
