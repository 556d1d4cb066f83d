using Microsoft.Extensions.Options;

namespace Trading.Server.Hosting;

/// <summary>Says at start, in one warning, when the server listens beyond loopback: which interfaces, which host
/// names it answers to, and whether an API key guards the routes that trade.</summary>
internal sealed partial class NetworkExposure(IConfiguration configuration, AllowedHosts hosts, IOptions<ServerOptions> options, ILogger<NetworkExposure> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var open = ListenAddresses.From(configuration).BeyondLoopback;
        if (open.Count > 0)
        {
            var key = string.IsNullOrEmpty(options.Value.ApiKey)
                ? "; no Server:ApiKey is set (Server:AllowRemoteWithoutApiKey is true): anyone who can reach it can trade the paper account"
                : "; routes that change state need the API key";
            LogExposed(logger, string.Join("; ", open.Select(a => a.Describe())), hosts.AnyHost ? "any host name" : string.Join(", ", hosts.Names), AllowedHosts.SettingName, key);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Addresses}; requests are answered for {Hosts} ({Setting}){Key}")]
    private static partial void LogExposed(ILogger logger, string addresses, string hosts, string setting, string key);
}
