using Trading.Strategies;
using Trading.Strategies.BuiltIn;

namespace Trading.Tests.Strategies;

public sealed class StrategyRegistryTests
{
    [Fact]
    public void The_default_registry_holds_the_five_built_ins_in_order()
    {
        Assert.Equal(
            ["buy_and_hold", "sma_cross", "rsi_reversion", "bollinger_breakout", "momentum"],
            StrategyRegistry.Default.All.Select(d => d.Name));
    }

    [Fact]
    public void Find_returns_the_definition_by_name_ignoring_case()
    {
        var registry = StrategyRegistry.Default;

        Assert.Same(SmaCross.Definition, registry.Find("sma_cross"));
        Assert.Same(RsiReversion.Definition, registry.Find("RSI_Reversion"));
        Assert.IsType<BollingerBreakout>(registry.Find("bollinger_breakout").Create(new Dictionary<string, string>()));
    }

    [Fact]
    public void An_unknown_strategy_is_refused_with_the_valid_names()
    {
        var error = Assert.Throws<ArgumentException>(() => StrategyRegistry.Default.Find("x"));

        Assert.Equal("unknown strategy 'x'; valid: buy_and_hold, sma_cross, rsi_reversion, bollinger_breakout, momentum", error.Message);
    }

    [Fact]
    public void Registering_a_taken_name_is_refused()
    {
        var registry = StrategyRegistry.Default;

        var error = Assert.Throws<ArgumentException>(() => registry.Register(SmaCross.Definition));
        Assert.Equal("a strategy named 'sma_cross' is already registered", error.Message);
    }

    [Fact]
    public void Registering_into_one_registry_leaves_the_default_alone()
    {
        var registry = StrategyRegistry.Default;
        registry.Register(new StrategyDefinition("hold_too", "a copy", [], _ => new BuyAndHold(BuyAndHold.Definition.Defaults)));

        Assert.True(registry.TryFind("hold_too", out _));
        Assert.False(StrategyRegistry.Default.TryFind("hold_too", out _));
    }
}
