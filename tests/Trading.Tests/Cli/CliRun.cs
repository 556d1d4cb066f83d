using Trading.Cli;

namespace Trading.Tests.Cli;

/// <summary>Runs the <c>trade</c> command in-process against a throwaway database and folder.</summary>
public sealed class CliRun : IDisposable
{
    public CliRun()
    {
        Directory = Path.Combine(Path.GetTempPath(), "trade-cli-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "trading.db");

    public string File(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public Task<(int ExitCode, string Output, string Error)> Trade(params string[] args) => TradeWith(null, args);

    public Task<(int ExitCode, string Output, string Error)> TradeWith(IReadOnlyDictionary<string, string?>? settings, string[] args) =>
        TradeConfigured(settings, [.. args, "--db", DatabasePath]);

    /// <summary>Runs without <c>--db</c>: the store is whatever <paramref name="settings"/> configure.</summary>
    public async Task<(int ExitCode, string Output, string Error)> TradeConfigured(IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await TradeApp.RunAsync(args, output, error, settings);
        return (code, output.ToString(), error.ToString());
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
            // A leftover temp folder is not worth failing a test over.
        }
    }
}
