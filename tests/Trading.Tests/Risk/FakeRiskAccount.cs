using Trading.Domain;
using Trading.Portfolio;
using Trading.Risk;

namespace Trading.Tests.Risk;

/// <summary>An account for risk tests: equity, positions with their prices and working orders, all set by the test.</summary>
internal sealed class FakeRiskAccount : IRiskAccount
{
    public static readonly Symbol Aaa = Symbol.Parse("AAA");
    public static readonly Symbol Bbb = Symbol.Parse("BBB");

    private readonly Dictionary<Symbol, decimal> _quantities = [];
    private readonly Dictionary<Symbol, decimal> _prices = [];
    private long _nextId = 1;

    public decimal Equity { get; set; } = 100_000m;

    public IReadOnlyCollection<Symbol> HeldSymbols => [.. _quantities.Where(p => p.Value != 0).Select(p => p.Key)];

    public List<WorkingOrder> Working { get; } = [];

    public IReadOnlyList<WorkingOrder> WorkingOrders => Working;

    public decimal QuantityOf(Symbol symbol) => _quantities.GetValueOrDefault(symbol);

    public decimal? PriceOf(Symbol symbol) => _prices.TryGetValue(symbol, out var price) ? price : null;

    /// <summary>Holds <paramref name="quantity"/> shares (negative: short) priced at <paramref name="price"/>.</summary>
    public FakeRiskAccount Hold(Symbol symbol, decimal quantity, decimal price)
    {
        _quantities[symbol] = quantity;
        _prices[symbol] = price;
        return this;
    }

    public FakeRiskAccount Price(Symbol symbol, decimal price)
    {
        _prices[symbol] = price;
        return this;
    }

    /// <summary>Adds a working limit order with <paramref name="remaining"/> shares left; returns its id.</summary>
    public long Work(Symbol symbol, OrderSide side, decimal remaining, decimal? limit = null)
    {
        var id = _nextId++;
        Working.Add(new WorkingOrder(id, symbol, side, limit is null ? OrderType.Market : OrderType.Limit, remaining, limit));
        return id;
    }
}
