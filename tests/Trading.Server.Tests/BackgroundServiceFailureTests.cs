using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

[assembly: HostingStartup(typeof(Trading.Server.Tests.FailingServiceStartup))]

namespace Trading.Server.Tests;

/// <summary>A background service that fails in a running <c>trade serve</c> is logged at error level and ends the
/// process with a non-zero exit code and one <c>error:</c> line, never silently with 0.</summary>
public sealed class BackgroundServiceFailureTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_background_service_that_fails_stops_trade_serve_with_an_error_line_and_exit_code_1()
    {
        // The real `trade serve`, with this assembly as a hosting startup that adds a service which fails at once.
        // The test assembly's dependency manifest lets the process find it; nothing else differs from a user's run.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _database.Directory };
        foreach (var arg in new[]
        {
            "exec",
            "--depsfile", Path.Combine(AppContext.BaseDirectory, "Trading.Server.Tests.deps.json"),
            "--runtimeconfig", Path.Combine(AppContext.BaseDirectory, "Trading.Server.Tests.runtimeconfig.json"),
            Path.Combine(AppContext.BaseDirectory, "trade.dll"), "serve", "--urls", "http://127.0.0.1:0", "--db", _database.Path,
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = typeof(FailingServiceStartup).Assembly.GetName().Name;
        using var serve = Process.Start(start)!;
        var output = serve.StandardOutput.ReadToEndAsync();
        var error = serve.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await serve.WaitForExitAsync(timeout.Token);

        var text = (await output) + (await error);
        Assert.True(serve.ExitCode == 1, $"exit code {serve.ExitCode}: {text}");
        Assert.Contains("fail: Trading.Server.Hosting.BackgroundServiceWatch", text, StringComparison.Ordinal);
        Assert.Contains("The background service FailingService failed; the server stops", text, StringComparison.Ordinal);
        Assert.Contains(FailingService.Fault, text, StringComparison.Ordinal);
        Assert.Contains($"error: the server stopped because the background service FailingService failed: {FailingService.Fault}", text, StringComparison.Ordinal);
    }
}

/// <summary>Adds <see cref="FailingService"/> to a server that names this assembly as a hosting startup.</summary>
internal sealed class FailingServiceStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) => builder.ConfigureServices(services => services.AddHostedService<FailingService>());
}

/// <summary>Fails once the server is up, as a bug in a background service would.</summary>
internal sealed class FailingService : BackgroundService
{
    public const string Fault = "a fault the test put in a background service";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
        throw new InvalidOperationException(Fault);
    }
}
