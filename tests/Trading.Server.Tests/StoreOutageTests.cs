using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace Trading.Server.Tests;

/// <summary>A store that fails: clients get a 503 problem that names no path, host, port or database (those go to the
/// log), and the log says so once per outage, not once per request.</summary>
public sealed class StoreOutageTests : IDisposable
{
    private const string Database = "trading_secret_db";

    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string[] Errors(ServerFactory factory) =>
        [.. factory.Logs.Lines.Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal))];

    [Fact]
    public async Task With_postgres_unreachable_503_and_health_bodies_name_no_host_port_or_database_and_the_outage_is_logged_once()
    {
        var port = ClosedPort();
        using var factory = new ServerFactory(_database.Path, new Dictionary<string, string?>
        {
            ["Store:Provider"] = "postgres",
            ["Store:PostgresConnectionString"] = $"Host=127.0.0.1;Port={port};Database={Database};Username=trader;Password=pw;Timeout=3",
        });
        using var client = factory.CreateClient();

        var bodies = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await client.GetAsync($"/api/v1/data/stock/AAPL?start_date=2023-01-{i + 2:00}&end_date=2023-02-28");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            bodies.Add(body);
        }

        using var health = await client.GetAsync("/health");
        bodies.Add(await health.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("PostgreSQL", bodies[^1], StringComparison.Ordinal);
        foreach (var body in bodies)
        {
            Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
            Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
            Assert.DoesNotContain(Database, body, StringComparison.Ordinal);
        }

        Assert.Contains("trace_id", bodies[0], StringComparison.Ordinal);
        var error = Assert.Single(Errors(factory));
        // The log has what the answers leave out.
        Assert.Contains($"127.0.0.1:{port}", error, StringComparison.Ordinal);
        Assert.Contains(Database, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_names_no_sqlite_path_and_a_failing_sqlite_file_gives_503s_without_it_logged_once_and_its_recovery_once()
    {
        using var factory = new ServerFactory(_database.Path);
        using var client = factory.CreateClient();
        using var healthy = await client.GetAsync("/health");
        var healthyBody = await healthy.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Contains("SQLite", healthyBody, StringComparison.Ordinal);
        Assert.DoesNotContain(_database.Directory, healthyBody, StringComparison.Ordinal);
        Assert.DoesNotContain("trading.db", healthyBody, StringComparison.Ordinal);

        // The file is replaced by one that is not a database (the pool's open connections are closed first).
        var saved = _database.Path + ".saved";
        SqliteConnection.ClearAllPools();
        File.Move(_database.Path, saved);
        await File.WriteAllTextAsync(_database.Path, new string('x', 8192));
        var bodies = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync($"/api/v1/data/stock/MSFT?start_date=2022-03-{i + 1:00}&end_date=2022-04-30");
            bodies.Add(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {bodies[^1]}");
        }

        using var down = await client.GetAsync("/health");
        bodies.Add(await down.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        foreach (var body in bodies)
        {
            Assert.DoesNotContain(_database.Directory, body, StringComparison.Ordinal);
            Assert.DoesNotContain("trading.db", body, StringComparison.Ordinal);
        }

        Assert.Single(Errors(factory));

        SqliteConnection.ClearAllPools();
        File.Delete(_database.Path);
        File.Move(saved, _database.Path);
        using var back = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        using var again = await client.GetAsync("/health");
        Assert.Single(factory.Logs.Lines, l => l.Contains("answers again after", StringComparison.Ordinal));
        Assert.Single(Errors(factory));
    }
}
