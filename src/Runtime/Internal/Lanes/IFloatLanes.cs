namespace Dendrite.Internal.Lanes;

/// <summary>
/// A register of float lanes, so that an elementwise pass over a parameter buffer is written once and run at the
/// widest width the hardware accelerates (<see cref="Lanes512"/>), at <c>Vector&lt;float&gt;</c>'s width
/// (<see cref="PortableLanes"/>), and one value at a time for the rest (<see cref="ScalarLane"/>).
/// </summary>
/// <remarks>
/// Every operation is lane by lane and correctly rounded (IEEE add, subtract, multiply, divide, square root; no
/// contraction into fused multiply-adds), so a value gets the same bits at every width: which width runs is a matter
/// of speed only (LanesEquivalenceTests). The implementations are structs over one vector, and every member is
/// inlined: a generic method instantiated with one of them compiles to the same loop as one written for that vector
/// type (bench/README.md, "The optimizer's passes at 512 bits").
/// <para>
/// Each generic loop over lanes (the optimizers' <c>Rule</c> methods, <c>Optimizer.FiniteScan.Of</c>) is
/// <c>NoInlining</c>: inlined into a large caller, the JIT's inlining budget ran out before it reached the lane
/// operations, which then stayed calls passing 64-byte structs through memory. <c>OptimizerBenchmarks</c> measured one
/// Adam update over A's parameters at 103 µs that way, against 5.5 µs with the loop compiled on its own.
/// </para>
/// </remarks>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
internal interface IFloatLanes<TSelf>
    where TSelf : struct, IFloatLanes<TSelf>
{
    /// <summary>Floats per register.</summary>
    static abstract int Count { get; }

    /// <summary>The register filled with <paramref name="value"/>.</summary>
    static abstract TSelf Broadcast(float value);

    /// <summary>The register of zeros.</summary>
    static abstract TSelf Zero { get; }

    /// <summary>Reads <see cref="Count"/> floats starting at <paramref name="source"/>.</summary>
    static abstract TSelf Load(ref float source);

    /// <summary>Writes <see cref="Count"/> floats starting at <paramref name="destination"/>.</summary>
    static abstract void Store(TSelf value, ref float destination);

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    static abstract TSelf operator /(TSelf left, TSelf right);

    /// <summary>√x per lane, correctly rounded.</summary>
    static abstract TSelf Sqrt(TSelf x);

    /// <summary>|x| per lane.</summary>
    static abstract TSelf Abs(TSelf x);

    /// <summary>The larger of two lanes, per lane.</summary>
    static abstract TSelf Max(TSelf left, TSelf right);

    /// <summary>
    /// x, with every lane whose magnitude is below the smallest normal float (<see cref="FloatLimits.SmallestNormal"/>)
    /// replaced by +0. NaN and ±∞ lanes are kept.
    /// </summary>
    static abstract TSelf FlushSubnormal(TSelf x);

    /// <summary>
    /// x² per lane, with +0 where |x| &lt; <see cref="FloatLimits.SquareUnderflowsBelow"/>: there x² is below the smallest
    /// normal float, which the processor's flush-to-zero mode would make 0, and computing it would take a microcode
    /// assist. x is not multiplied in those lanes at all.
    /// </summary>
    static abstract TSelf SquareOrZero(TSelf x);

    /// <summary>True when every lane equals zero (+0 or −0); false when one is NaN or non-zero.</summary>
    static abstract bool IsAllZero(TSelf x);

    /// <summary>The largest lane (NaN when a lane is NaN).</summary>
    static abstract float MaxAcross(TSelf x);
}
