using System.Net;
using System.Text.Json;

namespace Trading.Server.Tests;

/// <summary>Waiting on the server's background work as a client does: a backtest job until it is done, a node until
/// it reaches a state; a reply read as JSON with the status it must have.</summary>
internal static class Polling
{
    /// <summary>The job at <paramref name="location"/> once it succeeded or failed (or as it is after two minutes).</summary>
    public static async Task<JsonElement> BacktestDoneAsync(HttpClient client, Uri location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var job = JsonDocument.Parse(await client.GetStringAsync(location)).RootElement.Clone();
            if (job.GetProperty("status").GetString() is "succeeded" or "failed" || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The search at <paramref name="location"/> once it succeeded, failed or was cancelled (or as it is after
    /// three minutes).</summary>
    public static async Task<JsonElement> OptimizationDoneAsync(HttpClient client, Uri location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            var job = await JsonAsync(await client.GetAsync(location), HttpStatusCode.OK);
            if (job.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled" || DateTime.UtcNow > deadline)
            {
                return job;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The node <paramref name="id"/> once <paramref name="done"/> says so (or as it is after a minute).</summary>
    public static async Task<JsonElement> NodeAsync(HttpClient client, string id, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var node = await JsonAsync(await client.GetAsync($"/api/v1/nodes/{id}"), HttpStatusCode.OK);
            if (done(node) || DateTime.UtcNow > deadline)
            {
                return node;
            }

            await Task.Delay(25);
        }
    }

    /// <summary>The reply's JSON, after checking its status (the body in the message when it differs).</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
