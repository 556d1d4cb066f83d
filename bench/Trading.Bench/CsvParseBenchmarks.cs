using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Trading.Data.Csv;
using Trading.Domain;

namespace Trading.Bench;

/// <summary>CSV import throughput: rows parsed, checked, sorted and built into a series per second.</summary>
[MemoryDiagnoser]
public class CsvParseBenchmarks
{
    private const int Rows = 1_000_000;
    private byte[] _yahooCsv = [];

    [GlobalSetup]
    public void Setup()
    {
        // A Yahoo-layout file of a million rows with 6-decimal prices, as Yahoo writes them.
        var text = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume\n", Rows * 70);
        var day = new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var price = 100.0;
        var random = new Random(7);
        for (var i = 0; i < Rows; i++)
        {
            price *= 1 + ((random.NextDouble() - 0.5) * 0.02);
            var high = price * 1.01;
            var low = price * 0.99;
            text.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{price:F6},{high:F6},{low:F6},{price:F6},{price * 0.9:F6},{random.Next(1_000_000, 50_000_000)}\n");
            day = day.AddDays(1);
        }

        _yahooCsv = Encoding.UTF8.GetBytes(text.ToString());
    }

    [Benchmark(OperationsPerInvoke = Rows, Description = "Yahoo CSV parse (per row)")]
    public int ParseYahooCsv()
    {
        var import = new CsvBarImport(Interval.Daily);
        import.Add(_yahooCsv, "bench.csv", Symbol.Parse("BENCH"));
        return import.Build().Series[0].Count;
    }
}
