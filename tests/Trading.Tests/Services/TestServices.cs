namespace Trading.Tests.Services;

/// <summary>Where the real PostgreSQL and Redis for the tests are: <c>TRADE_TEST_POSTGRES</c> (an Npgsql connection
/// string) and <c>TRADE_TEST_REDIS</c> (a StackExchange.Redis configuration such as <c>127.0.0.1:6379</c>).</summary>
/// <remarks>Without them the tests that need the servers are skipped, saying which variable is missing; but in CI
/// (the variable <c>CI</c> is set, as <c>.ci/run</c> does after starting both servers) a missing variable fails the
/// test, so that a broken CI setup cannot pass by skipping them.</remarks>
internal static class TestServices
{
    public const string PostgresVariable = "TRADE_TEST_POSTGRES";
    public const string RedisVariable = "TRADE_TEST_REDIS";

    /// <summary>The connection string of the test server's maintenance database; skips (or fails in CI) without it.</summary>
    public static string Postgres() => Require(PostgresVariable, "PostgreSQL", "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres");

    /// <summary>The test Redis's configuration string; skips (or fails in CI) without it.</summary>
    public static string Redis() => Require(RedisVariable, "Redis", "127.0.0.1:6379");

    private static string Require(string variable, string server, string example)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            throw new InvalidOperationException(
                $"CI is set but {variable} is not: the {server} tests must run in CI, not skip (.ci/run starts the server and sets it).");
        }

        Skip.If(true, $"{variable} is not set, so there is no {server} to test against (e.g. {variable}=\"{example}\"; `source .ci/services` starts one).");
        return value!;
    }
}
