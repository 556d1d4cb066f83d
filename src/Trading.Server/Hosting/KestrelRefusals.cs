using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Trading.Server.Hosting;

/// <summary>Gives the requests Kestrel refuses on its own a problem body in the API's shape.</summary>
/// <remarks>
/// <para>A request line or headers Kestrel cannot read (<c>%00</c> in the path, a control character, a malformed
/// header, a line or headers too long) never reach any middleware: Kestrel answers at once with a bare status, an
/// empty body and <c>Connection: close</c>, and no setting changes that. So this sits between Kestrel and the
/// socket, as connection middleware, and rewrites exactly that answer: a 4xx response head with an empty body that
/// closes the connection, which the API itself never sends (every refusal of its own has a problem body).</para>
/// <para>It reads HTTP/1.x in clear text; on a TLS connection it sees ciphertext and leaves everything alone.</para>
/// </remarks>
internal static class KestrelRefusals
{
    public static ListenOptions UseRefusalProblems(this ListenOptions listen)
    {
        listen.Use(next => connection =>
        {
            connection.Transport = new Transport(connection.Transport);
            return next(connection);
        });
        return listen;
    }

    /// <summary>The problem+json answer for a refusal's status line, or null when the bytes are not a refusal.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> written)
    {
        // "HTTP/1.1 400 Bad Request\r\n...\r\n\r\n" with no body: cheap checks first, most writes fail the first.
        if (written.Length is < 16 or > 1024
            || !written.StartsWith("HTTP/1."u8)
            || written[9] != (byte)'4'
            || !written.EndsWith("\r\n\r\n"u8)
            || written.IndexOf("\r\nContent-Length: 0\r\n"u8) < 0
            || written.IndexOf("\r\nConnection: close\r\n"u8) < 0
            || written.IndexOf("\r\nContent-Type:"u8) >= 0)
        {
            return null;
        }

        var status = ((written[9] - '0') * 100) + ((written[10] - '0') * 10) + (written[11] - '0');
        var (field, detail) = status switch
        {
            StatusCodes.Status414RequestUriTooLong => ("path", "the request line is too long for the server to read"),
            StatusCodes.Status431RequestHeaderFieldsTooLarge => ("headers", "the request's headers are too large for the server to read"),
            StatusCodes.Status408RequestTimeout => ("request", "the request did not arrive in time"),
            _ => ("request", "the server could not read this request: its line or headers are not valid HTTP (for example %00 or another control character in the path, or a malformed header)"),
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["type"] = status switch
            {
                StatusCodes.Status408RequestTimeout or StatusCodes.Status414RequestUriTooLong => $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
                StatusCodes.Status431RequestHeaderFieldsTooLarge => "https://tools.ietf.org/html/rfc6585#section-5",
                _ => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            },
            ["title"] = ApiProblem.TitleOf(status),
            ["status"] = status,
            ["detail"] = detail,
            ["errors"] = new Dictionary<string, string[]> { [field] = [detail] },
        });

        // The head as Kestrel wrote it, its empty length replaced by the body's and the content type added.
        var head = Encoding.ASCII.GetString(written[..^2]).Replace(
            "\r\nContent-Length: 0\r\n",
            $"\r\nContent-Type: application/problem+json\r\nContent-Length: {body.Length}\r\n",
            StringComparison.Ordinal);
        return [.. Encoding.ASCII.GetBytes(head + "\r\n"), .. body];
    }

    private sealed class Transport(IDuplexPipe inner) : IDuplexPipe
    {
        public PipeReader Input => inner.Input;

        public PipeWriter Output { get; } = new RefusalWriter(inner.Output);
    }

    /// <summary>Passes every write through, except a refusal, which it replaces before it is flushed.</summary>
    private sealed class RefusalWriter(PipeWriter inner) : PipeWriter
    {
        // The memory last handed out: Advance says how much of it was written.
        private Memory<byte> _handedOut;

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override Memory<byte> GetMemory(int sizeHint = 0) => _handedOut = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

        public override void Advance(int bytes)
        {
            if (bytes > 0 && bytes <= _handedOut.Length && Rewrite(_handedOut.Span[..bytes]) is { } problem)
            {
                // Not advanced, the refusal's bytes are overwritten by the problem's.
                inner.Write(problem);
                return;
            }

            inner.Advance(bytes);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }
}
