using System.Globalization;
using System.Text;
using Trading.Domain;

namespace Trading.Journal;

/// <summary>What the journal and the node registry accept: the one rule both stores check before they write, so that
/// whatever one stores the other could store too, and nothing hostile reaches SQL as a name.</summary>
/// <remarks>
/// <para>Names (node ids, entry kinds, node states) are 1 to <see cref="MaxNameLength"/> characters of
/// <c>A-Z a-z 0-9 _ -</c>: safe in a file name, a URL, a log line and a SQL literal, and compared byte for byte.
/// A lease owner may also hold <c>.</c>, <c>:</c> and <c>@</c> (<c>host:pid:guid</c>), up to
/// <see cref="MaxOwnerLength"/>.</para>
/// <para>Times are UTC (<see cref="DateTimeKind.Utc"/>) to the microsecond, PostgreSQL's precision: a finer time is
/// refused rather than rounded, so that a time reads back equal to the one written in either store. They lie within
/// the bar rule's dates.</para>
/// <para>A payload is at most <see cref="MaxPayloadBytes"/> and a step at most <see cref="MaxStepPayloadBytes"/>; a
/// node's definition at most <see cref="MaxDefinitionBytes"/> of UTF-8. Texts hold no NUL character (PostgreSQL's text
/// cannot) and no lone surrogate (UTF-8 cannot).</para>
/// </remarks>
public static class JournalRule
{
    public const int MaxNameLength = 64;

    public const int MaxOwnerLength = 128;

    /// <summary>1 MiB: a fill or an equity point is a few hundred bytes; a payload this large is a bug upstream.</summary>
    public const int MaxPayloadBytes = 1 << 20;

    /// <summary>64 MiB: one step's payloads together, so that one transaction stays a size the databases take at once.</summary>
    public const long MaxStepPayloadBytes = 64L << 20;

    public const int MaxDefinitionBytes = 1 << 20;

    public const int MaxReasonLength = 4096;

    private static readonly DateTime EarliestTime = BarRule.EarliestDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static readonly DateTime EndTime = BarRule.LatestDate.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Checks a node id, entry kind or node state; <paramref name="what"/> names it in the message.</summary>
    /// <exception cref="ArgumentException">It is not 1 to 64 characters of <c>A-Z a-z 0-9 _ -</c>.</exception>
    public static string CheckName(string? value, string what, string parameterName)
    {
        if (!IsName(value, MaxNameLength, owner: false))
        {
            throw new ArgumentException(
                $"A {what} must be 1 to {MaxNameLength} characters of A-Z, a-z, 0-9, '_' and '-'; got {Shown(value)}.", parameterName);
        }

        return value!;
    }

    /// <summary>Checks a lease owner: like a name, with <c>.</c>, <c>:</c> and <c>@</c> too, up to 128 characters.</summary>
    public static string CheckOwner(string? value, string parameterName)
    {
        if (!IsName(value, MaxOwnerLength, owner: true))
        {
            throw new ArgumentException(
                $"A lease owner must be 1 to {MaxOwnerLength} characters of A-Z, a-z, 0-9, '_', '-', '.', ':' and '@'; got {Shown(value)}.", parameterName);
        }

        return value!;
    }

