using StackExchange.Redis;
using Trading.Data.Caching.Redis;

namespace Trading.Tests.Services;

/// <summary>Connections to the test Redis, and a key prefix of their own so that test classes running in parallel
/// on one server never see each other's keys; the prefix's keys are deleted on dispose.</summary>
internal sealed class RedisTestConnections : IDisposable
{
    private readonly List<ConnectionMultiplexer> _connections = [];
    private string? _configuration;

    /// <summary>A prefix no other test uses.</summary>
    public string Prefix { get; } = $"test:{Guid.NewGuid():N}:";

    /// <summary>The test server's configuration string (skips or fails as <see cref="TestServices"/> says).</summary>
    public string Configuration => _configuration ??= TestServices.Redis();

    /// <summary>A new connection, as another process would have, with the program's own settings.</summary>
    public ConnectionMultiplexer Connect(string? configuration = null)
    {
        var connection = ConnectionMultiplexer.Connect(RedisConnectionSettings.Parse(configuration ?? Configuration));
        lock (_connections)
        {
            _connections.Add(connection);
        }

        return connection;
    }

    public void Dispose()
    {
        if (_configuration is not null)
        {
            using var cleaner = ConnectionMultiplexer.Connect(_configuration);
            var server = cleaner.GetServers()[0];
            var keys = server.Keys(pattern: Prefix + "*").ToArray();
            if (keys.Length > 0)
            {
                cleaner.GetDatabase().KeyDelete(keys);
            }
        }

        foreach (var connection in _connections)
        {
            connection.Dispose();
        }
    }
}
