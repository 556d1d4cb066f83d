using System.Globalization;

namespace Trading.Tests.Cli;

public sealed class IndicatorsCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    private string FiveDays() => _cli.File("five.csv", """
        Date,Open,High,Low,Close,Volume
        2024-01-02,10,11,9,10,100
        2024-01-03,10,12,10,11,200
        2024-01-04,11,13,11,12,300
        2024-01-05,12,14,12,13,400
        2024-01-08,13,15,12,14,500
        """);

    [Fact]
    public async Task Csv_input_gives_a_date_column_then_one_column_per_output_with_empty_warmup_cells()
    {
        var result = await _cli.Trade("indicators", "--csv", FiveDays(), "--indicators", "sma(3),mom(2)");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.Equal("date,sma(3),mom(2)", lines[0]);
        Assert.Equal("2024-01-02,,", lines[1]);
        Assert.Equal("2024-01-04,11,2", lines[3]);
        Assert.Equal("2024-01-08,13,2", lines[5]);
    }

    [Fact]
    public async Task From_leaves_earlier_rows_out_but_uses_them_to_warm_up()
    {
        var result = await _cli.Trade("indicators", "--csv", FiveDays(), "--indicators", "sma(3)", "--from", "2024-01-05");

        Assert.Equal("date,sma(3)\n2024-01-05,12\n2024-01-08,13\n", result.Output);
    }

    [Fact]
    public async Task Multi_output_indicators_are_named_by_spec_and_output()
    {
        var result = await _cli.Trade("indicators", "--csv", FiveDays(), "--indicators", "bbands(3,2)");

        Assert.StartsWith("date,\"bbands(3,2).upper\",\"bbands(3,2).middle\",\"bbands(3,2).lower\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_writes_the_file_and_says_so()
    {
        var target = Path.Combine(_cli.Directory, "out", "ind.csv");

        var result = await _cli.Trade("indicators", "--csv", FiveDays(), "--indicators", "rsi(2)", "--out", target);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("wrote 5 rows x 1 indicator columns", result.Output, StringComparison.Ordinal);
        Assert.StartsWith("date,rsi(2)\n", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symbol_input_reads_split_adjusted_bars_from_the_store()
    {
        await _cli.Trade("data", "synth", "--symbols", "2", "--from", "2020-01-01", "--to", "2020-06-30");

        var result = await _cli.Trade("indicators", "--symbol", "syn001", "--indicators", "sma(5)", "--from", "2020-03-02", "--to", "2020-03-31");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd().Split('\n');
        Assert.StartsWith("2020-03-02,", lines[1], StringComparison.Ordinal);
        Assert.True(double.Parse(lines[^1].Split(',')[1], CultureInfo.InvariantCulture) > 0);
    }

    [Theory]
    [InlineData("smaa(3)", "unknown indicator 'smaa'")]
    [InlineData("rsi(1)", "rsi(1)")]
    [InlineData("sma(x)", "sma(x)")]
    public async Task A_bad_indicator_is_one_line_naming_the_valid_choices(string spec, string expected)
    {
        var result = await _cli.Trade("indicators", "--csv", FiveDays(), "--indicators", spec);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task An_unknown_indicator_lists_what_exists()
    {
        var result = await _cli.Trade("indicators", "--csv", FiveDays(), "--indicators", "foo");

        Assert.Contains("sma(period=20)", result.Error, StringComparison.Ordinal);
        Assert.Contains("stoch(", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbol_with_no_stored_bars_says_what_to_do()
    {
        await _cli.Trade("data", "import", FiveDays());

        var result = await _cli.Trade("indicators", "--symbol", "NOPE", "--indicators", "sma(3)");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no 1d bars stored for NOPE", result.Error, StringComparison.Ordinal);
        Assert.Contains("trade data import", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_and_symbol_together_or_neither_is_refused()
    {
        var both = await _cli.Trade("indicators", "--csv", FiveDays(), "--symbol", "X", "--indicators", "sma(3)");
        var neither = await _cli.Trade("indicators", "--indicators", "sma(3)");

        Assert.Contains("exactly one of --csv FILE or --symbol S", both.Error, StringComparison.Ordinal);
        Assert.Contains("exactly one of --csv FILE or --symbol S", neither.Error, StringComparison.Ordinal);
    }
}
