using System.Diagnostics;

namespace Trading.Tests.Cli;

/// <summary><c>trade serve</c> with a bad setting stops at once with one line naming the key, as a user who set a
/// TRADE_ variable meets it: a real process, its environment, its exit code.</summary>
public sealed class ServeSettingsTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("TRADE_Server__RateLimit__Window", "abc", "error: Server:RateLimit:Window must be a duration as [d.]hh:mm:ss, like 00:00:30; got 'abc'")]
    [InlineData("TRADE_Server__RateLimit__Window", "00:00:00", "error: Server:RateLimit:Window must be a positive duration")]
    [InlineData("TRADE_Cache__SizeLimitBytes", "abc", "error: Cache:SizeLimitBytes must be a whole number")]
    [InlineData("TRADE_Cache__SizeLimitBytes", "-1", "error: Cache:SizeLimitBytes must be at least 0")]
    [InlineData("TRADE_Server__PaperInitialCash", "1e40", "error: Server:PaperInitialCash must be a number")]
    [InlineData("TRADE_Server__PaperInitialCash", "1e13", "error: Server:PaperInitialCash must be between 0 and 1,000,000,000,000")]
    [InlineData("TRADE_Cache__SlidingExpiration", "-00:01:00", "error: Cache:SlidingExpiration must be a positive duration")]
    [InlineData("TRADE_Yahoo__MaxRetries", "many", "error: Yahoo:MaxRetries must be a whole number")]
    [InlineData("TRADE_Server__BacktestResultsBudgetBytes", "abc", "error: Server:BacktestResultsBudgetBytes must be a whole number")]
    [InlineData("TRADE_Server__BacktestResultRows", "lots", "error: Server:BacktestResultRows must be a whole number")]
    public async Task A_bad_setting_stops_serve_with_one_line_naming_the_key(string variable, string value, string expected)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _cli.Directory };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "trade.dll"), "serve", "--urls", "http://127.0.0.1:0", "--db", _cli.DatabasePath })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[variable] = value;
        using var serve = Process.Start(start)!;
        var output = serve.StandardOutput.ReadToEndAsync();
        var error = serve.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await serve.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            serve.Kill(entireProcessTree: true);
            Assert.Fail($"serve started with {variable}={value} instead of refusing it");
        }

        var lines = ((await output) + (await error)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(1, serve.ExitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }
}
