using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace Trading.Cli.Commands;

/// <summary><c>trade data list</c>: every stored series with its range and bar count.</summary>
internal static class DataListCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List stored series: symbol, interval, first and last bar, bar count.");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var store = context.OpenExistingStore(parsed);
            var series = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            if (series.Count == 0)
            {
                context.Output.WriteLine($"no bars stored in {store}; try 'trade data synth' or 'trade data import FILE'");
                return 0;
            }

            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("symbol")
                .AddColumn("interval")
                .AddColumn("first")
                .AddColumn("last")
                .AddColumn(new TableColumn("bars").RightAligned());
            foreach (var s in series)
            {
                table.AddRow(
                    Markup.Escape(s.Symbol.Value),
                    s.Interval.Code,
                    s.Interval.Format(s.First),
                    s.Interval.Format(s.Last),
                    s.BarCount.ToString("N0", CultureInfo.InvariantCulture));
            }

            var console = context.Console;
            console.Write(table);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{series.Count} series, {series.Sum(s => s.BarCount):N0} bars in {store}"));
            return 0;
        });
        return command;
    }
}
