using Trading.Journal;

namespace Trading.Tests.Journal;

/// <summary>What the journal accepts, checked where entries and nodes are made, before any store sees them.</summary>
public sealed class JournalRuleTests
{
    private static readonly DateTime T0 = new(2024, 3, 1, 14, 30, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("fill")]
    [InlineData("order_submitted")]
    [InlineData("corporate-action")]
    [InlineData("EOD2")]
    [InlineData("k")]
    public void Short_ascii_kinds_are_taken_as_given(string kind) =>
        Assert.Equal(kind, new JournalRecordDraft(T0, kind, ReadOnlyMemory<byte>.Empty).Kind);

    [Fact]
    public void A_kind_of_64_characters_is_the_longest()
    {
        Assert.Equal(64, new JournalRecordDraft(T0, new string('k', 64), ReadOnlyMemory<byte>.Empty).Kind.Length);
        Assert.Throws<ArgumentException>(() => new JournalRecordDraft(T0, new string('k', 65), ReadOnlyMemory<byte>.Empty));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fill ")]
    [InlineData("fill'")]
    [InlineData("fill\"")]
    [InlineData("order.filled")]
    [InlineData("f\u00efll")]
    [InlineData("fill\u0000")]
    public void Other_kinds_are_refused_saying_what_a_kind_may_be(string? kind)
    {
        var error = Assert.Throws<ArgumentException>(() => new JournalRecordDraft(T0, kind!, ReadOnlyMemory<byte>.Empty));

        Assert.Equal("kind", error.ParamName);
        Assert.Contains("journal entry kind must be 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_hostile_name_is_shown_cut_short_and_escaped()
    {
        var hostile = "\"; DROP TABLE nodes; --\n" + new string('x', 1_000_000);

        var error = Assert.Throws<ArgumentException>(() => JournalRule.CheckName(hostile, "node id", "nodeId"));

        Assert.True(error.Message.Length < 400, error.Message);
        Assert.Contains("\"\\\"; DROP TABLE nodes; --\\u000a", error.Message, StringComparison.Ordinal);
        Assert.Contains("(1,000,024 characters)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_of_one_mebibyte_is_the_largest()
    {
        Assert.Equal(1 << 20, new JournalRecordDraft(T0, "fill", new byte[1 << 20]).Payload.Length);

        var error = Assert.Throws<ArgumentException>(() => new JournalRecordDraft(T0, "fill", new byte[(1 << 20) + 1]));

        Assert.Contains("at most 1,048,576 bytes (1 MiB); this one is 1,048,577", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_times_are_utc_to_the_microsecond_within_the_supported_dates()
    {
        Assert.Equal(T0.AddTicks(10), new JournalRecordDraft(T0.AddTicks(10), "fill", ReadOnlyMemory<byte>.Empty).StepTime);

        var local = Assert.Throws<ArgumentException>(() => new JournalRecordDraft(DateTime.SpecifyKind(T0, DateTimeKind.Local), "fill", ReadOnlyMemory<byte>.Empty));
        var unspecified = Assert.Throws<ArgumentException>(() => new JournalRecordDraft(DateTime.SpecifyKind(T0, DateTimeKind.Unspecified), "fill", ReadOnlyMemory<byte>.Empty));
        var fine = Assert.Throws<ArgumentException>(() => new JournalRecordDraft(T0.AddTicks(1), "fill", ReadOnlyMemory<byte>.Empty));
        Assert.ThrowsAny<ArgumentException>(() => new JournalRecordDraft(new DateTime(1899, 12, 31, 0, 0, 0, DateTimeKind.Utc), "fill", ReadOnlyMemory<byte>.Empty));
        Assert.ThrowsAny<ArgumentException>(() => new JournalRecordDraft(DateTime.SpecifyKind(DateTime.MaxValue.AddTicks(-9_999_999), DateTimeKind.Utc), "fill", ReadOnlyMemory<byte>.Empty));

        Assert.Contains("must be UTC", local.Message, StringComparison.Ordinal);
        Assert.Contains("must be UTC", unspecified.Message, StringComparison.Ordinal);
        Assert.Contains("to the microsecond", fine.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_are_equal_when_their_payload_bytes_are()
    {
        var a = new JournalRecord(1, T0, "fill", new byte[] { 1, 2, 3 });
        var b = new JournalRecord(1, T0, "fill", new byte[] { 0, 1, 2, 3 }.AsMemory(1));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new JournalRecord(1, T0, "fill", new byte[] { 1, 2, 4 }));
        Assert.NotEqual(a, new JournalRecord(2, T0, "fill", new byte[] { 1, 2, 3 }));
        Assert.Equal(new JournalRecordDraft(T0, "fill", new byte[] { 9 }), new JournalRecordDraft(T0, "fill", new byte[] { 9 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JournalRecord(0, T0, "fill", ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void A_node_definition_is_any_text_json_can_be_up_to_a_mebibyte_of_utf8()
    {
        // 9 + 2 x 524,282 + 3 bytes: exactly 1 MiB.
        var definition = "{\"note\":\"" + new string('é', 524_282) + "a\"}";
        Assert.Equal(definition, Node(definition: definition).Definition);

        Assert.Contains("bytes of UTF-8; at most 1,048,576", Assert.Throws<ArgumentException>(() => Node(definition: definition + "x")).Message, StringComparison.Ordinal);
        Assert.Contains("NUL", Assert.Throws<ArgumentException>(() => Node(definition: "{\"a\":\"\0\"}")).Message, StringComparison.Ordinal);
        Assert.Contains("lone surrogate", Assert.Throws<ArgumentException>(() => Node(definition: "{\"a\":\"\ud800\"}")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => Node(definition: null!));
    }

    [Fact]
    public void A_node_state_is_a_name_and_its_reason_a_short_text()
    {
        Assert.Equal("halted", Node(state: "halted", reason: new string('r', 4096)).State);

        Assert.Throws<ArgumentException>(() => Node(state: "halted!"));
        Assert.Throws<ArgumentException>(() => Node(state: string.Empty));
        Assert.Contains("at most 4,096 characters", Assert.Throws<ArgumentException>(() => Node(reason: new string('r', 4097))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Node(reason: "a\0b"));
    }

    [Fact]
    public void A_node_cannot_be_updated_before_it_was_created()
    {
        var error = Assert.Throws<ArgumentException>(() => new NodeRecord("n1", "{}", "running", null, T0, T0.AddTicks(-10)));

        Assert.Contains("before it was created", error.Message, StringComparison.Ordinal);
        Assert.Equal(T0.AddHours(1), Node().WithState("stopped", "by alice", T0.AddHours(1)).UpdatedAt);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("host-1.example.com:4242:0f8fad5b@eu")]
    public void Lease_owners_may_name_a_host_and_process(string owner) => Assert.Equal(owner, JournalRule.CheckOwner(owner, "owner"));

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("a'b")]
    public void Other_lease_owners_are_refused(string owner) =>
        Assert.Contains("lease owner must be", Assert.Throws<ArgumentException>(() => JournalRule.CheckOwner(owner, "owner")).Message, StringComparison.Ordinal);

    private static NodeRecord Node(string definition = "{}", string state = "running", string? reason = null) =>
        new("n1", definition, state, reason, T0, T0);
}
