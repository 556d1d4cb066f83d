using Trading.Strategies;
using Trading.Strategies.BuiltIn;

namespace Trading.Tests.Strategies;

public sealed class StrategyParameterTests
{
    private static Dictionary<string, string> Set(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    private static string Refusal(StrategyDefinition definition, params (string Name, string Value)[] values)
    {
        var error = Assert.Throws<ArgumentException>(() => definition.Bind(Set(values)));
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    [Fact]
    public void Unset_parameters_take_their_defaults()
    {
        var parameters = SmaCross.Definition.Bind(Set());

        Assert.Equal(10, parameters.GetInt("fast"));
        Assert.Equal(30, parameters.GetInt("slow"));
        Assert.Equal(0, parameters.GetInt("quantity"));
        Assert.Equal(1.0m, parameters.GetDecimal("allocation"));
        Assert.False(parameters.IsExplicit("fast"));
    }

    [Fact]
    public void Text_values_are_parsed_to_their_types()
    {
        var parameters = SmaCross.Definition.Bind(Set(("fast", "5"), ("slow", " 50 "), ("allocation", "0.25")));

        Assert.Equal(5, parameters.GetInt("fast"));
        Assert.Equal(50, parameters.GetInt("slow"));
        Assert.Equal(0.25m, parameters.GetDecimal("allocation"));
        Assert.True(parameters.IsExplicit("fast"));
        Assert.False(parameters.IsExplicit("quantity"));
    }

    [Fact]
    public void A_whole_number_written_with_a_decimal_point_and_a_name_in_capitals_are_accepted()
    {
        Assert.Equal(12, SmaCross.Definition.Bind(Set(("FAST", "12.0"))).GetInt("fast"));
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_valid_names()
    {
        Assert.Equal(
            "unknown parameter 'fats' for sma_cross; valid: fast, slow, quantity, allocation",
            Refusal(SmaCross.Definition, ("fats", "10")));
    }

    [Theory]
    [InlineData("fast", "ten", "fast must be a whole number; got 'ten'")]
    [InlineData("fast", "10.5", "fast must be a whole number; got '10.5'")]
    [InlineData("fast", "", "fast must be a whole number; got ''")]
    [InlineData("allocation", "half", "allocation must be a number; got 'half'")]
    public void A_value_of_the_wrong_type_is_refused(string name, string value, string message)
    {
        Assert.Equal(message, Refusal(SmaCross.Definition, (name, value)));
    }

    [Theory]
    [InlineData("fast", "0", "fast must be between 1 and 1000; got 0")]
    [InlineData("slow", "1001", "slow must be between 1 and 1000; got 1001")]
    [InlineData("fast", "99999999999", "fast must be between 1 and 1000; got 99999999999")]
    [InlineData("allocation", "1.5", "allocation must be between 0 and 1; got 1.5")]
    [InlineData("quantity", "-1", "quantity must be between 0 and 1000000000; got -1")]
    public void A_value_out_of_range_is_refused(string name, string value, string message)
    {
        Assert.Equal(message, Refusal(SmaCross.Definition, (name, value)));
    }

    [Fact]
    public void Fast_must_be_less_than_slow()
    {
        Assert.Equal("fast (30) must be less than slow (10)", Refusal(SmaCross.Definition, ("fast", "30"), ("slow", "10")));

        // The default slow is 30, so fast 30 alone breaks the rule too.
        Assert.Equal("fast (30) must be less than slow (30)", Refusal(SmaCross.Definition, ("fast", "30")));
    }

    [Fact]
    public void Rsi_lower_must_be_less_than_upper()
    {
        Assert.Equal("lower (70) must be less than upper (30)", Refusal(RsiReversion.Definition, ("lower", "70"), ("upper", "30")));
    }

    [Fact]
    public void Quantity_and_allocation_cannot_both_be_set()
    {
        Assert.Equal(
            "quantity and allocation are alternatives: set one, not both (got quantity=10, allocation=0.5)",
            Refusal(BuyAndHold.Definition, ("quantity", "10"), ("allocation", "0.5")));
    }

    [Fact]
    public void A_zero_allocation_without_a_quantity_is_refused()
    {
        Assert.Equal("allocation must be above 0 when quantity is 0; got 0", Refusal(BuyAndHold.Definition, ("allocation", "0")));
    }

    [Fact]
    public void Type_errors_are_reported_before_rules()
    {
        Assert.Equal("slow must be a whole number; got 'x'", Refusal(SmaCross.Definition, ("fast", "30"), ("slow", "x")));
    }

    [Fact]
    public void As_text_round_trips_through_bind()
    {
        var parameters = SmaCross.Definition.Bind(Set(("fast", "5"), ("allocation", "0.50")));
        var text = parameters.AsText();

        Assert.Equal(["fast", "slow", "quantity", "allocation"], text.Keys);
        Assert.Equal("5", text["fast"]);
        Assert.Equal("0.5", text["allocation"]);
        Assert.Equal(parameters.Values, SmaCross.Definition.Bind(text).Values);
        Assert.Equal("sma_cross(fast=5, slow=30, quantity=0, allocation=0.5)", parameters.ToString());
    }

    [Fact]
    public void A_quantity_sized_run_written_as_text_binds_again()
    {
        // AsText writes allocation at its default next to the quantity; that is not the conflict the rule refuses.
        var parameters = BuyAndHold.Definition.Bind(Set(("quantity", "10")));

        Assert.Equal(parameters.Values, BuyAndHold.Definition.Bind(parameters.AsText()).Values);
    }

    [Fact]
    public void Reading_a_parameter_with_the_wrong_getter_is_a_bug_not_bad_input()
    {
        var parameters = SmaCross.Definition.Defaults;

        Assert.Throws<InvalidOperationException>(() => parameters.GetDecimal("fast"));
        Assert.Throws<ArgumentException>(() => parameters.GetInt("nope"));
    }

    [Fact]
    public void Booleans_and_text_parse()
    {
        var definition = new StrategyDefinition(
            "flags",
            "test",
            [StrategyParameter.Boolean("short_selling", false, "d"), StrategyParameter.Text("label", "x", "d")],
            _ => new BuyAndHold(BuyAndHold.Definition.Defaults));

        var parameters = definition.Bind(Set(("short_selling", "TRUE"), ("label", "momentum run")));
        Assert.True(parameters.GetBool("short_selling"));
        Assert.Equal("momentum run", parameters.GetText("label"));
        Assert.Equal("true", parameters.AsText()["short_selling"]);
        Assert.Equal("short_selling must be true or false; got 'maybe'", Refusal(definition, ("short_selling", "maybe")));
    }

    [Fact]
    public void A_schema_refuses_bad_names_and_defaults_when_it_is_declared()
    {
        Assert.Throws<ArgumentException>(() => StrategyParameter.Integer("Fast", 10, 1, 100, "d"));
        Assert.Throws<ArgumentException>(() => StrategyParameter.Integer("fast__period", 10, 1, 100, "d"));
        Assert.Throws<ArgumentException>(() => StrategyParameter.Integer("fast", 0, 1, 100, "d"));
        Assert.Throws<ArgumentException>(() => new StrategyParameter("fast", ParameterType.Integer, 1.5m, null, null, "d"));
        Assert.Throws<ArgumentException>(() => new StrategyDefinition(
            "broken",
            "defaults break the rule",
            [StrategyParameter.Integer("fast", 30, 1, 100, "d"), StrategyParameter.Integer("slow", 10, 1, 100, "d")],
            _ => throw new InvalidOperationException(),
            [new ParameterRule("fast < slow", p => p.GetInt("fast") < p.GetInt("slow") ? null : "fast must be less than slow")]));
    }

    [Fact]
    public void The_schema_exports_names_types_defaults_bounds_and_rules()
    {
        var description = SmaCross.Definition.Describe();

        Assert.Equal("sma_cross", description.Name);
        Assert.Equal(
            [
                ("fast", ParameterType.Integer, (object)10, (decimal?)1m, (decimal?)1000m),
                ("slow", ParameterType.Integer, 30, 1m, 1000m),
                ("quantity", ParameterType.Integer, 0, 0m, 1_000_000_000m),
                ("allocation", ParameterType.Decimal, 1.0m, 0m, 1m),
            ],
            description.Parameters.Select(p => (p.Name, p.Type, p.Default, p.Minimum, p.Maximum)));
        Assert.All(description.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
        Assert.Contains("fast must be less than slow", description.Rules);
    }

    [Fact]
    public void Built_in_defaults()
    {
        Assert.Equal(
            new Dictionary<string, string> { ["period"] = "14", ["lower"] = "30", ["upper"] = "70", ["quantity"] = "0", ["allocation"] = "1" },
            RsiReversion.Definition.Defaults.AsText());
        Assert.Equal(
            new Dictionary<string, string> { ["period"] = "20", ["stddev"] = "2", ["quantity"] = "0", ["allocation"] = "1" },
            BollingerBreakout.Definition.Defaults.AsText());
        Assert.Equal(
            new Dictionary<string, string> { ["quantity"] = "0", ["allocation"] = "1" },
            BuyAndHold.Definition.Defaults.AsText());
    }

    [Fact]
    public void Parameters_bound_for_one_strategy_cannot_create_another()
    {
        Assert.Throws<ArgumentException>(() => SmaCross.Definition.Create(BuyAndHold.Definition.Defaults));
    }
}
