using System.Globalization;
using Trading.Domain;
using Trading.Indicators;

namespace Trading.Tests.Indicators;

public sealed class IndicatorTableTests
{
    [Fact]
    public void Csv_has_a_date_column_then_the_spec_columns_with_empty_cells_before_the_first_value()
    {
        var bars = TestBars.Closes(1, 2, 3);
        var table = IndicatorTable.Compute(bars, IndicatorSpec.Parse("sma(2),mom(1),obv"));
        var csv = new StringWriter();
        table.WriteCsv(csv);
        Assert.Equal(
            "date,sma(2),mom(1),obv\n" +
            "2024-01-02,,,1000\n" +
            "2024-01-03,1.5,1,2000\n" +
            "2024-01-04,2.5,1,3000\n",
            csv.ToString());
    }

    [Fact]
    public void Column_names_holding_commas_are_quoted_in_the_csv_header()
    {
        var table = IndicatorTable.Compute(TestBars.Closes(1, 2, 3), "bbands(2,1)");
        var csv = new StringWriter();
        table.WriteCsv(csv);
        Assert.StartsWith("date,\"bbands(2,1).upper\",\"bbands(2,1).middle\",\"bbands(2,1).lower\"\n", csv.ToString(), StringComparison.Ordinal);
        Assert.Equal(["bbands(2,1).upper", "bbands(2,1).middle", "bbands(2,1).lower"], table.ColumnNames);
    }

    [Fact]
    public void Csv_values_round_trip_to_the_same_double()
    {
        var bars = TestBars.RandomWalk(11, 80);
        var table = IndicatorTable.Compute(bars, "ema(7),rsi(5),linreg_slope(10,log),cci(5)");
        var csv = new StringWriter();
        table.WriteCsv(csv);
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(bars.Count + 1, lines.Length);
        for (var row = 0; row < bars.Count; row++)
        {
            var cells = lines[row + 1].Split(',');
            for (var column = 0; column < table.ColumnNames.Count; column++)
            {
                var value = table.Column(column)[row];
                var cell = cells[column + 1];
                Assert.Equal(double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture), cell);
                if (!double.IsNaN(value))
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(double.Parse(cell, CultureInfo.InvariantCulture)));
                }
            }
        }

        Assert.Contains(lines, l => l.Split(',')[1].Length > 15);
    }

    [Fact]
    public void Intraday_rows_are_stamped_in_iso_8601_utc()
    {
        var start = new DateTime(2024, 3, 4, 14, 30, 0, DateTimeKind.Utc);
        var bars = new BarSeries(Symbol.Parse("TEST"), Interval.FiveMinutes, [start, start.AddMinutes(5)], [1, 2], [1, 2], [1, 2], [1, 2], [10, 10]);
        var csv = new StringWriter();
        IndicatorTable.Compute(bars, "vwap").WriteCsv(csv);
        Assert.Equal("date,vwap\n2024-03-04T14:30:00Z,1\n2024-03-04T14:35:00Z,1.5\n", csv.ToString());
    }

    [Fact]
    public void Columns_are_found_by_name_and_a_missing_one_lists_those_there_are()
    {
        var table = IndicatorTable.Compute(TestBars.Closes(1, 2, 3, 4), "sma(2),macd(2,3,1)");
        Assert.Equal(3.5, table["sma(2)"][3]);
        Assert.Equal(4, table.RowCount);
        var error = Assert.Throws<KeyNotFoundException>(() => table["sma(3)"].ToArray());
        Assert.Equal("no column 'sma(3)'; the table has sma(2), macd(2,3,1).macd, macd(2,3,1).signal, macd(2,3,1).hist", error.Message);
    }
}
