using System.CommandLine;
using Trading.Data.Csv;

namespace Trading.Cli.Commands;

/// <summary><c>--columns</c>, <c>--date-format</c> and <c>--time-zone</c>: how to read a user's bar files, shared by
/// <c>trade data import</c> and <c>trade backtest</c>; each is checked as the command line parses (exit 2).</summary>
internal sealed class BarFileOptions
{
    private readonly Option<string?> _columns = new("--columns")
    {
        Description = "Which column holds each field, by the name the header spells (case included): date=Timestamp,close=Last,open=Open,high=High,low=Low,volume=Vol, "
            + "and adj_close=Adj Close (bars adjusted by adjusted close / close) or symbol=Ticker (a file of many symbols). Fields left out are found by their usual names. "
            + "Closes only: open=Close,high=Close,low=Close; no volume: volume=.",
    };

    private readonly Option<string?> _dateFormat = new("--date-format")
    {
        Description = "How dates are written: a .NET format read exactly (yyyyMMdd, dd/MM/yyyy, MM/dd/yyyy HH:mm), or unix / unix_ms for epoch seconds / milliseconds. Default: yyyy-MM-dd, yyyyMMdd and ISO-8601 times, never a guess between day and month.",
    };

    private readonly Option<string?> _timeZone = new("--time-zone")
    {
        Description = "The IANA zone (America/New_York) of times written without an offset (default UTC); a time the clocks skip or repeat is an error. A date alone is the trading day in any zone.",
    };

    public BarFileOptions()
    {
        _columns.Validators.Add(result =>
        {
            if (result.GetValue(_columns) is { } text)
            {
                try
                {
                    ColumnMapping.Parse(text);
                }
                catch (FormatException e)
                {
                    result.AddError($"--columns {e.Message}");
                }
            }
        });
        _dateFormat.Validators.Add(result => Check(result, "--date-format", new BarFileFormat { DateFormat = result.GetValue(_dateFormat) }));
        _timeZone.Validators.Add(result => Check(result, "--time-zone", new BarFileFormat { TimeZone = result.GetValue(_timeZone) }));
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_columns);
        command.Options.Add(_dateFormat);
        command.Options.Add(_timeZone);
    }

    public BarFileFormat Read(ParseResult parsed) => Over(parsed, BarFileFormat.Default);

    /// <summary>The format the options give over <paramref name="lower"/> (a run config's): each option given
    /// replaces its part, the others stay.</summary>
    public BarFileFormat Over(ParseResult parsed, BarFileFormat lower) => new()
    {
        Columns = parsed.GetValue(_columns) is { } text ? ColumnMapping.Parse(text) : lower.Columns,
        DateFormat = parsed.GetValue(_dateFormat) ?? lower.DateFormat,
        TimeZone = parsed.GetValue(_timeZone) ?? lower.TimeZone,
    };

    private static void Check(System.CommandLine.Parsing.OptionResult result, string name, BarFileFormat format)
    {
        try
        {
            format.Validate();
        }
        catch (ArgumentException e)
        {
            result.AddError($"{name}: {e.Message.Split(" (Parameter", StringSplitOptions.None)[0]}");
        }
    }
}
