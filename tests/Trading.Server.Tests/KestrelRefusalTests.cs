using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Trading.Server.Tests;

/// <summary>What Kestrel refuses before any middleware runs (<c>%00</c> in a path, a malformed header, a line too
/// long) is answered with a problem+json body naming what was wrong, like every other refusal; the test host has no
/// Kestrel, so these go through a real one on loopback.</summary>
public sealed class KestrelRefusalTests : IAsyncLifetime
{
    private readonly TemporaryDatabase _database = new();
    private WebApplication? _server;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public async Task InitializeAsync()
    {
        // The server as `trade serve` builds it, on a free loopback port.
        _server = TradingServer.Create([], new Dictionary<string, string?>
        {
            ["Store:SqlitePath"] = _database.Path,
            ["urls"] = "http://127.0.0.1:0",
            ["Server:RateLimit:PermitLimit"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }

        _database.Dispose();
    }

    [Theory]
    [InlineData("GET /api/v1/data/stock/AA%00PL HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "request")]
    [InlineData("GET /api/v1/backtests/%00 HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "request")]
    [InlineData("GET /health HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n\r\n", 400, "request")]
    [InlineData("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Huge: {0}\r\n\r\n", 431, "headers")]
    public async Task A_request_kestrel_refuses_gets_a_problem_body(string request, int status, string field)
    {
        var response = await SendRawAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, request, new string('x', 40_000)));

        var (head, body) = Split(response);
        Assert.StartsWith($"HTTP/1.1 {status} ", head, StringComparison.Ordinal);
        Assert.Contains("\r\nContent-Type: application/problem+json\r\n", head, StringComparison.Ordinal);
        Assert.Contains($"\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n", head, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    [Fact]
    public async Task A_refusal_after_a_good_request_on_the_same_connection_gets_a_problem_body_and_the_good_answer_is_untouched()
    {
        var response = await SendRawAsync("GET /api/v1/strategy/strategy_parameters/sma_cross HTTP/1.1\r\nHost: localhost\r\n\r\nGET /api/v1/data/stock/%00 HTTP/1.1\r\nHost: localhost\r\n\r\n");

        var (firstHead, rest) = Split(response);
        Assert.StartsWith("HTTP/1.1 200 OK", firstHead, StringComparison.Ordinal);
        var (first, afterFirst) = Body(firstHead, rest);
        Assert.Equal(10, JsonDocument.Parse(first).RootElement.GetProperty("fast").GetInt32());
        var (secondHead, body) = Split(afterFirst);
        Assert.StartsWith("HTTP/1.1 400 ", secondHead, StringComparison.Ordinal);
        Assert.Equal(400, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Through_an_http_client_a_path_with_a_nul_is_a_400_problem()
    {
        using var response = await Client.GetAsync("/api/v1/data/stock/AA%00PL?start_date=2023-01-02");

        await Problems.AssertProblem(response, HttpStatusCode.BadRequest, "request");
    }

    private async Task<string> SendRawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Client.BaseAddress!.Host, Client.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await reader.ReadToEndAsync(timeout.Token);
    }

    /// <summary>A response's body (by its length, or its chunks) and what follows it on the connection.</summary>
    private static (string Body, string Remainder) Body(string head, string rest)
    {
        var lines = head.Split("\r\n");
        if (lines.FirstOrDefault(l => l.StartsWith("Content-Length: ", StringComparison.Ordinal)) is { } length)
        {
            var n = int.Parse(length["Content-Length: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            return (rest[..n], rest[n..]);
        }

        Assert.Contains("Transfer-Encoding: chunked", lines);
        var body = new StringBuilder();
        while (true)
        {
            var end = rest.IndexOf("\r\n", StringComparison.Ordinal);
            var size = int.Parse(rest[..end], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            rest = rest[(end + 2)..];
            if (size == 0)
            {
                return (body.ToString(), rest[2..]);
            }

            body.Append(rest[..size]);
            rest = rest[(size + 2)..];
        }
    }

    private static (string Head, string Remainder) Split(string response)
    {
        var end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (response[..(end + 2)], response[(end + 4)..]);
    }
}
