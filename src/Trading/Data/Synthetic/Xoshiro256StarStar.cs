namespace Trading.Data.Synthetic;

/// <summary>
/// The xoshiro256** generator (Blackman and Vigna, 2018), seeded through SplitMix64, with the few distributions the
/// synthetic market needs.
/// </summary>
/// <remarks>
/// We carry our own generator because <see cref="Random"/>'s algorithm is an implementation detail that .NET has
/// changed before; a published algorithm makes "same seed, same market" a promise we can keep across runtimes.
/// xoshiro256** passes BigCrush, has a period of 2^256 - 1 and costs a few nanoseconds a draw. Independent streams
/// (the market factors, each stock) come from hashing the seed together with a stream number, so stock 7's path does
/// not depend on how many stocks were asked for. Not for cryptography.
/// </remarks>
internal sealed class Xoshiro256StarStar
{
    private const double TwoToMinus53 = 1.0 / (1UL << 53);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    // The polar method makes normals in pairs; the second waits here for the next call.
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Starts from a raw state, as the reference implementation does; the state must not be all zero.</summary>
    public Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("The xoshiro256** state must not be all zero; that state never leaves zero.");
        }

        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>A generator for one stream of one seed: the four state words are SplitMix64 outputs, as the authors advise.</summary>
    public static Xoshiro256StarStar Create(ulong seed, ulong stream)
    {
        // Hashing both numbers (not adding them) keeps (seed 1, stream 0) and (seed 0, stream 1) far apart.
        var state = SplitMix64.Mix(seed) ^ SplitMix64.Mix(stream + 0xD1B54A32D192ED03UL);
        var s0 = SplitMix64.Next(ref state);
        var s1 = SplitMix64.Next(ref state);
        var s2 = SplitMix64.Next(ref state);
        var s3 = SplitMix64.Next(ref state);

        // SplitMix64 is a bijection of a counter, so four zero words in a row cannot happen; the guard is for the reader.
        return (s0 | s1 | s2 | s3) == 0 ? new Xoshiro256StarStar(1, 0, 0, 0) : new Xoshiro256StarStar(s0, s1, s2, s3);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    /// <remarks>Converted through long, not ulong: the signed conversion is one instruction on x64, the unsigned one a branchy sequence.</remarks>
    public double NextDouble() => (long)(NextUInt64() >> 11) * TwoToMinus53;

    /// <summary>Uniform on [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Uniform on 0..<paramref name="count"/>-1 (Lemire's multiply-shift; the bias, under 2^-32, is immaterial here).</summary>
    public int NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return (int)(((NextUInt64() >> 32) * (ulong)count) >> 32);
    }

    /// <summary>Standard normal, by Marsaglia's polar method (no trigonometry, so fewer library functions to trust).</summary>
    public double NextGaussian()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, w;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            w = (u * u) + (v * v);
        }
        while (w >= 1 || w == 0);

        var scale = Math.Sqrt(-2 * Math.Log(w) / w);
        _spareNormal = v * scale;
        _hasSpareNormal = true;
        return u * scale;
    }

    /// <summary>
    /// Student-t with <paramref name="degreesOfFreedom"/> (&gt; 2) rescaled to unit variance, so that it can replace a
    /// standard normal shock and add only fat tails. Bailey's polar method: one rejection loop, one power.
    /// </summary>
    public double NextStudentT(double degreesOfFreedom)
    {
        var nu = degreesOfFreedom;
        double u, v, w;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            w = (u * u) + (v * v);
        }
        while (w >= 1 || w == 0);

        var t = u * Math.Sqrt(nu * (Math.Pow(w, -2 / nu) - 1) / w);
        return t * Math.Sqrt((nu - 2) / nu);
    }

    /// <summary>
    /// Student-t with 4 degrees of freedom, rescaled to unit variance: <see cref="NextStudentT"/> with the power
    /// w^(-1/2) written as a square root, which is exact in IEEE arithmetic and several times cheaper than a power.
    /// </summary>
    /// <remarks>Four degrees of freedom gives single-stock tails (an infinite fourth moment in theory, so clip it).</remarks>
    public double NextStudentT4()
    {
        double u, v, w;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            w = (u * u) + (v * v);
        }
        while (w >= 1 || w == 0);

        // t = u * sqrt(4 (w^-1/2 - 1) / w); unit variance divides by sqrt(2), hence sqrt(2 (...) / w).
        return u * Math.Sqrt(2 * ((1 / Math.Sqrt(w)) - 1) / w);
    }
}
