using Trading.Data.Synthetic;

namespace Trading.Tests.Data.Synthetic;

public class Xoshiro256StarStarTests
{
    [Fact]
    public void Matches_the_reference_implementation_from_a_known_state()
    {
        // From the authors' xoshiro256starstar.c with s = {1, 2, 3, 4}, worked by hand: rotl(2 * 5, 7) * 9 = 11520,
        // then the state update leaves s[1] = 0.
        var rng = new Xoshiro256StarStar(1, 2, 3, 4);

        Assert.Equal(11520UL, rng.NextUInt64());
        Assert.Equal(0UL, rng.NextUInt64());
    }

    [Fact]
    public void SplitMix64_matches_its_published_first_output_for_seed_zero()
    {
        var state = 0UL;

        Assert.Equal(0xE220A8397B1DCDAFUL, SplitMix64.Next(ref state));
    }

    [Fact]
    public void Same_seed_and_stream_give_the_same_numbers_and_other_streams_differ()
    {
        var a = Xoshiro256StarStar.Create(42, 7);
        var b = Xoshiro256StarStar.Create(42, 7);
        var otherStream = Xoshiro256StarStar.Create(42, 8);
        var otherSeed = Xoshiro256StarStar.Create(43, 7);

        var first = a.NextUInt64();
        Assert.Equal(first, b.NextUInt64());
        Assert.NotEqual(first, otherStream.NextUInt64());
        Assert.NotEqual(first, otherSeed.NextUInt64());
    }

    [Fact]
    public void Refuses_the_all_zero_state()
    {
        Assert.Throws<ArgumentException>(() => new Xoshiro256StarStar(0, 0, 0, 0));
    }

    [Fact]
    public void Uniforms_stay_in_the_unit_interval_and_average_one_half()
    {
        var rng = Xoshiro256StarStar.Create(1, 1);
        var sum = 0.0;
        const int n = 200_000;
        for (var i = 0; i < n; i++)
        {
            var u = rng.NextDouble();
            Assert.InRange(u, 0.0, 0.9999999999999999);
            sum += u;
        }

        Assert.InRange(sum / n, 0.495, 0.505);
    }

    [Fact]
    public void Normal_and_student_t_draws_have_unit_variance_and_the_t_has_fatter_tails()
    {
        var rng = Xoshiro256StarStar.Create(2, 1);
        const int n = 400_000;
        double normalSquares = 0, tSquares = 0, t4Squares = 0;
        int normalBeyond4 = 0, tBeyond4 = 0;
        for (var i = 0; i < n; i++)
        {
            var z = rng.NextGaussian();
            var t = rng.NextStudentT(5);
            var t4 = Math.Clamp(rng.NextStudentT4(), -50, 50);
            normalSquares += z * z;
            tSquares += t * t;
            t4Squares += t4 * t4;
            normalBeyond4 += Math.Abs(z) > 4 ? 1 : 0;
            tBeyond4 += Math.Abs(t) > 4 ? 1 : 0;
        }

        Assert.InRange(normalSquares / n, 0.98, 1.02);
        Assert.InRange(tSquares / n, 0.95, 1.05);
        Assert.InRange(t4Squares / n, 0.9, 1.1);
        Assert.True(tBeyond4 > 5 * normalBeyond4, $"t(5) beyond 4 sd: {tBeyond4}, normal: {normalBeyond4}");
    }
}
