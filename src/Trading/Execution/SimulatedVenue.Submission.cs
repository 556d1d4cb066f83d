using Trading.Domain;

namespace Trading.Execution;

/// <summary>Submission: orders, pairs and brackets are checked, funded and admitted.</summary>
public sealed partial class SimulatedVenue
{
    private static readonly decimal SmallestPrice = (decimal)BarPrice.Smallest;
    private static readonly decimal LargestPrice = (decimal)BarPrice.Largest;

    /// <summary>Accepts the order, or rejects it with the account's reason. The order can fill from the first bar
    /// stamped after <paramref name="time"/>; <paramref name="referencePrice"/> (the latest close) prices market and
    /// trailing orders for the account's check and starts a trailing stop's trail.</summary>
    /// <exception cref="ArgumentException">The order is malformed (a limit order without a limit price, ...).</exception>
    public OrderTicket Submit(OrderRequest order, DateTime time, decimal referencePrice)
    {
        Validate(order, referencePrice);
        if (Seen(order) is { } seen)
        {
            return seen;
        }

        var ticket = Create(order, time, referencePrice);
        Admit(ticket, time, CommittedCash());
        return ticket;
    }

    /// <summary><see cref="Submit(OrderRequest, DateTime, decimal)"/> for a caller that knows the order's symbol as
    /// <paramref name="symbolIndex"/> in the universe the venue was constructed with: its book needs no lookup.</summary>
    public OrderTicket Submit(OrderRequest order, DateTime time, decimal referencePrice, int symbolIndex)
    {
        Validate(order, referencePrice);
        if (Seen(order) is { } seen)
        {
            return seen;
        }

        var ticket = Create(order, time, referencePrice);
        if (symbolIndex < _bookByIndex.Length && _bookByIndex[symbolIndex].Symbol == order.Symbol)
        {
            ticket.Book = _bookByIndex[symbolIndex];
        }

        Admit(ticket, time, CommittedCash());
        return ticket;
    }

    /// <summary>Two orders on one symbol of which only one may trade: the first fill (even partial) of either
    /// cancels the other, and so does the rejection of either.</summary>
    public (OrderTicket First, OrderTicket Second) SubmitOneCancelsOther(OrderRequest first, OrderRequest second, DateTime time, decimal referencePrice)
    {
        Validate(first, referencePrice);
        Validate(second, referencePrice);
        if (first.Symbol != second.Symbol)
        {
            throw new ArgumentException($"Both orders of a one-cancels-other pair must be on one symbol (one reference price); got {first.Symbol} and {second.Symbol}.", nameof(second));
        }

        var a = Create(first, time, referencePrice);
        var b = Create(second, time, referencePrice);
        OneCancelsOtherLink.Join(a, b);

        // Only one of the two can ever fill, so each is checked against what other orders promise, not its sibling.
        var committed = CommittedCash();
        Admit(a, time, committed);
        if (b.Status == OrderStatus.Submitted)
        {
            Admit(b, time, committed);
        }

        return (a, b);
    }

    /// <summary>An entry with a take-profit limit and a stop-loss stop on the other side, one-cancels-other with each
    /// other. The exits wait in Submitted; each fill of the entry sizes them to what the entry has filled in all and
    /// accepts them; if the entry dies without a fill they are cancelled.</summary>
    /// <exception cref="ArgumentException">The take-profit is not beyond the stop-loss in the entry's favour.</exception>
    public Bracket SubmitBracket(OrderRequest entry, decimal takeProfit, decimal stopLoss, DateTime time, decimal referencePrice)
    {
        Validate(entry, referencePrice);
        if (takeProfit <= 0 || stopLoss <= 0)
        {
            throw new ArgumentOutOfRangeException(takeProfit <= 0 ? nameof(takeProfit) : nameof(stopLoss), $"A bracket's take-profit and stop-loss must be positive prices; got {takeProfit} and {stopLoss}.");
        }

        var buy = entry.Side == OrderSide.Buy;
        if (buy ? takeProfit <= stopLoss : takeProfit >= stopLoss)
        {
            throw new ArgumentException(
                buy
                    ? $"A long bracket's take-profit ({takeProfit}) must be above its stop-loss ({stopLoss})."
                    : $"A short bracket's take-profit ({takeProfit}) must be below its stop-loss ({stopLoss}).",
                nameof(takeProfit));
        }

        var exitSide = buy ? OrderSide.Sell : OrderSide.Buy;
        var entryTicket = Create(entry, time, referencePrice);
        var profit = Create(OrderRequest.Limit(entry.Symbol, exitSide, entry.Quantity, takeProfit) with { Tag = "take-profit" }, time, referencePrice);
        var loss = Create(OrderRequest.Stop(entry.Symbol, exitSide, entry.Quantity, stopLoss) with { Tag = "stop-loss" }, time, referencePrice);
        profit.Parent = entryTicket;
        loss.Parent = entryTicket;
        OneCancelsOtherLink.Join(profit, loss);
        var bracket = new Bracket(entryTicket, profit, loss);
        entryTicket.Bracket = bracket;
        _waiting.Add(profit);
        _waiting.Add(loss);
        Admit(entryTicket, time, CommittedCash());
        return bracket;
    }

