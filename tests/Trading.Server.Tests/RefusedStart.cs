namespace Trading.Server.Tests;

/// <summary>Starts the real application (not a test host) with settings that must stop it, and returns why it stopped.</summary>
/// <remarks>A test host that failed to start cannot be disposed (the generic host's StopAsync after a failed StartAsync
/// throws), and Program reports a refused start as a line instead of letting the exception reach the test host.</remarks>
internal static class RefusedStart
{
    public static async Task<Exception> Of(string databasePath, IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Store:SqlitePath"] = databasePath,
            ["urls"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        try
        {
            var app = TradingServer.Create([], all);
            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync().ConfigureAwait(false);
                await app.StopAsync().ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return e;
        }

        throw Xunit.Sdk.FailException.ForFailure("the server started");
    }
}
