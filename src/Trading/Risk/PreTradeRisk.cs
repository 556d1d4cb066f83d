using System.Globalization;
using Trading.Domain;

namespace Trading.Risk;

/// <summary>The checks a trading node runs on every order between the strategy and the venue: the kill switch, the
/// order rate, the order's value, the daily loss limit, the position per symbol and gross exposure. A refusal carries
/// a reason a trader reads, and becomes the order's rejected event (<see cref="RiskDecision.ToEvent"/>).</summary>
/// <remarks>
/// <para>How the limits are measured: the order is valued at the price it is checked at (its limit, else its stop,
/// else the latest close, as the venue estimates it), and so are the shares already held of its symbol; other
/// symbols at the account's latest prices. Working orders count as if they filled: the position limit counts those on
/// the order's side of its symbol, gross exposure takes each symbol at the larger of the positions its buys or its
/// sells could leave. Each limit is the largest value allowed (equal passes, a cent above is refused).</para>
/// <para>An order that only reduces a position (a sell of a long, a buy to cover a short, which together with the
/// working orders on its side closes no more than is held, so it cannot flip the position) passes the position,
/// exposure and daily loss checks: an account over a limit can always get back under it. It still needs the order
/// value and rate checks, and the kill switch refuses it too.</para>
/// <para>The daily loss limit does not halt the node. Once equity is more than the limit below the session's starting
/// equity, the rest of that session takes no new risk: orders that do not reduce a position are refused, and
/// <see cref="OrdersToCancel"/> names the working orders that do not either. A recovery later in the session does not
/// lift it; the next session (by the trading calendar, not UTC midnight) starts afresh from the equity first seen in
/// it. The node calls <see cref="Observe"/> at every step, so the session starts at its first step and a loss is
/// seen without waiting for an order.</para>
/// <para>The rate counts the orders this instance accepted (refused ones never reach the venue) within a sliding
/// window ending at the order's time: an order at t + window no longer sees one at t. Times are the engine's clock
/// (UTC), never the wall clock.</para>
/// <para>The kill switch: <see cref="Halt"/> refuses every new order until a person calls <see cref="Resume"/>; the
/// node then cancels what <see cref="OrdersToCancel"/> names (every working order). The halt, the session's equity
/// and the recent order times survive a restart through <see cref="Snapshot"/> and the constructor that takes it
/// back; to change limits, snapshot and construct again with the new ones.</para>
/// <para>Not thread-safe: a node checks its orders one at a time. Accepting an order records it for the rate, so the
/// caller sends on every order this accepts.</para>
/// </remarks>
public sealed partial class PreTradeRisk
{
    /// <summary>The longest halt reason or resumer's name kept: enough for a sentence, small enough for the record.</summary>
    public const int MaxTextLength = 1000;

    private static readonly decimal LargestPrice = (decimal)BarPrice.Largest;

    private readonly TradingCalendar _calendar;

    /// <summary>Accepted orders' times inside the rate window, oldest first; kept only with a rate limit.</summary>
    private readonly Queue<DateTime> _recentOrders = new();

    /// <param name="limits">The limits, checked: unusable ones throw, naming each problem.</param>
    /// <param name="calendar">The calendar whose sessions the daily loss is measured over.</param>
    /// <param name="state">What an earlier instance remembered (<see cref="Snapshot"/>); null for a fresh start.</param>
    /// <exception cref="ArgumentException">The limits are unusable, or the state contradicts itself.</exception>
    public PreTradeRisk(RiskLimits limits, TradingCalendar calendar, RiskState? state = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(calendar);
        limits.Validate();
        Limits = limits;
        _calendar = calendar;
        if (state is not null)
        {
            Restore(state);
        }
    }

    public RiskLimits Limits { get; }

    /// <summary>Accepts <paramref name="order"/> or refuses it with the first check it fails (in the order of
    /// <see cref="RiskCheck"/>). An accepted order is counted for the rate from then on.</summary>
    /// <param name="price">The price the order is valued at: the venue's estimate (its limit, else its stop, else the
    /// latest close). One that is not positive or beyond the largest price traded is refused, not trusted.</param>
    /// <param name="account">The account as it stands, working orders included (not this order).</param>
    /// <param name="time">The engine's time of the order (UTC).</param>
    public RiskDecision Check(OrderRequest order, decimal price, IRiskAccount account, DateTime time)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(account);
        if (IsHalted)
        {
            return RiskDecision.Refuse(RiskCheck.Halted, HaltMessage());
        }

        if (Unpriceable(order, price) is { } unpriceable)
        {
            return RiskDecision.Refuse(RiskCheck.Unvalued, unpriceable);
        }

        try
        {
            Observe(account, time);
        }
        catch (ArgumentOutOfRangeException error)
        {
            return RiskDecision.Refuse(RiskCheck.Unvalued, $"the order's time {Time(time)} is outside the trading calendar: {error.Message}");
        }
        catch (OverflowException)
        {
            return RiskDecision.Refuse(RiskCheck.Unvalued, "the account's equity cannot be measured: it is beyond the range of decimal amounts");
        }

