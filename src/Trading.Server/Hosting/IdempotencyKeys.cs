using System.Security.Cryptography;

namespace Trading.Server.Hosting;

/// <summary>The answers given to requests sent with an <c>Idempotency-Key</c> header, so that a client sending the
/// same request again (a retry after a timeout, a double click) gets the first answer instead of a second action.</summary>
/// <remarks>
/// <para>A key belongs to one route (its scope) and one body: the same key with another body is refused, since it is
/// a client's mistake. Only answers that acted are kept; a refused request did nothing and may be sent again.</para>
/// <para>Bounded: at most <c>capacity</c> keys and <c>budgetBytes</c> of answers, the oldest forgotten first, in
/// memory (a restart forgets them, as it forgets the paper account).</para>
/// </remarks>
internal sealed class IdempotencyKeys(int capacity = IdempotencyKeys.DefaultCapacity, long budgetBytes = IdempotencyKeys.DefaultBudgetBytes)
{
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Set on an answer that repeats a kept one.</summary>
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    public const int MaxKeyLength = 255;
    public const int DefaultCapacity = 1000;
    public const long DefaultBudgetBytes = 16L * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<KeptAnswer>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<KeptAnswer> _oldestFirst = new();
    private long _bytes;

    /// <summary>How many keys are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byKey.Count;
            }
        }
    }

    /// <summary>What is wrong with a key as sent, or null: 1 to 255 visible ASCII characters.</summary>
    public static string? Problem(string key)
    {
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            return $"an {HeaderName} is 1 to {MaxKeyLength} visible ASCII characters (a UUID does); got {(key.Length > MaxKeyLength ? $"{key.Length} characters" : "'" + new string([.. key.Take(40).Select(c => c is < ' ' or > '~' ? '?' : c)]) + "'")}";
        }

        return null;
    }

    /// <summary>A digest of a request's body, to tell the same request from another one under the same key.</summary>
    public static byte[] Fingerprint(ReadOnlySpan<byte> body) => SHA256.HashData(body);

    /// <summary>The answer kept for <paramref name="key"/> on <paramref name="scope"/>, or null.</summary>
    public KeptAnswer? Find(string scope, string key)
    {
        lock (_gate)
        {
            return _byKey.TryGetValue(Name(scope, key), out var node) ? node.Value : null;
        }
    }

    /// <summary>Keeps <paramref name="answer"/> for <paramref name="key"/> on <paramref name="scope"/>, forgetting the
    /// oldest answers beyond the bounds; an answer larger than the whole budget is not kept.</summary>
    public void Keep(string scope, string key, byte[] fingerprint, byte[] answer)
    {
        var name = Name(scope, key);
        lock (_gate)
        {
            if (_byKey.ContainsKey(name) || answer.Length > budgetBytes)
            {
                return;
            }

            _byKey[name] = _oldestFirst.AddLast(new KeptAnswer(name, fingerprint, answer));
            _bytes += answer.Length;
            while (_byKey.Count > capacity || _bytes > budgetBytes)
            {
                var oldest = _oldestFirst.First!;
                _oldestFirst.RemoveFirst();
                _byKey.Remove(oldest.Value.Name);
                _bytes -= oldest.Value.Answer.Length;
            }
        }
    }

    private static string Name(string scope, string key) => $"{scope}\n{key}";
}

/// <summary>An answer kept under an idempotency key, with the fingerprint of the body that earned it.</summary>
internal sealed record KeptAnswer(string Name, byte[] Fingerprint, byte[] Answer)
{
    public bool IsFor(byte[] fingerprint) => CryptographicOperations.FixedTimeEquals(Fingerprint, fingerprint);
}
