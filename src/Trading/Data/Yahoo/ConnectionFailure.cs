using System.Net.Sockets;

namespace Trading.Data.Yahoo;

/// <summary>Recognises failures that say "there is no way to the server": retrying them only delays the bad news.</summary>
/// <remarks>
/// A missing network shows as a failed name lookup or an unreachable network; a server that is not listening
/// refuses at once. None of these heal in the second or two a retry waits, so they skip the retries and fail fast,
/// while resets, timeouts and 5xx answers (a busy or restarting server) are retried.
/// </remarks>
internal static class ConnectionFailure
{
    /// <summary>Why the host cannot be reached ("name resolution failed (no network?)"), or null for other failures.</summary>
    public static string? Describe(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError })
            {
                return "name resolution failed (no network?)";
            }

            if (e is SocketException socket && Describe(socket.SocketErrorCode) is { } why)
            {
                return why;
            }
        }

        return null;
    }

    private static string? Describe(SocketError error) => error switch
    {
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "name resolution failed (no network?)",
        SocketError.NetworkUnreachable or SocketError.NetworkDown => "network unreachable (no network?)",
        SocketError.HostUnreachable => "host unreachable (no route; no network?)",
        SocketError.ConnectionRefused => "connection refused (nothing listens on that port)",
        _ => null,
    };
}
