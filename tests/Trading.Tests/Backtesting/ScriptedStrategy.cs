using Trading.Domain;
using Trading.Strategies;

namespace Trading.Tests.Backtesting;

/// <summary>A strategy that submits given orders at given bars, and records what it saw: the engine's tests drive it.</summary>
internal sealed class ScriptedStrategy(params (DateTime At, OrderRequest Order)[] script) : IStrategy
{
    public List<(DateTime Time, int Symbol, Bar Bar)> Seen { get; } = [];

    public List<OrderEvent> Events { get; } = [];

    public List<(DateTime Time, decimal Cash, decimal Equity)> Account { get; } = [];

    public bool Ended { get; private set; }

    public void Initialize(IStrategyContext context)
    {
    }

    public void OnBar(IStrategyContext context, int symbol)
    {
        Seen.Add((context.Time, symbol, context.Bar(symbol)));
        Account.Add((context.Time, context.Cash, context.Equity));
        foreach (var (at, order) in script)
        {
            if (at == context.Time && order.Symbol == context.Symbols[symbol])
            {
                context.Submit(order);
            }
        }
    }

    public void OnOrderEvent(IStrategyContext context, OrderEvent orderEvent) => Events.Add(orderEvent);

    public void OnEnd(IStrategyContext context) => Ended = true;
}
