using Trading.Data.Yahoo;
using Trading.Domain;

namespace Trading.Tests.Data.Yahoo;

/// <summary>Real v8 chart answers recorded in 2025 (see shared/data/README.md, section 3), when that folder exists.</summary>
public sealed class RecordedYahooResponsesTests
{
    /// <summary>The recordings were made on 2025-02-22; "now" is then, as for the original request.</summary>
    private static readonly DateTimeOffset RecordedAt = new(2025, 2, 22, 0, 0, 0, TimeSpan.Zero);

    private static DateTime Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static string Recording(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = Path.Combine(dir.FullName, "shared", "data", "yahoo");
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "data")) && File.Exists(Path.Combine(folder, name)))
            {
                return Path.Combine(folder, name);
            }
        }

        Skip.If(true, $"No shared/data/yahoo/{name} above {AppContext.BaseDirectory}; the recorded Yahoo answers are not on this machine.");
        throw new InvalidOperationException("unreachable");
    }

    private static async Task<YahooChart> Fetch(string recording, string symbol)
    {
        await using var server = FakeYahooServer.Always(new FakeResponse(200, await File.ReadAllTextAsync(Recording(recording))));
        using var yahoo = YahooFinanceHost.Create(o => o.BaseAddress = server.BaseAddress, new ShiftedClock(RecordedAt));
        return await yahoo.Provider.FetchChartAsync(Symbol.Parse(symbol), Interval.Daily, Day(2021, 2, 1), Day(2022, 1, 31));
    }

    [SkippableFact]
    public async Task NVDA_has_252_sessions_and_the_4_for_1_split_of_2021_07_20()
    {
        var chart = await Fetch("chart-v8-NVDA-1d-2021-02-01-to-2022-01-31.body.json", "NVDA");

        Assert.Equal(252, chart.Bars.Count);
        Assert.Equal(Day(2021, 2, 1), chart.Bars.FirstTime);
        Assert.Equal(Day(2022, 1, 28), chart.Bars.LastTime);
        Assert.Equal(0, chart.SkippedNullBars);
        var split = Assert.Single(chart.Actions);
        Assert.Equal(CorporateAction.Split(Symbol.Parse("NVDA"), new DateOnly(2021, 7, 20), 4m), split);

        // Yahoo's series is smooth across the split; as traded, the price drops about 4x on the ex-date. (The 2024
        // 10:1 split is not in this recording's events, so the level is still a tenth of the real print.)
        var before = chart.Bars.IndexAtOrBefore(Day(2021, 7, 19));
        Assert.Equal(Day(2021, 7, 19), chart.Bars.Time[before]);
        Assert.InRange(chart.Bars.Close[before] / chart.Bars.Close[before + 1], 3.5, 4.5);
        Assert.Equal(13.237000465393066 * 4, chart.Bars.Close[0], 9);
    }

    [SkippableFact]
    public async Task MSFT_has_four_dividends_on_their_ex_dates()
    {
        var chart = await Fetch("chart-v8-MSFT-1d-2021-02-01-to-2022-01-31.body.json", "MSFT");

        Assert.Equal(252, chart.Bars.Count);
        Assert.Equal([0.56m, 0.56m, 0.56m, 0.62m], chart.Actions.Select(a => a.Value).ToArray());
        Assert.All(chart.Actions, a => Assert.Equal(CorporateActionKind.CashDividend, a.Kind));
        Assert.Equal(
            [new DateOnly(2021, 2, 17), new DateOnly(2021, 5, 19), new DateOnly(2021, 8, 18), new DateOnly(2021, 11, 17)],
            chart.Actions.Select(a => a.ExDate).ToArray());
        Assert.Equal(239.6499939, chart.Bars.Close[0], 6);
        Assert.Equal(231.1864777, chart.AdjustedClose.Span[0], 6);
    }
}
