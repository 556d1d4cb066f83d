using Trading.Domain;

namespace Trading.Server.OrderEvents;

/// <summary>One order event as the server's <see cref="OrderEventLog"/> holds it: its place in the log, where it came
/// from, its JSON (<see cref="Execution.OrderEventJson"/>, as published on the Redis channel) and the Server-Sent
/// Events frame every order stream sends for it, made once.</summary>
/// <param name="Source">Who published it: <see cref="PaperSource"/> for the paper account; a trading node
/// <see cref="NodeSource"/>, so that a stream of one node's orders can leave out the others.</param>
internal sealed record LoggedOrderEvent(long Sequence, string Source, OrderEvent Event, string Json, ReadOnlyMemory<byte> Frame)
{
    public const string PaperSource = "paper";

    /// <summary>The source of a trading node's events.</summary>
    public static string NodeSource(string nodeId) => "node:" + nodeId;
}
