using Trading.Server;

// `dotnet Trading.Server.dll` and `trade serve` start the same application, and say a refused start the same way: one
// error line and exit code 1 (a bad setting, an address in use), never a stack trace; a failed background service
// exits 1 too.
try
{
    var app = TradingServer.Create(args);
    await using (app.ConfigureAwait(false))
    {
        return await TradingServer.RunAsync(app).ConfigureAwait(false) is null ? 0 : 1;
    }
}
catch (Exception e) when (e is Microsoft.Extensions.Options.OptionsValidationException or IOException or InvalidOperationException)
{
    await Console.Error.WriteLineAsync($"error: {e.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
    return 1;
}
