using System.Text;
using Trading.Server.Hosting;

namespace Trading.Server.Tests;

/// <summary>Answers kept under idempotency keys are bounded in count and bytes, oldest forgotten first.</summary>
public sealed class IdempotencyKeysTests
{
    private static readonly byte[] Body = IdempotencyKeys.Fingerprint("{}"u8);

    [Fact]
    public void Beyond_its_capacity_the_oldest_key_is_forgotten()
    {
        var keys = new IdempotencyKeys(capacity: 3, budgetBytes: 1_000_000);
        for (var i = 0; i < 5; i++)
        {
            keys.Keep("rebalance", $"k{i}", Body, Encoding.UTF8.GetBytes($"answer {i}"));
        }

        Assert.Equal(3, keys.Count);
        Assert.Null(keys.Find("rebalance", "k0"));
        Assert.Null(keys.Find("rebalance", "k1"));
        Assert.Equal("answer 4", Encoding.UTF8.GetString(keys.Find("rebalance", "k4")!.Answer));
    }

    [Fact]
    public void Beyond_its_byte_budget_the_oldest_answers_are_forgotten_and_one_larger_than_the_budget_is_not_kept()
    {
        var keys = new IdempotencyKeys(capacity: 100, budgetBytes: 250);
        keys.Keep("s", "a", Body, new byte[100]);
        keys.Keep("s", "b", Body, new byte[100]);
        keys.Keep("s", "c", Body, new byte[100]);
        keys.Keep("s", "huge", Body, new byte[251]);

        Assert.Null(keys.Find("s", "a"));
        Assert.NotNull(keys.Find("s", "b"));
        Assert.NotNull(keys.Find("s", "c"));
        Assert.Null(keys.Find("s", "huge"));
    }

    [Fact]
    public void A_key_is_one_routes_and_one_bodys()
    {
        var keys = new IdempotencyKeys();
        keys.Keep("rebalance", "k", Body, [1]);

        Assert.Null(keys.Find("another route", "k"));
        Assert.True(keys.Find("rebalance", "k")!.IsFor(IdempotencyKeys.Fingerprint("{}"u8)));
        Assert.False(keys.Find("rebalance", "k")!.IsFor(IdempotencyKeys.Fingerprint("{ }"u8)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("é")]
    public void A_key_that_is_not_visible_ascii_is_refused(string key) => Assert.NotNull(IdempotencyKeys.Problem(key));

    [Fact]
    public void A_uuid_is_a_good_key() => Assert.Null(IdempotencyKeys.Problem(Guid.NewGuid().ToString()));
}
