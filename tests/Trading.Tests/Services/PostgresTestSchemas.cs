using Npgsql;

namespace Trading.Tests.Services;

/// <summary>Throwaway schemas on the test PostgreSQL: each is empty when made and dropped with everything in it on
/// dispose, so test classes run in parallel on one server without seeing each other.</summary>
internal sealed class PostgresTestSchemas : IDisposable
{
    private readonly List<string> _schemas = [];
    private string? _server;

    /// <summary>The test server's connection string, without a schema (skips or fails as <see cref="TestServices"/> says).</summary>
    public string Server => _server ??= TestServices.Postgres();

    /// <summary>Creates a new empty schema and returns a connection string whose search path is that schema.</summary>
    public string Create()
    {
        var name = $"test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(Server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE SCHEMA {name};", connection);
            command.ExecuteNonQuery();
        }

        lock (_schemas)
        {
            _schemas.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(Server) { SearchPath = name }.ToString();
    }

    public void Dispose()
    {
        if (_server is null || _schemas.Count == 0)
        {
            return;
        }

        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        foreach (var name in _schemas)
        {
            using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {name} CASCADE;", connection);
            command.ExecuteNonQuery();
        }
    }
}
