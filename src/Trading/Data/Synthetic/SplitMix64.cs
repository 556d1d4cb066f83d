namespace Trading.Data.Synthetic;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit counter passed through a strong mixer. We use it only to turn a
/// user's seed into well-spread xoshiro256** state, which its authors recommend over seeding xoshiro directly.
/// </summary>
internal static class SplitMix64
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Advances the counter and returns the next output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += GoldenGamma;
        return Mix(state);
    }

    /// <summary>The output function alone: a bijection of 64-bit words that spreads every input bit over the result.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
