using BenchmarkDotNet.Attributes;
using Trading.Accounting;
using Trading.Domain;

namespace Trading.Bench;

/// <summary>The ledger on the per-bar path: booking fills (time per fill, OperationsPerInvoke) and valuing an
/// account of 500 open positions (time per call over all 500).</summary>
/// <remarks>The fills cycle through 500 symbols, buying twice and then selling three times as much, so a third of
/// them close quantity (a round trip each) and a sixth cross through zero. Each invocation books them into a fresh
/// ledger, so the time includes the journal and round-trip lists growing.</remarks>
[MemoryDiagnoser]
public class LedgerBenchmarks
{
    private const int Fills = 100_000;
    private const int Symbols = 500;

    private Fill[] _fills = [];
    private Symbol[] _symbols = [];
    private double[] _prices = [];
    private Position[] _positions = [];
    private Ledger _account = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _symbols = new Symbol[Symbols];
        for (var s = 0; s < Symbols; s++)
        {
            _symbols[s] = Symbol.Parse($"S{s:D3}");
        }

        _fills = new Fill[Fills];
        var start = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < Fills; i++)
        {
            var round = i / Symbols;
            var side = round % 3 == 2 ? OrderSide.Sell : OrderSide.Buy;
            var quantity = side == OrderSide.Sell ? 300m : 100m;
            var price = Math.Round(50m + (decimal)(random.NextDouble() * 100), 2);
            _fills[i] = new Fill(i, start.AddMinutes(i), _symbols[i % Symbols], side, quantity, price, 1m);
        }

        _account = new Ledger(10_000_000m, AccountSettings.MarginAccount(2m), start);
        _positions = new Position[Symbols];
        _prices = new double[Symbols];
        for (var s = 0; s < Symbols; s++)
        {
            _account.Apply(new Fill(s, start, _symbols[s], OrderSide.Buy, 100m, 100m, 1m));
            _positions[s] = _account.PositionOf(_symbols[s])!;
            _prices[s] = 100 + (random.NextDouble() * 10);
        }
    }

    [Benchmark(OperationsPerInvoke = Fills)]
    public decimal Apply()
    {
        var ledger = new Ledger(10_000_000m, AccountSettings.MarginAccount(2m), _fills[0].Time);
        foreach (var fill in _fills)
        {
            ledger.Apply(fill);
        }

        return ledger.Cash;
    }

    [Benchmark]
    public void Mark500()
    {
        var positions = _positions;
        var prices = _prices;
        for (var s = 0; s < positions.Length; s++)
        {
            positions[s].Mark(prices[s]);
        }
    }

    [Benchmark]
    public double EquityEstimate500() => _account.EquityEstimate;

    [Benchmark]
    public EquityPoint Snapshot500() => _account.Snapshot(default);

    [Benchmark]
    public decimal ExactEquity500() => _account.Equity;
}
