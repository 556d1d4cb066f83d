using Trading.Server;

// `dotnet Trading.Server.dll` and `trade serve` start the same application; a failed background service exits 1.
var app = TradingServer.Create(args);
await using (app.ConfigureAwait(false))
{
    return await TradingServer.RunAsync(app).ConfigureAwait(false) is null ? 0 : 1;
}
