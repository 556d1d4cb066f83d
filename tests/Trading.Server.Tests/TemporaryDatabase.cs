using Trading.Data;
using Trading.Data.Storage.Sqlite;
using Trading.Data.Synthetic;
using Trading.Domain;

namespace Trading.Server.Tests;

/// <summary>A SQLite file in a fresh temp directory, optionally seeded with the synthetic bars of 2022-2023 under the
/// original's tickers (AAPL, GOOGL, MSFT) and its market index (^GSPC), deleted on dispose.</summary>
public sealed class TemporaryDatabase : IDisposable
{
    public static readonly string[] Tickers = ["AAPL", "GOOGL", "MSFT"];

    /// <summary>The synthetic market's index, under the name the original's signal example asks for.</summary>
    public const string Index = "^GSPC";

    public TemporaryDatabase(bool seeded = true)
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trading-server-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "trading.db");
        if (seeded)
        {
            using var store = new SqliteMarketDataStore(Path);
            store.WriteAsync(Seed()).GetAwaiter().GetResult();
        }
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>Three synthetic stocks renamed AAPL, GOOGL, MSFT, and the index renamed ^GSPC: deterministic bars for
    /// every trading day of 2022 and 2023.</summary>
    public static MarketDataBatch Seed()
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 3, From = new DateOnly(2022, 1, 1), To = new DateOnly(2023, 12, 31), Seed = 7 });
        var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToArray();
        var renamed = new List<BarSeries>();
        for (var i = 0; i < Tickers.Length; i++)
        {
            var s = stocks[i];
            renamed.Add(new BarSeries(Symbol.Parse(Tickers[i]), s.Interval, s.Time.ToArray(), s.Open.ToArray(), s.High.ToArray(), s.Low.ToArray(), s.Close.ToArray(), s.Volume.ToArray()));
        }

        var index = market.Series.Single(s => s.Symbol == SyntheticMarket.IndexSymbol);
        renamed.Add(new BarSeries(Symbol.Parse(Index), index.Interval, index.Time.ToArray(), index.Open.ToArray(), index.High.ToArray(), index.Low.ToArray(), index.Close.ToArray(), index.Volume.ToArray()));
        return new MarketDataBatch(renamed, []);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves litter in the temp folder; it must not fail the test.
        }
    }
}
