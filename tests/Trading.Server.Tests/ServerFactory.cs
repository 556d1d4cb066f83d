using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Trading.Server.Tests;

/// <summary>The server in memory over a temporary database, with settings a test chooses and its logs captured.</summary>
internal sealed class ServerFactory : WebApplicationFactory<TradingServer>
{
    private readonly Dictionary<string, string?> _settings;

    public ServerFactory(string databasePath, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Store:SqlitePath"] = databasePath,
            ["Server:RateLimit:PermitLimit"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
