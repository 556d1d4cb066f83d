using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Trading.Tests.Feeds;

/// <summary>Every line a component logs, as "Level: message", for tests that count them.</summary>
internal sealed class CapturedLog<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The lines that contain every one of <paramref name="parts"/>.</summary>
    public IReadOnlyList<string> With(params string[] parts) =>
        [.. _lines.Where(line => parts.All(part => line.Contains(part, StringComparison.Ordinal)))];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
}
