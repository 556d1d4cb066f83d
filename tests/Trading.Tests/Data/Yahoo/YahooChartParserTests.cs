using System.Text.Json;
using Trading.Data.Yahoo;
using Trading.Domain;

namespace Trading.Tests.Data.Yahoo;

public sealed class YahooChartParserTests
{
    private static YahooChart Parse(string fixture, string symbol, Interval interval)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(FakeResponse.FixturePath(fixture)));
        return YahooChartParser.Parse(document.RootElement, Symbol.Parse(symbol), interval);
    }

    private static DateTime Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Daily_bars_are_stamped_with_the_New_York_session_date_on_both_sides_of_the_clock_change()
    {
        // Opens at 13:30 UTC before 2023-11-05 and at 14:30 UTC after it: both are 09:30 in New York.
        var chart = Parse("dividends-daily.json", "DIVS", Interval.Daily);

        Assert.Equal(
            [Day(2023, 11, 2), Day(2023, 11, 3), Day(2023, 11, 6), Day(2023, 11, 7), Day(2023, 11, 8)],
            chart.Bars.Time.ToArray());
        Assert.Equal(348.25, chart.Bars.Close[0]);
        Assert.Equal(347.0, chart.Bars.Open[0]);
        Assert.Equal(350.25, chart.Bars.High[0]);
        Assert.Equal(345.75, chart.Bars.Low[0]);
        Assert.Equal(21_000_000, chart.Bars.Volume[0]);
        Assert.Equal(361.5, chart.AdjustedClose.Span[4]);
        Assert.Equal("USD", chart.Currency);
        Assert.Equal("America/New_York", chart.ExchangeTimeZone);
        Assert.Equal(0, chart.SkippedNullBars);
    }

    [Fact]
    public void Dividends_become_cash_dividends_with_exact_decimal_amounts_on_their_local_ex_dates()
    {
        var chart = Parse("dividends-daily.json", "DIVS", Interval.Daily);

        var divs = Symbol.Parse("DIVS");
        Assert.Equal(
            [
                CorporateAction.CashDividend(divs, new DateOnly(2023, 11, 3), 0.56m),
                CorporateAction.CashDividend(divs, new DateOnly(2023, 11, 7), 0.62m),
            ],
            chart.Actions);
    }

    [Fact]
    public void Splits_become_split_actions_with_their_ratio()
    {
        var chart = Parse("split-daily.json", "SPLT", Interval.Daily);

        var splits = chart.Actions.Where(a => a.Kind == CorporateActionKind.Split).ToArray();
        Assert.Equal(2, splits.Length);
        Assert.Equal((new DateOnly(2024, 6, 10), 4m), (splits[0].ExDate, splits[0].Value));
        Assert.Equal((new DateOnly(2024, 6, 13), 2m), (splits[1].ExDate, splits[1].Value));
    }

    [Fact]
    public void Rows_with_a_null_price_are_skipped_and_counted()
    {
        var chart = Parse("nulls-daily.json", "GAPS", Interval.Daily);

        Assert.Equal([Day(2024, 6, 3), Day(2024, 6, 5), Day(2024, 6, 7)], chart.Bars.Time.ToArray());
        Assert.Equal([10.75, 11.25, 11.75], chart.Bars.Close.ToArray());
        Assert.Equal([10.5, 11.0, 11.5], chart.AdjustedClose.ToArray());
        Assert.Equal(2, chart.SkippedNullBars);
        Assert.Equal([Day(2024, 6, 4), Day(2024, 6, 6)], chart.SkippedTimes);
    }

    [Fact]
    public void Intraday_bars_keep_their_UTC_start_and_have_no_adjusted_close()
    {
        var chart = Parse("intraday-5m.json", "INTR", Interval.FiveMinutes);

        var open = new DateTime(2024, 3, 15, 13, 30, 0, DateTimeKind.Utc);
        Assert.Equal(
            [open, open.AddMinutes(5), open.AddMinutes(15), open.AddMinutes(20), open.AddMinutes(25)],
            chart.Bars.Time.ToArray());
        Assert.All(chart.Bars.Time.ToArray(), t => Assert.Equal(DateTimeKind.Utc, t.Kind));
        Assert.Equal(1, chart.SkippedNullBars);
        Assert.All(chart.AdjustedClose.ToArray(), a => Assert.True(double.IsNaN(a)));
    }

    [Fact]
    public void A_range_without_sessions_gives_an_empty_series()
    {
        var chart = Parse("empty-range.json", "HOLI", Interval.Daily);

        Assert.True(chart.Bars.IsEmpty);
        Assert.Empty(chart.Actions);
    }

    [Fact]
    public void As_traded_multiplies_prices_by_every_later_split_and_divides_volume_by_it()
    {
        // Yahoo sent closes 100..109, divided by 8 before 2024-06-10 (4:1 then 2:1) and by 2 before 2024-06-13.
        var chart = Parse("split-daily.json", "SPLT", Interval.Daily).AsTraded();

        Assert.Equal([800.0, 808, 816, 824, 832, 210, 212, 214, 108, 109], chart.Bars.Close.ToArray());
        Assert.Equal([796.0, 804, 812, 820, 828, 209, 211, 213, 107.5, 108.5], chart.Bars.Open.ToArray());
        Assert.Equal(808.0, chart.Bars.High[0]);
        Assert.Equal(792.0, chart.Bars.Low[0]);
        Assert.Equal(
            [1_000_000.0, 1_100_000, 1_200_000, 1_300_000, 1_400_000, 1_000_000, 1_100_000, 1_200_000, 1_200_000, 1_300_000],
            chart.Bars.Volume.ToArray());
    }

    [Fact]
    public void As_traded_undoes_the_split_adjustment_of_dividend_amounts_and_keeps_the_splits()
    {
        var chart = Parse("split-daily.json", "SPLT", Interval.Daily).AsTraded();

        var dividend = Assert.Single(chart.Actions, a => a.Kind == CorporateActionKind.CashDividend);
        Assert.Equal(new DateOnly(2024, 6, 5), dividend.ExDate);
        Assert.Equal(2.00m, dividend.Value);
        Assert.Equal(2, chart.Actions.Count(a => a.Kind == CorporateActionKind.Split));
    }

    [Fact]
    public void As_traded_leaves_Yahoos_adjusted_close_as_sent()
    {
        var chart = Parse("split-daily.json", "SPLT", Interval.Daily).AsTraded();

        Assert.Equal(99.75, chart.AdjustedClose.Span[0]);
    }

    [Fact]
    public void Within_keeps_the_bars_and_actions_of_the_window_only()
    {
        var chart = Parse("split-daily.json", "SPLT", Interval.Daily).AsTraded().Within(Day(2024, 6, 4), Day(2024, 6, 11));

        Assert.Equal(Day(2024, 6, 4), chart.Bars.FirstTime);
        Assert.Equal(Day(2024, 6, 11), chart.Bars.LastTime);
        Assert.Equal(6, chart.Bars.Count);
        Assert.Equal(6, chart.AdjustedClose.Length);
        Assert.Equal(100.75, chart.AdjustedClose.Span[0]);
        Assert.Equal(
            [CorporateActionKind.CashDividend, CorporateActionKind.Split],
            chart.Actions.Select(a => a.Kind).ToArray());
    }

    [Theory]
    [InlineData("America/New_York", 1719806400, "2024-07-01")]
    [InlineData("Mars/Olympus_Mons", 1719806400, "2024-06-30")]
    [InlineData("Asia/Tokyo", 1719759600, "2024-07-01")]
    public void Monthly_bars_at_local_midnight_keep_their_date_when_the_zone_is_known(string zone, long stamp, string expected)
    {
        // 2024-07-01 00:00 EDT is 04:00 UTC; shifted by the winter gmtoffset of the answer it would be 23:00 on
        // 2024-06-30, which is what a machine that does not know the zone gets. Tokyo: 00:00 JST is 15:00 UTC.
        var body = $$$"""
            {"chart":{"result":[{"meta":{"gmtoffset":-18000,"exchangeTimezoneName":"{{{zone}}}"},"timestamp":[{{{stamp}}}],
            "indicators":{"quote":[{"open":[1.0],"high":[1.0],"low":[1.0],"close":[1.0],"volume":[1]}]}}],"error":null}}
            """;
        using var document = JsonDocument.Parse(body);

        var chart = YahooChartParser.Parse(document.RootElement, Symbol.Parse("X"), Interval.Monthly);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateOnly.FromDateTime(chart.Bars.FirstTime));
    }

    [Fact]
    public void A_live_row_of_today_is_merged_into_the_row_of_its_week()
    {
        // Week of Monday 2024-06-10 (local midnight, 04:00 UTC), then Yahoo's separate live row for Thursday 13:30 UTC.
        const string body = """
            {"chart":{"result":[{"meta":{"gmtoffset":-14400,"exchangeTimezoneName":"America/New_York"},
            "timestamp":[1717387200,1717992000,1718285400],
            "indicators":{"quote":[{"open":[10.0,11.0,12.5],"high":[11.5,12.0,13.0],"low":[9.5,10.5,12.25],
            "close":[11.0,11.75,12.75],"volume":[100,200,50]}]}}],"error":null}}
            """;
        using var document = JsonDocument.Parse(body);

        var chart = YahooChartParser.Parse(document.RootElement, Symbol.Parse("X"), Interval.Weekly);

        Assert.Equal([Day(2024, 6, 3), Day(2024, 6, 10)], chart.Bars.Time.ToArray());
        Assert.Equal(new Bar(Day(2024, 6, 10), 11.0, 13.0, 10.5, 12.75, 250), chart.Bars[1]);
    }

    [Fact]
    public void A_row_count_that_does_not_match_the_timestamps_is_a_format_error()
    {
        const string body = """
            {"chart":{"result":[{"meta":{"gmtoffset":0},"timestamp":[1717421400,1717507800],
            "indicators":{"quote":[{"open":[1.0],"high":[1.0],"low":[1.0],"close":[1.0],"volume":[1]}]}}],"error":null}}
            """;
        using var document = JsonDocument.Parse(body);

        var error = Assert.Throws<FormatException>(() => YahooChartParser.Parse(document.RootElement, Symbol.Parse("X"), Interval.Daily));
        Assert.Contains("'open' has 1 values for 2 timestamps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_error_of_a_chart_error_body_is_read()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(FakeResponse.FixturePath("not-found.json")));

        Assert.Equal(("Not Found", "No data found, symbol may be delisted"), YahooChartParser.ReadError(document.RootElement));
    }
}
