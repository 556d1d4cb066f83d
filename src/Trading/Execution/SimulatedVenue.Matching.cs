using Trading.Domain;

namespace Trading.Execution;

/// <summary>Matching: working orders meet a bar, and fills are priced, charged, funded and booked.</summary>
public sealed partial class SimulatedVenue
{
    /// <summary>Matches the working orders of <paramref name="symbol"/> against its bar, in submission order, and
    /// appends their fills. Orders submitted at or after the bar's time do not meet it.</summary>
    public void OnBar(Symbol symbol, in Bar bar, ICollection<Fill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        NoteTime(bar.Time);
        if (_books.TryGetValue(symbol, out var book))
        {
            Meet(book, new BarView(bar), fills);
        }
    }

    /// <summary><see cref="OnBar(Symbol, in Bar, ICollection{Fill})"/> for the symbol at
    /// <paramref name="symbolIndex"/> of the universe the venue was constructed with.</summary>
    public void OnBar(int symbolIndex, in Bar bar, ICollection<Fill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        NoteTime(bar.Time);
        Meet(_bookByIndex[symbolIndex], new BarView(bar), fills);
    }

    /// <summary><see cref="OnBar(int, in Bar, ICollection{Fill})"/> with bar <paramref name="index"/> of
    /// <paramref name="series"/>, of which the orders read only the fields they need (see <see cref="BarView"/>).</summary>
    public void OnBar(int symbolIndex, BarSeries series, int index, ICollection<Fill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        var bar = new BarView(series, index);
        NoteTime(bar.Time);
        Meet(_bookByIndex[symbolIndex], in bar, fills);
    }

    private void Meet(Book book, in BarView bar, ICollection<Fill> fills)
    {
        if (book.Working.Count == 0)
        {
            return;
        }

        _scratch.Clear();
        _scratch.AddRange(book.Working);
        for (var i = 0; i < _scratch.Count; i++)
        {
            var ticket = _scratch[i];
            if (!ticket.Status.IsWorking() || bar.Time <= ticket.EligibleAfter)
            {
                continue;
            }

            if (SessionIsOver(ticket, bar.Time))
            {
                _machine.Expire(ticket, bar.Time, "day order: its session ended");
                continue;
            }

            NoteSession(ticket, bar.Time);
            Match(ticket, in bar, fills);
        }

        _scratch.Clear();
    }

    /// <summary>With <see cref="VenueSettings.FillOnSameBar"/>: fills market and market-on-close orders submitted at
    /// the bar's own time at its close. Otherwise does nothing.</summary>
    public void OnBarClose(Symbol symbol, in Bar bar, ICollection<Fill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        if (!_settings.FillOnSameBar || !_books.TryGetValue(symbol, out var book) || book.Working.Count == 0)
        {
            return;
        }

        var view = new BarView(bar);

        _scratch.Clear();
        _scratch.AddRange(book.Working);
        for (var i = 0; i < _scratch.Count; i++)
        {
            var ticket = _scratch[i];
            if (ticket.Status.IsWorking()
                && ticket.SubmittedAt == bar.Time
                && ticket.Request.Type is OrderType.Market or OrderType.MarketOnClose)
            {
                NoteSession(ticket, bar.Time);
                var quantity = FillableQuantity(ticket, in view);
                if (quantity > 0)
                {
                    Execute(ticket, bar.Time, BarPrice.ToDecimal(bar.Close), quantity, in view, fills);
                }
            }
        }

        _scratch.Clear();
    }

    /// <summary>A day order's one session is the date of the first bar it meets; only day orders have one (a replace
    /// cannot change an order's time in force).</summary>
    private static void NoteSession(OrderTicket ticket, DateTime time)
    {
        if (ticket.Request.TimeInForce == TimeInForce.Day)
        {
            ticket.Session ??= DateOnly.FromDateTime(time);
        }
    }

    private void Match(OrderTicket ticket, in BarView bar, ICollection<Fill> fills)
    {
        var chosen = BarFillRules.Price(ticket, in bar, out var triggers);
        if (triggers)
        {
            ticket.StopTriggered = true;
        }

        if (chosen is { } price && !SiblingGoesFirst(ticket, price, in bar))
        {
            var quantity = FillableQuantity(ticket, in bar);
            if (quantity > 0)
            {
                Execute(ticket, bar.Time, price, quantity, in bar, fills);
            }
        }

        if (ticket.Status.IsWorking())
        {
            BarFillRules.Trail(ticket, in bar);
        }
    }

