using Trading.Indicators;

namespace Trading.Strategies.BuiltIn;

/// <summary>rsi_reversion: buys an oversold symbol (RSI below <c>lower</c>) and sells it once overbought (RSI above
/// <c>upper</c>).</summary>
/// <remarks>
/// The entry is on the level, not on the crossing: any bar whose RSI is below <c>lower</c> while the symbol is flat
/// with no order working is an entry. Reversion trades the oversold state, so a symbol already oversold when the RSI
/// becomes ready, or whose first entry was refused, still gets its trade; and since a position is held until RSI
/// exceeds <c>upper</c>, the level rule cannot re-enter while holding. The exit is RSI strictly above <c>upper</c>
/// while long.
/// </remarks>
public sealed class RsiReversion : LongOnlyStrategy
{
    public const string Name = "rsi_reversion";

    private readonly int _period;
    private readonly double _lower;
    private readonly double _upper;
    private Rsi[] _rsi = [];

    public RsiReversion(StrategyParameters parameters)
        : base(PositionSizing.From(parameters))
    {
        _period = parameters.GetInt("period");
        _lower = (double)parameters.GetDecimal("lower");
        _upper = (double)parameters.GetDecimal("upper");
    }

    public static StrategyDefinition Definition { get; } = new(
        Name,
        "Buys when the RSI of the close is below lower (oversold) and sells when it rises above upper (overbought).",
        [
            StrategyParameter.Integer("period", 14, 2, 1000, "Bars in Wilder's RSI of the close"),
            StrategyParameter.Decimal("lower", 30m, 0m, 100m, "Buy while RSI is below this level and the symbol is flat"),
            StrategyParameter.Decimal("upper", 70m, 0m, 100m, "Sell when RSI rises above this level"),
            PositionSizing.QuantityParameter,
            PositionSizing.AllocationParameter,
        ],
        p => new RsiReversion(p),
        [
            new("lower must be less than upper", p =>
                p.GetDecimal("lower") < p.GetDecimal("upper")
                    ? null
                    : $"lower ({StrategyParameter.Format(p.GetDecimal("lower"))}) must be less than upper ({StrategyParameter.Format(p.GetDecimal("upper"))})"),
            .. PositionSizing.Rules,
        ]);

    protected override void CreateState(IStrategyContext context, int symbolCount)
    {
        _rsi = new Rsi[symbolCount];
        for (var i = 0; i < symbolCount; i++)
        {
            _rsi[i] = new Rsi(_period);
        }
    }

    protected override void Restart(int symbol) => _rsi[symbol] = new Rsi(_period);

    public override void OnBar(IStrategyContext context, int symbol)
    {
        var rsi = _rsi[symbol];
        rsi.Update(context.Close(symbol));
        if (!rsi.IsReady)
        {
            return;
        }

        var value = rsi.Value;
        if (context.Position(symbol) > 0)
        {
            if (value > _upper)
            {
                Exit(context, symbol);
            }
        }
        else if (value < _lower && context.WorkingOrders(symbol).Count == 0)
        {
            Enter(context, symbol);
        }
    }
}
