using System.Net;
using System.Text;

namespace Trading.Server.Tests;

/// <summary>An order stream read as a Server-Sent Events client reads it: block by block (the lines up to a blank
/// one), keeping the last event id as EventSource does.</summary>
internal sealed class EventStreamReader : IAsyncDisposable
{
    public const string Route = "/api/v1/orders/stream";

    /// <summary>Long enough for a loaded machine; a test waits this long only when it is about to fail.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStreamReader(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    /// <summary>The id of the last block that had one, as EventSource sends it back in <c>Last-Event-ID</c>.</summary>
    public string? LastEventId { get; private set; }

    /// <summary>Sends the request; the answer, whatever it is, with its body unread.</summary>
    public static async Task<HttpResponseMessage> RequestAsync(HttpClient client, string? lastEventId = null, string? apiKey = null, string route = Route)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, route);
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        using var timeout = new CancellationTokenSource(Patience);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
    }

    /// <summary>Opens a stream and checks it is one: 200, <c>text/event-stream</c>, not to be cached.</summary>
    public static async Task<EventStreamReader> OpenAsync(HttpClient client, string? lastEventId = null, string? apiKey = null, string route = Route)
    {
        var response = await RequestAsync(client, lastEventId, apiKey, route);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var text = await response.Content.ReadAsStringAsync();
            response.Dispose();
            Assert.Fail($"the stream answered {(int)response.StatusCode}: {text}");
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        return new EventStreamReader(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next block, or null when the stream ended; fails after <see cref="Patience"/>.</summary>
    public async Task<ServerSentBlock?> NextBlockAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        string? id = null;
        string? type = null;
        var data = new List<string>();
        var comments = new List<string>();
        var any = false;
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"no complete block within {Patience.TotalSeconds} s (so far: id {id}, event {type}, {data.Count} data lines)");
            }

            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (!any)
                {
                    continue;
                }

                LastEventId = id ?? LastEventId;
                return new ServerSentBlock(id, type ?? "message", data.Count == 0 ? null : string.Join("\n", data), comments);
            }

            any = true;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (field, value) = colon < 0 ? (line, string.Empty) : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "":
                    comments.Add(value);
                    break;
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    data.Add(value);
                    break;
                default:
                    throw new InvalidDataException($"unexpected line on the stream: {line}");
            }
        }
    }

    /// <summary>The next block with data (an event a client's handler sees), skipping comments and bare ids.</summary>
    public async Task<ServerSentBlock> NextEventAsync()
    {
        while (true)
        {
            var block = await NextBlockAsync() ?? throw new EndOfStreamException("the stream ended while an event was awaited");
            if (block.Data is not null)
            {
                return block;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> events.</summary>
    public async Task<List<ServerSentBlock>> NextEventsAsync(int count)
    {
        var events = new List<ServerSentBlock>(count);
        while (events.Count < count)
        {
            events.Add(await NextEventAsync());
        }

        return events;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>One block of a Server-Sent Events stream: an event when it has data, else a comment or a bare id.</summary>
internal sealed record ServerSentBlock(string? Id, string Type, string? Data, IReadOnlyList<string> Comments);