    /// <summary>Whether the other order of a one-cancels-other pair, later in the queue, should take this bar
    /// instead: see the class remarks.</summary>
    private bool SiblingGoesFirst(OrderTicket ticket, decimal price, in BarView bar)
    {
        if (ticket.OneCancelsOther is not { } other
            || other.Id < ticket.Id
            || !other.Status.IsWorking()
            || other.Request.Symbol != ticket.Request.Symbol
            || bar.Time <= other.EligibleAfter
            || SessionIsOver(other, bar.Time)
            || FillableQuantity(other, in bar) == 0
            || BarFillRules.Price(other, in bar, out _) is not { } otherPrice)
        {
            return false;
        }

        var open = BarPrice.ToDecimal(bar.Open);
        if (price == open || otherPrice == open)
        {
            return price != open;
        }

        if (ticket.Request.Side != other.Request.Side)
        {
            return false;
        }

        return ticket.Request.Side == OrderSide.Buy ? otherPrice > price : otherPrice < price;
    }

    /// <summary>What remains, or under a volume cap at most floor(cap × bar volume) whole shares of it.</summary>
    private decimal FillableQuantity(OrderTicket ticket, in BarView bar)
    {
        var remaining = ticket.RemainingQuantity;
        if (_settings.MaxVolumeParticipation is not { } cap)
        {
            return remaining;
        }

        return Math.Min(remaining, Math.Floor(cap * (decimal)bar.Volume));
    }

    /// <summary>Fills <paramref name="quantity"/> at the rule's <paramref name="chosenPrice"/> after slippage and
    /// commission, or as much of it as the account can take; what it cannot take is cancelled.</summary>
    private void Execute(OrderTicket ticket, DateTime time, decimal chosenPrice, decimal quantity, in BarView bar, ICollection<Fill> fills)
    {
        var order = ticket.Request;
        var (price, commission) = PriceAndCommission(ticket, chosenPrice, quantity, in bar);
        var affordable = Math.Clamp(_funding.AffordableQuantity(order.Symbol, order.Side, quantity, price, commission), 0m, quantity);
        var shortfall = affordable < quantity
            ? $"insufficient cash at fill: {affordable} of {quantity} shares affordable at {price} (commission {commission})"
            : null;
        if (affordable > 0)
        {
            if (affordable < quantity)
            {
                // A smaller fill moves the price less and costs no more commission, so it stays affordable.
                (price, commission) = PriceAndCommission(ticket, chosenPrice, affordable, in bar);
            }

            var fill = new Fill(ticket.Id, time, order.Symbol, order.Side, affordable, price, commission);
            fills.Add(fill);
            _machine.Fill(ticket, fill);
        }

        if (shortfall is not null && ticket.Status.IsWorking())
        {
            _machine.Cancel(ticket, time, shortfall);
        }
    }

    private (decimal Price, decimal Commission) PriceAndCommission(OrderTicket ticket, decimal chosenPrice, decimal quantity, in BarView bar)
    {
        var order = ticket.Request;
        var buy = order.Side == OrderSide.Buy;
        // A model that does not read the bar (no slippage, fixed basis points) is not made to read four columns.
        var slippage = _settings.Slippage;
        var price = slippage.ReadsBar ? slippage.Apply(order.Side, chosenPrice, quantity, bar.ToBar()) : slippage.Apply(order.Side, chosenPrice, quantity, default);

        // Slippage only ever hurts, never past the bar's range (a price the bar did not trade cannot fill: backtrader's
        // slip_match), and never past a limit: the one promise a limit order makes. The cap reads one column, and only
        // when the price has moved, so a model that does not read the bar still costs no bar read for it.
        price = buy ? Math.Max(price, chosenPrice) : Math.Min(price, chosenPrice);
        if (price != chosenPrice)
        {
            price = buy
                ? Math.Min(price, Math.Max(BarPrice.ToDecimal(bar.High), chosenPrice))
                : Math.Max(price, Math.Min(BarPrice.ToDecimal(bar.Low), chosenPrice));
        }

        if (order.Type is OrderType.Limit or OrderType.StopLimit && order.LimitPrice is { } limit)
        {
            price = buy ? Math.Min(price, limit) : Math.Max(price, limit);
        }

        var commission = _settings.Commission.Commission(order, quantity, price, ticket.FilledQuantity == 0);
        return (price, commission);
    }
}
