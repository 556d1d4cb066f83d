using System.Text;
using Trading.Data.Csv;
using Trading.Domain;

namespace Trading.Tests.Data.Csv;

public class BarCsvWriterTests
{
    private static readonly Symbol Nvda = Symbol.Parse("NVDA");

    [Fact]
    public void Written_csv_reads_back_bit_for_bit()
    {
        var original = BarSeries.FromBars(
            Nvda,
            Interval.Daily,
            [
                new Bar(new DateTime(2021, 2, 1, 0, 0, 0, DateTimeKind.Utc), 13.237000465393066, 13.5, 0.1 + 0.2, 1.0 / 3.0, 123456789),
                new Bar(new DateTime(2021, 2, 2, 0, 0, 0, DateTimeKind.Utc), 1.0000000000000002e-6, Math.BitDecrement(BarRule.MaxPrice), BarRule.MinPrice, 5, 0),
            ]);
        var text = new StringWriter();
        BarCsvWriter.Write(original, text);

        var import = new CsvBarImport(Interval.Daily);
        import.Add(Encoding.UTF8.GetBytes(text.ToString()), "roundtrip.csv", Nvda);
        var copy = Assert.Single(import.Build().Series);

        Assert.Equal(original.Time.ToArray(), copy.Time.ToArray());
        Assert.Equal(original.Open.ToArray(), copy.Open.ToArray());
        Assert.Equal(original.High.ToArray(), copy.High.ToArray());
        Assert.Equal(original.Low.ToArray(), copy.Low.ToArray());
        Assert.Equal(original.Close.ToArray(), copy.Close.ToArray());
        Assert.Equal(original.Volume.ToArray(), copy.Volume.ToArray());
    }

    [Fact]
    public void Daily_bars_are_dated_and_intraday_bars_are_stamped_in_utc()
    {
        var daily = new StringWriter();
        BarCsvWriter.Write(BarSeries.FromBars(Nvda, Interval.Daily, [new Bar(new DateTime(2021, 2, 1, 0, 0, 0, DateTimeKind.Utc), 1, 2, 0.5, 1.5, 10)]), daily);
        var minute = new StringWriter();
        BarCsvWriter.Write(BarSeries.FromBars(Nvda, Interval.OneMinute, [new Bar(new DateTime(2021, 2, 1, 14, 30, 0, DateTimeKind.Utc), 1, 2, 0.5, 1.5, 10)]), minute);

        Assert.Equal("Date,Open,High,Low,Close,Volume\n2021-02-01,1,2,0.5,1.5,10\n", daily.ToString());
        Assert.Equal("Date,Open,High,Low,Close,Volume\n2021-02-01T14:30:00Z,1,2,0.5,1.5,10\n", minute.ToString());
    }
}