    /// <summary>Refuses a malformed order, or one whose prices or size the ledger could not account for, before any
    /// ticket exists: a refused submission changes nothing.</summary>
    private static void Validate(OrderRequest order, decimal referencePrice)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (referencePrice <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(referencePrice), referencePrice, $"The reference price of {order.Symbol} must be positive; got {referencePrice}.");
        }

        var needsLimit = order.Type is OrderType.Limit or OrderType.StopLimit;
        var needsStop = order.Type is OrderType.Stop or OrderType.StopLimit;
        var problem = order switch
        {
            { Quantity: <= 0 } => $"its quantity must be positive; got {order.Quantity}",
            _ when !Enum.IsDefined(order.Type) => $"its type {order.Type} is unknown",
            _ when needsLimit != order.LimitPrice.HasValue => needsLimit ? "it needs a limit price" : "only limit and stop-limit orders have a limit price",
            _ when needsStop != order.StopPrice.HasValue => needsStop ? "it needs a stop price" : "only stop and stop-limit orders have a stop price",
            { LimitPrice: <= 0 } or { StopPrice: <= 0 } => "its prices must be positive",
            { Type: OrderType.TrailingStop } when order.TrailAmount.HasValue == order.TrailPercent.HasValue => "a trailing stop needs either a trail amount or a trail percentage",
            { Type: not OrderType.TrailingStop } when order.TrailAmount.HasValue || order.TrailPercent.HasValue => "only trailing stops have a trail",
            { TrailAmount: <= 0 } => "its trail amount must be positive",
            { TrailPercent: <= 0 or >= 1 } => "its trail percentage must be a fraction between 0 and 1",
            _ when !Enum.IsDefined(order.TimeInForce) => $"its time in force {order.TimeInForce} is unknown",
            { ClientOrderId: { } id } when !OrderRequest.IsClientOrderId(id) => "its client order id must be 1 to 64 letters, digits, '.', '_', ':' or '-'",
            _ => null,
        };
        if (problem is not null)
        {
            throw new ArgumentException($"The order {order} is malformed: {problem}.", nameof(order));
        }

        CheckRange(order, referencePrice);
    }

    /// <summary>Every amount the venue and the ledger will compute from the order (quantity times a price, a trail
    /// from the reference price) stays inside decimal's range when the quantity and each price are inside theirs.</summary>
    private static void CheckRange(OrderRequest order, decimal referencePrice)
    {
        if (order.Quantity > OrderRequest.MaxQuantity)
        {
            throw new MoneyRangeException(order.Symbol, $"An order of {order.Symbol} for {order.Quantity} shares is more than one order may carry ({OrderRequest.MaxQuantity:0.#E+0}).");
        }

        if (referencePrice < SmallestPrice || referencePrice > LargestPrice)
        {
            throw new MoneyRangeException(order.Symbol, $"{order.Symbol}'s price of {referencePrice} is outside the prices the venue accounts for ({SmallestPrice:0.#E+0} to {LargestPrice:0.#E+0}); the order cannot be checked against it.");
        }

        CheckPrice(order, "limit price", order.LimitPrice);
        CheckPrice(order, "stop price", order.StopPrice);
        CheckPrice(order, "trail amount", order.TrailAmount);
    }

    private static void CheckPrice(OrderRequest order, string name, decimal? price)
    {
        if (price > LargestPrice)
        {
            throw new MoneyRangeException(order.Symbol, $"The {name} of {price} on {order.Symbol} is above the largest price the venue accounts for ({LargestPrice:0.#E+0}).");
        }
    }

    /// <summary>What an order is expected to cost per share: its limit, else its stop, else the reference price.</summary>
    private static decimal EstimatedPrice(OrderRequest order, decimal referencePrice) =>
        order.LimitPrice ?? order.StopPrice ?? referencePrice;

    private static decimal EstimatedPrice(OrderTicket ticket) => EstimatedPrice(ticket.Request, ticket.ReferencePrice);

    private OrderTicket Create(OrderRequest order, DateTime time, decimal referencePrice)
    {
        var number = _orders.Count + 1;
        var ticket = new OrderTicket(number, order, time)
        {
            ReferencePrice = referencePrice,
            ClientOrderId = order.ClientOrderId ?? (_settings.ClientOrderIdPrefix is { } prefix ? prefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
        };
        if (ticket.ClientOrderId is { } id && !(_byClientOrderId ??= new(StringComparer.Ordinal)).TryAdd(id, ticket))
        {
            throw new ArgumentException($"An order with client order id '{id}' exists already (#{_byClientOrderId[id].Id}).", nameof(order));
        }

        _orders.Add(ticket);
        return ticket;
    }

    /// <summary>The order submitted before under <paramref name="order"/>'s client order id: the same order, sent
    /// again by a client that could not know whether the first went through.</summary>
    private OrderTicket? Seen(OrderRequest order) =>
        order.ClientOrderId is { } id && _byClientOrderId is not null && _byClientOrderId.TryGetValue(id, out var ticket) ? ticket : null;

    private void Admit(OrderTicket ticket, DateTime time, decimal committedCash)
    {
        var refusal = _funding.CheckOrder(ticket.Request, EstimatedPrice(ticket), committedCash);
        if (refusal is not null)
        {
            _machine.Reject(ticket, time, refusal);
            return;
        }

        Accept(ticket, time);
    }

    private void Accept(OrderTicket ticket, DateTime time)
    {
        if (ticket.Request.Type == OrderType.TrailingStop)
        {
            BarFillRules.StartTrail(ticket, ticket.ReferencePrice);
        }

        _machine.Accept(ticket, time);
    }

    /// <summary>Cash the working buy orders promise: remaining quantity × limit, stop or reference price. Of a
    /// one-cancels-other pair of buys only the dearer counts, since only one can fill. Commissions are left to the
    /// account's own check.</summary>
    /// <remarks>Without pairs this is the running total, which every change of an order keeps (see
    /// <see cref="Repromise"/>); pairs, and leaving one order out, take a rescan of the books.</remarks>
    private decimal CommittedCash(OrderTicket? except = null)
    {
        if (except is null && _workingPaired == 0)
        {
            return _cashPromised;
        }

        var committed = 0m;
        foreach (var book in ActiveBooks())
        {
            foreach (var ticket in book.Working)
            {
                if (ticket.Request.Side != OrderSide.Buy || ticket == except)
                {
                    continue;
                }

                var promise = ticket.RemainingQuantity * EstimatedPrice(ticket);
                if (ticket.OneCancelsOther is { } other && other != except && other.Status.IsWorking() && other.Request.Side == OrderSide.Buy)
                {
                    if (other.Id < ticket.Id)
                    {
                        continue;
                    }

                    promise = Math.Max(promise, other.RemainingQuantity * EstimatedPrice(other));
                }

                committed += promise;
            }
        }

        return committed;
    }

    /// <summary>Brings the order's part of the running total of promised cash up to date after a change of its
    /// status, quantity or prices.</summary>
    private void Repromise(OrderTicket ticket)
    {
        var promise = ticket.Status.IsWorking() && ticket.Request.Side == OrderSide.Buy && ticket.OneCancelsOtherLink is null
            ? ticket.RemainingQuantity * EstimatedPrice(ticket)
            : 0m;
        if (promise == ticket.CashPromised)
        {
            return;
        }

        // With no working order the total is zero by definition: start it afresh rather than carry a remainder.
        _cashPromised = _workingCount == 0 ? 0m : _cashPromised + promise - ticket.CashPromised;
        ticket.CashPromised = promise;
    }
}
