using System.Net;
using StackExchange.Redis;

namespace Trading.Data.Caching.Redis;

/// <summary>How this program connects to Redis: a cache and a notification channel, which must never hold up or fail
/// the work they serve.</summary>
public static class RedisConnectionSettings
{
    /// <summary>Parses a StackExchange.Redis configuration string (<c>host:port,password=...</c>) and adjusts it so that
    /// Redis being down costs a fast failure, not a wait: connecting does not throw when the server is down (the
    /// connection keeps retrying in the background), commands fail at once while disconnected instead of queueing,
    /// and a command waits at most two seconds for an answer. Settings given in the string win over these defaults
    /// except the first two.</summary>
    public static ConfigurationOptions Parse(string configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.ConnectTimeout = 2000;
        }

        if (!configuration.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.AsyncTimeout = 2000;
        }

        if (!configuration.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.SyncTimeout = 2000;
        }

        // Reconnect within a second of the server coming back, rather than backing off to a minute.
        options.ReconnectRetryPolicy = new LinearRetry(500);
        return options;
    }

    /// <summary>Describes the configuration's servers without its password, for messages and health reports.</summary>
    public static string Describe(IEnumerable<EndPoint> endPoints) =>
        string.Join(",", endPoints.Select(static e => e is DnsEndPoint dns ? $"{dns.Host}:{dns.Port}" : e.ToString()));
}
