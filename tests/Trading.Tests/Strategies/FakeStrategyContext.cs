using Trading.Accounting;
using Trading.Domain;
using Trading.Execution;
using Trading.Strategies;

namespace Trading.Tests.Strategies;

/// <summary>An order a strategy submitted, with the index of the bar (of its symbol) it was decided on.</summary>
internal sealed record SubmittedOrder(int Symbol, int Bar, OrderRequest Request)
{
    public OrderSide Side => Request.Side;

    public decimal Quantity => Request.Quantity;
}

/// <summary>A tiny market for strategy tests: hand-made bars go in one time step at a time, market orders fill at
/// the next bar's open of their symbol (all at once, no costs), and every submitted order is recorded.</summary>
/// <remarks>History() throws: the built-ins must read bars through Bar(symbol, 0) and their own indicators.</remarks>
internal sealed class FakeStrategyContext : IStrategyContext
{
    private readonly IStrategy _strategy;
    private readonly List<Bar>[] _bars;
    private readonly decimal[] _positions;
    private readonly List<OrderTicket>[] _working;
    private long _nextOrderId = 1;

    public FakeStrategyContext(IStrategy strategy, params string[] symbols)
    {
        _strategy = strategy;
        Symbols = [.. symbols.Select(Symbol.Parse)];
        _bars = [.. symbols.Select(_ => new List<Bar>(200_000))];
        _positions = new decimal[symbols.Length];
        _working = [.. symbols.Select(_ => new List<OrderTicket>())];
        Time = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        strategy.Initialize(this);
    }

    /// <summary>Whether working orders fill at the next bar's open (false leaves them working forever).</summary>
    public bool Fills { get; set; } = true;

    /// <summary>Whether buy orders are rejected at the next bar instead of filling (as a cash account would).</summary>
    public bool RejectBuys { get; set; }

    public List<SubmittedOrder> Orders { get; } = [];

    public List<string> Warnings { get; } = [];

    public DateTime Time { get; private set; }

    public IReadOnlyList<Symbol> Symbols { get; }

    public decimal Cash { get; set; } = 100_000m;

    public decimal Equity
    {
        get
        {
            var equity = Cash;
            for (var i = 0; i < _positions.Length; i++)
            {
                if (_positions[i] != 0)
                {
                    equity += _positions[i] * (decimal)_bars[i][^1].Close;
                }
            }

            return equity;
        }
    }

    /// <summary>What <see cref="ApproximateEquity"/> answers instead of <see cref="Equity"/>, when set.</summary>
    public ApproximateEquity? Approximation { get; set; }

    public ApproximateEquity ApproximateEquity => Approximation ?? ApproximateEquity.Of(Equity);

    /// <summary>Runs a single-symbol universe over <paramref name="closes"/> (open = high = low = close).</summary>
    public void Run(params double[] closes)
    {
        foreach (var close in closes)
        {
            Step(close);
        }
    }

    /// <summary>One time step: a bar per symbol at the given close, NaN for a symbol with no bar at this time.</summary>
    public void Step(params double[] closes)
    {
        Time = Time.AddDays(1);
        for (var symbol = 0; symbol < closes.Length; symbol++)
        {
            var close = closes[symbol];
            if (!double.IsNaN(close))
            {
                Feed(symbol, new Bar(Time, close, close, close, close, 1000));
            }
        }
    }

    /// <summary>Before the strategy sees <paramref name="bar"/>, orders working from earlier bars fill at its open.</summary>
    public void Feed(int symbol, Bar bar)
    {
        _bars[symbol].Add(bar);
        var working = _working[symbol];
        if (Fills && working.Count > 0)
        {
            for (var i = 0; i < working.Count; i++)
            {
                Settle(symbol, working[i], (decimal)bar.Open);
            }

            working.Clear();
        }

        _strategy.OnBar(this, symbol);
    }

    public decimal PositionOf(string symbol) => _positions[IndexOf(Symbol.Parse(symbol))];

    public int IndexOf(Symbol symbol)
    {
        for (var i = 0; i < Symbols.Count; i++)
        {
            if (Symbols[i] == symbol)
            {
                return i;
            }
        }

        return -1;
    }

    public int BarCount(int symbol) => _bars[symbol].Count;

    public Bar Bar(int symbol, int barsAgo = 0) => _bars[symbol][_bars[symbol].Count - 1 - barsAgo];

    public BarSeries History(int symbol) => throw new NotSupportedException("The built-ins must not call History() per bar; they keep streaming indicators.");

    public decimal Position(int symbol) => _positions[symbol];

    public IReadOnlyList<OrderTicket> WorkingOrders(int symbol) => _working[symbol];

    public OrderTicket Submit(OrderRequest order)
    {
        var symbol = IndexOf(order.Symbol);
        var ticket = new OrderTicket(_nextOrderId++, order, Time) { Status = OrderStatus.Accepted };
        _working[symbol].Add(ticket);
        Orders.Add(new SubmittedOrder(symbol, _bars[symbol].Count - 1, order));
        return ticket;
    }

    public bool Cancel(long orderId)
    {
        foreach (var working in _working)
        {
            for (var i = 0; i < working.Count; i++)
            {
                if (working[i].Id == orderId)
                {
                    working[i].Status = OrderStatus.Cancelled;
                    working.RemoveAt(i);
                    return true;
                }
            }
        }

        return false;
    }

    public Bracket SubmitBracket(OrderRequest entry, decimal takeProfit, decimal stopLoss) => throw new NotSupportedException();

    public (OrderTicket First, OrderTicket Second) SubmitOneCancelsOther(OrderRequest first, OrderRequest second) => throw new NotSupportedException();

    public OrderTicket Replace(long orderId, OrderChange change) => throw new NotSupportedException();

    public void Warn(string message) => Warnings.Add(message);

    private void Settle(int symbol, OrderTicket ticket, decimal price)
    {
        var request = ticket.Request;
        if (RejectBuys && request.Side == OrderSide.Buy)
        {
            ticket.Status = OrderStatus.Rejected;
            _strategy.OnOrderEvent(this, new OrderEvent(ticket.Id, Time, OrderStatus.Rejected, Reason: "test rejects buys"));
            return;
        }

        var signed = request.Side == OrderSide.Buy ? request.Quantity : -request.Quantity;
        _positions[symbol] += signed;
        Cash -= signed * price;
        ticket.Status = OrderStatus.Filled;
        ticket.FilledQuantity = request.Quantity;
        ticket.AverageFillPrice = price;
        _strategy.OnOrderEvent(this, new OrderEvent(ticket.Id, Time, OrderStatus.Filled, request.Quantity, price));
    }
}
