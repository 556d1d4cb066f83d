using Trading.Strategies;

namespace Trading.Tests.Strategies;

public sealed class ConfiguredParametersTests
{
    private static readonly StrategyDefinition SmaCross = StrategyRegistry.Default.Find("sma_cross");

    private static Dictionary<string, string> Values(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    [Fact]
    public void A_run_overrides_what_was_stored_which_overrides_the_defaults_and_each_source_is_named()
    {
        var chosen = ConfiguredParameters.Resolve(SmaCross, Values(("fast", "5"), ("slow", "20")), Values(("SLOW", "25")));

        Assert.Equal(5, chosen.Parameters.GetInt("fast"));
        Assert.Equal(25, chosen.Parameters.GetInt("slow"));
        Assert.Equal(ParameterSource.Stored, chosen.Sources["fast"]);
        Assert.Equal(ParameterSource.Override, chosen.Sources["slow"]);
        Assert.Equal(ParameterSource.Default, chosen.Sources["quantity"]);
        Assert.Equal(SmaCross.Parameters.Select(p => p.Name), chosen.Sources.Keys);
        Assert.Null(chosen.StoredSetAside);
    }

    [Fact]
    public void A_rule_is_checked_against_the_values_as_combined()
    {
        // fast 40 alone breaks nothing against the default slow of 30 only if slow was stored higher.
        var allowed = ConfiguredParameters.Resolve(SmaCross, Values(("slow", "50")), Values(("fast", "40")));
        var refused = Assert.Throws<ArgumentException>(() => ConfiguredParameters.Resolve(SmaCross, Values(("slow", "50")), Values(("fast", "60"))));

        Assert.Equal(40, allowed.Parameters.GetInt("fast"));
        Assert.Contains("fast (60) must be less than slow (50)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stored_values_that_no_longer_bind_are_set_aside_with_the_reason_and_the_run_uses_the_defaults()
    {
        var chosen = ConfiguredParameters.Resolve(SmaCross, Values(("window", "5")), Values());

        Assert.Equal(10, chosen.Parameters.GetInt("fast"));
        Assert.All(chosen.Sources.Values, s => Assert.Equal(ParameterSource.Default, s));
        Assert.Contains("unknown parameter 'window'", chosen.StoredSetAside, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_override_or_one_given_twice_is_refused_naming_it()
    {
        var unknown = Assert.Throws<ArgumentException>(() => ConfiguredParameters.Resolve(SmaCross, Values(), Values(("fats", "3"))));
        var twice = Assert.Throws<ArgumentException>(() => ConfiguredParameters.Resolve(SmaCross, Values(), Values(("fast", "3"), ("FAST", "4"))));

        Assert.StartsWith("unknown parameter 'fats' for sma_cross", unknown.Message, StringComparison.Ordinal);
        Assert.StartsWith("fast is given twice", twice.Message, StringComparison.Ordinal);
    }
}