    /// <summary>Checks a time that is stored: UTC, whole microseconds, within the supported dates.</summary>
    public static DateTime CheckTime(DateTime time, string what, string parameterName)
    {
        if (time.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException($"The {what} must be UTC (DateTimeKind.Utc); got {time:O} of kind {time.Kind}.", parameterName);
        }

        if (time.Ticks % 10 != 0)
        {
            throw new ArgumentException(
                $"The {what} is stored to the microsecond; {time:O} has a finer fraction, which would not read back equal.", parameterName);
        }

        if (time < EarliestTime || time >= EndTime)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                string.Create(CultureInfo.InvariantCulture, $"The {what} {time:O} is outside the supported range {BarRule.EarliestDate:yyyy-MM-dd} to {BarRule.LatestDate:yyyy-MM-dd}."));
        }

        return time;
    }

    /// <summary>Checks the clock reading a lease is judged by: UTC, within the supported dates (any fraction; the
    /// stores keep microseconds).</summary>
    public static DateTime CheckNow(DateTime now, string parameterName)
    {
        if (now.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException($"The time now must be UTC (DateTimeKind.Utc); got {now:O} of kind {now.Kind}.", parameterName);
        }

        if (now < EarliestTime || now >= EndTime)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                string.Create(CultureInfo.InvariantCulture, $"The time now, {now:O}, is outside the supported range {BarRule.EarliestDate:yyyy-MM-dd} to {BarRule.LatestDate:yyyy-MM-dd}."));
        }

        return now;
    }

    /// <summary>Checks a lease's length and returns when a lease taken at <paramref name="now"/> ends.</summary>
    public static DateTime LeaseEnd(DateTime now, TimeSpan duration, string parameterName)
    {
        CheckNow(now, nameof(now));
        if (duration <= TimeSpan.Zero || duration > EndTime - now)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                string.Create(CultureInfo.InvariantCulture, $"A lease lasts a positive time that ends before {BarRule.LatestDate.AddDays(1):yyyy-MM-dd}; got {duration}."));
        }

        return now + duration;
    }

    /// <summary>Checks one step before a store opens its transaction: a first sequence of at least 1, no null entry,
    /// payloads of at most <see cref="MaxStepPayloadBytes"/> together.</summary>
    public static void CheckStep(long expectedNextSequence, IReadOnlyList<JournalRecordDraft> entries, string parameterName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedNextSequence, 1, nameof(expectedNextSequence));
        ArgumentNullException.ThrowIfNull(entries, parameterName);
        long bytes = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            bytes += (entries[i] ?? throw new ArgumentException($"Entry {i} of the step is null.", parameterName)).Payload.Length;
        }

        if (bytes > MaxStepPayloadBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"One step appends at most {MaxStepPayloadBytes:N0} bytes of payload (64 MiB); this one has {bytes:N0} in {entries.Count:N0} entries."),
                parameterName);
        }

        if (entries.Count > 0 && expectedNextSequence > long.MaxValue - (entries.Count - 1))
        {
            throw new ArgumentOutOfRangeException(nameof(expectedNextSequence), "The step's sequence numbers would overflow a 64-bit integer.");
        }
    }

    /// <summary>Checks a text that is stored as given: no NUL, well-formed UTF-16, at most <paramref name="maxUtf8Bytes"/>
    /// bytes of UTF-8.</summary>
    public static string CheckText(string? text, int maxUtf8Bytes, string what, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(text, parameterName);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {what} must not contain the NUL character (U+0000); escape it in JSON as \\u0000.", parameterName);
        }

        int bytes;
        try
        {
            // Three bytes per char at most: a text that short cannot be too long, and is only checked for lone surrogates.
            bytes = StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"The {what} is not well-formed text: it holds a lone surrogate at index {e.Index}.", parameterName, e);
        }

        if (bytes > maxUtf8Bytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The {what} is {bytes:N0} bytes of UTF-8; at most {maxUtf8Bytes:N0} are stored."), parameterName);
        }

        return text;
    }

    private static bool IsName(string? value, int maxLength, bool owner)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' ||
                (owner && c is '.' or ':' or '@');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    // The value as a message may show it: quoted, control characters escaped, cut short (a hostile id may be huge).
    private static string Shown(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var builder = new StringBuilder("\"");
        foreach (var c in value.Length > 40 ? value[..40] : value)
        {
            builder.Append(c is '"' or '\\' ? $"\\{c}" : char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        builder.Append('"');
        if (value.Length > 40)
        {
            builder.Append(CultureInfo.InvariantCulture, $" ({value.Length:N0} characters)");
        }

        return builder.ToString();
    }

    /// <summary>The arguments of an append, checked as every store checks them before it touches the database.</summary>
    public static void CheckAppend(string nodeId, string leaseOwner, long expectedNextSequence, IReadOnlyList<JournalRecordDraft> entries, DateTime now)
    {
        CheckName(nodeId, "node id", nameof(nodeId));
        CheckOwner(leaseOwner, nameof(leaseOwner));
        CheckStep(expectedNextSequence, entries, nameof(entries));
        CheckNow(now, nameof(now));
    }

    /// <summary><paramref name="time"/> cut to the microsecond, UTC: what the stores keep (PostgreSQL's resolution), so
    /// that a time written reads back equal.</summary>
    public static DateTime ToStored(DateTime time) => new(time.Ticks - (time.Ticks % 10), DateTimeKind.Utc);
}