        if (RateRefusal(time) is { } rate)
        {
            return RiskDecision.Refuse(RiskCheck.OrderRate, rate);
        }

        // At most 1e12 shares at 1e12: the product fits decimal's range many times over.
        var value = order.Quantity * price;
        if (Limits.MaxOrderValue is { } maxOrderValue && value > maxOrderValue)
        {
            return RiskDecision.Refuse(
                RiskCheck.OrderValue,
                $"order value {Money(value)} ({Describe(order)} at about {Price(price)}) is above the maximum order value {Money(maxOrderValue)}");
        }

        RiskDecision decision;
        try
        {
            decision = CheckExposure(order, price, account);
        }
        catch (OverflowException)
        {
            decision = RiskDecision.Refuse(RiskCheck.Unvalued, "the account's positions cannot be valued after this order: the amounts are beyond the range of decimal amounts");
        }

        if (decision.IsAccepted)
        {
            Record(time);
        }

        return decision;
    }

    /// <summary>The daily loss, position and gross exposure checks, which an order reducing a position passes.</summary>
    private RiskDecision CheckExposure(OrderRequest order, decimal price, IRiskAccount account)
    {
        if (Limits is { DailyLossLimit: null, MaxPositionValue: null, MaxGrossExposure: null })
        {
            return RiskDecision.Accept;
        }

        var exposures = Exposure.Of(account);
        var before = exposures.GetValueOrDefault(order.Symbol, new Exposure(account.QuantityOf(order.Symbol), 0m, 0m));
        if (before.IsReducedBy(order))
        {
            return RiskDecision.Accept;
        }

        if (IsDailyLossLimitHit)
        {
            return RiskDecision.Refuse(RiskCheck.DailyLoss, DailyLossMessage(order, before));
        }

        var after = before.With(order);
        if (Limits.MaxPositionValue is { } maxPosition)
        {
            var shares = after.Projected(order.Side);
            var positionValue = Math.Abs(shares) * price;
            if (positionValue > maxPosition)
            {
                var working = before.Working(order.Side);
                return RiskDecision.Refuse(
                    RiskCheck.PositionValue,
                    $"the {order.Symbol} position after the order would be worth {Money(positionValue)} ({(shares > 0 ? "long" : "short")} {Shares(Math.Abs(shares))} at about {Price(price)}"
                    + (working > 0 ? $", counting {Shares(working)} on working {Side(order.Side)} orders" : string.Empty)
                    + $"), above the maximum position value {Money(maxPosition)}");
            }
        }

        if (Limits.MaxGrossExposure is { } maxGross)
        {
            exposures[order.Symbol] = after;
            var gross = 0m;
            foreach (var (symbol, exposure) in exposures)
            {
                var shares = exposure.Largest;
                if (shares == 0)
                {
                    continue;
                }

                var symbolPrice = symbol == order.Symbol ? price : account.PriceOf(symbol);
                if (symbolPrice is not >= 0m)
                {
                    return RiskDecision.Refuse(
                        RiskCheck.Unvalued,
                        $"gross exposure cannot be valued: the account has no usable price for {symbol} ({(symbolPrice is { } p ? Price(p) : "none")}), which it holds or has working orders in");
                }

                gross += shares * symbolPrice.Value;
            }

            if (gross > maxGross)
            {
                return RiskDecision.Refuse(
                    RiskCheck.GrossExposure,
                    $"gross exposure after the order ({Describe(order)} at about {Price(price)}) would be {Money(gross)}, counting working orders as filled, above the maximum gross exposure {Money(maxGross)}");
            }
        }

        return RiskDecision.Accept;
    }

    /// <summary>Why the order cannot be valued at <paramref name="price"/>; null when it can.</summary>
    private static string? Unpriceable(OrderRequest order, decimal price)
    {
        if (order.Quantity > OrderRequest.MaxQuantity)
        {
            return $"order quantity {Shares(order.Quantity)} {order.Symbol} is above the most one order may carry ({Shares(OrderRequest.MaxQuantity)})";
        }

        if (price <= 0)
        {
            return $"the order cannot be valued: its estimated price for {order.Symbol} must be positive; got {Price(price)}";
        }

        return price > LargestPrice
            ? $"the order cannot be valued: its estimated price {Price(price)} for {order.Symbol} is above the largest price traded ({Price(LargestPrice)})"
            : null;
    }

    private static string Describe(OrderRequest order) => $"{Side(order.Side)} {Shares(order.Quantity)} {order.Symbol}";

    private static string Side(OrderSide side) => side == OrderSide.Buy ? "buy" : "sell";

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    private static string Price(decimal price) => price.ToString("#,0.00########", CultureInfo.InvariantCulture);

    private static string Shares(decimal quantity) => quantity.ToString("#,0.##########", CultureInfo.InvariantCulture);

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
