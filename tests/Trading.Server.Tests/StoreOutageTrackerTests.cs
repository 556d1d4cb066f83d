namespace Trading.Server.Tests;

/// <summary>The outage tracker alone: one error per outage, one line per recovery, however the two interleave.</summary>
public sealed class StoreOutageTrackerTests : IDisposable
{
    private readonly TemporaryDatabase _database = new(seeded: false);

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Each_outage_is_logged_once_when_it_starts_and_once_when_it_ends()
    {
        var logs = new CapturedLogs();
        using var store = new Trading.Data.Storage.Sqlite.SqliteMarketDataStore(_database.Path);
        using var outage = new Storage.StoreOutage(store, TimeProvider.System, new Microsoft.Extensions.Logging.Logger<Storage.StoreOutage>(new SingleProviderFactory(logs)));

        for (var i = 0; i < 5; i++)
        {
            outage.Failed(new InvalidOperationException("down"), $"t{i}");
        }

        outage.Answered();
        outage.Answered();
        outage.Failed(new InvalidOperationException("down again"), "t9");

        Assert.Equal(2, logs.Lines.Count(line => line.StartsWith("Error ", StringComparison.Ordinal)));
        Assert.Single(logs.Lines, line => line.Contains("answers again after 5 failed requests", StringComparison.Ordinal));
        Assert.Equal(4, logs.Lines.Count(line => line.StartsWith("Debug ", StringComparison.Ordinal)));
    }

    private sealed class SingleProviderFactory(Microsoft.Extensions.Logging.ILoggerProvider provider) : Microsoft.Extensions.Logging.ILoggerFactory
    {
        public void AddProvider(Microsoft.Extensions.Logging.ILoggerProvider provider)
        {
        }

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
