using Trading.Server;

// `dotnet Trading.Server.dll` and `trade serve` start the same application.
await TradingServer.Create(args).RunAsync().ConfigureAwait(false);
