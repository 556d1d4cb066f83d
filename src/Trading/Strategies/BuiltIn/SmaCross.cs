using Trading.Indicators;

namespace Trading.Strategies.BuiltIn;

/// <summary>sma_cross: long when the fast simple moving average of the close crosses above the slow one, flat when
/// it crosses back below.</summary>
/// <remarks>
/// Acts only on a cross, never merely because fast is above slow: the side (fast above or below slow) is remembered
/// per symbol from the first bar both averages are ready, and only a change of side is a signal. The first ready bar
/// sets the side without trading, and a bar where the averages are equal keeps the previous side, so touching is not
/// crossing. Equal means equal within rounding noise (<see cref="PriceComparison"/>): averages that are equal in
/// decimal arithmetic often differ in the last bit of their doubles, and that bit must not decide a cross.
/// A cross above enters when flat with no order working; a cross below sells the whole position.
/// </remarks>
public sealed class SmaCross : LongOnlyStrategy
{
    public const string Name = "sma_cross";

    private readonly int _fastPeriod;
    private readonly int _slowPeriod;
    private readonly string _fastColumn;
    private readonly string _slowColumn;

    // Per symbol, each average either read from a column shared by a search's trials or, without one, streamed here.
    private SharedColumn?[] _fastShared = [];
    private SharedColumn?[] _slowShared = [];
    private Sma?[] _fast = [];
    private Sma?[] _slow = [];

    // No shared column at all (a plain backtest, a node): the streamed path alone, without a branch per average.
    private bool _allStreamed;

    // Per symbol: +1 fast above slow, -1 below, 0 not yet known.
    private sbyte[] _side = [];

    public SmaCross(StrategyParameters parameters)
        : base(PositionSizing.From(parameters))
    {
        _fastPeriod = parameters.GetInt("fast");
        _slowPeriod = parameters.GetInt("slow");
        _fastColumn = $"sma({_fastPeriod})";
        _slowColumn = $"sma({_slowPeriod})";
    }

    public static StrategyDefinition Definition { get; } = new(
        Name,
        "Long when the fast SMA of the close crosses above the slow SMA; flat when it crosses below.",
        [
            StrategyParameter.Integer("fast", 10, 1, 1000, "Bars in the fast simple moving average of the close"),
            StrategyParameter.Integer("slow", 30, 1, 1000, "Bars in the slow simple moving average of the close"),
            PositionSizing.QuantityParameter,
            PositionSizing.AllocationParameter,
        ],
        p => new SmaCross(p),
        [
            new("fast must be less than slow", p =>
                p.GetInt("fast") < p.GetInt("slow") ? null : $"fast ({p.GetInt("fast")}) must be less than slow ({p.GetInt("slow")})"),
            .. PositionSizing.Rules,
        ]);

    protected override void CreateState(IStrategyContext context, int symbolCount)
    {
        _fastShared = new SharedColumn?[symbolCount];
        _slowShared = new SharedColumn?[symbolCount];
        _fast = new Sma?[symbolCount];
        _slow = new Sma?[symbolCount];
        _side = new sbyte[symbolCount];
        for (var i = 0; i < symbolCount; i++)
        {
            _fastShared[i] = context.SharedIndicator(i, _fastColumn);
            _slowShared[i] = context.SharedIndicator(i, _slowColumn);
            _fast[i] = _fastShared[i] is null ? new Sma(_fastPeriod) : null;
            _slow[i] = _slowShared[i] is null ? new Sma(_slowPeriod) : null;
        }

        _allStreamed = Array.TrueForAll(_fastShared, c => c is null) && Array.TrueForAll(_slowShared, c => c is null);
    }

    /// <summary>A shared column restarts at the split by itself (it was computed so): only streamed averages start again.</summary>
    protected override void Restart(int symbol)
    {
        if (_fast[symbol] is not null)
        {
            _fast[symbol] = new Sma(_fastPeriod);
        }

        if (_slow[symbol] is not null)
        {
            _slow[symbol] = new Sma(_slowPeriod);
        }

        _side[symbol] = 0;
    }

    public override void OnBar(IStrategyContext context, int symbol)
    {
        double fast, slow;
        if (_allStreamed)
        {
            var close = context.Close(symbol);
            var fastAverage = _fast[symbol]!;
            var slowAverage = _slow[symbol]!;
            fastAverage.Update(close);
            slowAverage.Update(close);
            if (!fastAverage.IsReady || !slowAverage.IsReady)
            {
                return;
            }

            fast = fastAverage.Value;
            slow = slowAverage.Value;
        }
        else
        {
            var fastShared = _fastShared[symbol];
            var slowShared = _slowShared[symbol];
            var close = fastShared is null || slowShared is null ? context.Close(symbol) : 0;
            fast = fastShared is null ? Stream(_fast[symbol]!, close) : context.Indicator(fastShared);
            slow = slowShared is null ? Stream(_slow[symbol]!, close) : context.Indicator(slowShared);

            // NaN until both averages are ready: a shared column is NaN exactly where the streamed average is not ready.
            if (double.IsNaN(fast) || double.IsNaN(slow))
            {
                return;
            }
        }

        var side = (sbyte)PriceComparison.Compare(fast, slow);
        if (side == 0)
        {
            return;
        }

        var previous = _side[symbol];
        _side[symbol] = side;
        if (previous == -1 && side == 1)
        {
            if (IsFlatAndIdle(context, symbol))
            {
                Enter(context, symbol);
            }
        }
        else if (previous == 1 && side == -1)
        {
            Exit(context, symbol);
        }
    }

    private static double Stream(Sma average, double close)
    {
        average.Update(close);
        return average.IsReady ? average.Value : double.NaN;
    }
}
