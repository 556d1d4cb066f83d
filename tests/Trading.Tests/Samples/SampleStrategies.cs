using Trading.Backtesting;
using Trading.Data.Synthetic;
using Trading.Domain;
using Trading.Strategies.Files;

namespace Trading.Tests.Samples;

/// <summary>The strategy files of samples/strategies, each compiled once with the loader users get (into a cache of
/// the test's own), and a synthetic market made here to run them over.</summary>
public sealed class SampleStrategies : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "trade-samples-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, StrategySource> _sources = [];
    private readonly Lock _gate = new();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Folder { get; } = Path.Combine(RepositoryRoot, "samples", "strategies");

    /// <summary>Every sample's file name without .cs, which is also the name of the strategy it declares.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Directory.GetFiles(Folder, "*.cs").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    public static TheoryData<string> All => [.. Names];

    /// <summary>Ten stocks of the synthetic market over three years, with their splits and dividends.</summary>
    public static BacktestInput Market { get; } = MakeMarket();

    public StrategySource Load(string name)
    {
        lock (_gate)
        {
            if (!_sources.TryGetValue(name, out var source))
            {
                source = new StrategyFileLoader(_cache).LoadFile(Path.Combine(Folder, name + ".cs"), name + ".cs");
                _sources[name] = source;
            }

            return source;
        }
    }

    /// <summary>Backtests the sample <paramref name="name"/> with <paramref name="parameters"/> over <paramref name="input"/>
    /// (default: <see cref="Market"/>).</summary>
    public BacktestResult Run(string name, IReadOnlyDictionary<string, string>? parameters = null, BacktestInput? input = null, BacktestSettings? settings = null)
    {
        var definition = Load(name).Find(name);
        var bound = definition.Bind(parameters ?? new Dictionary<string, string>());
        return BacktestEngine.Run(name, definition.Create(bound), bound, input ?? Market, settings ?? new BacktestSettings());
    }

    /// <summary>The bar of <paramref name="symbol"/> at <paramref name="time"/> in <paramref name="input"/>, and the one after it.</summary>
    public static (Bar Bar, Bar? Next) BarAt(BacktestInput input, Symbol symbol, DateTime time)
    {
        var series = input.Universe.Single(s => s.Symbol == symbol);
        var index = series.IndexAtOrBefore(time);
        Assert.True(index >= 0 && series[index].Time == time, $"{symbol} has no bar at {time:yyyy-MM-dd}");
        return (series[index], index + 1 < series.Count ? series[index + 1] : null);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_cache, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }

    private static BacktestInput MakeMarket()
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 10, From = new DateOnly(2015, 1, 1), To = new DateOnly(2017, 12, 31), Seed = 7 });
        var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToList();
        return new BacktestInput(stocks, market.Actions) { Calendar = SyntheticExchangeCalendar.Instance };
    }

    /// <summary>The folder holding Trading.slnx, above the test's bin folder.</summary>
    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Trading.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Trading.slnx above {AppContext.BaseDirectory}");
    }
}
