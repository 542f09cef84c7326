namespace Dendrite.Generator.Planning;

/// <summary>
/// Chooses, per layer and per axis the kernels vectorise over, whether the layer's kernels run on 512-bit vectors
/// (<c>Vector512&lt;float&gt;</c>, 16 floats) where the hardware accelerates them, or stay on <c>Vector&lt;float&gt;</c>
/// (8 floats with AVX2, the .NET default even on AVX-512 hardware). The generated code asks
/// <c>Vector512.IsHardwareAccelerated</c>, a constant to the JIT, so the user sets nothing and other hardware never
/// sees the 512-bit code.
/// <para>
/// Why it pays: on a core with full-width 512-bit units (Zen 5, Intel's server cores) a 512-bit multiply-add does twice
/// the work of a 256-bit one in the same time, and the kernels, already register-blocked, run at that doubled peak
/// (bench/README.md, "512-bit kernels"). Why per axis: an axis shorter than 16 floats, or one leaving a long remainder,
/// would spend its time in the kernels' scalar tails: 8 filters are one 256-bit vector but no 512-bit one.
/// </para>
/// <para>
/// The rule counts a kernel's steps along the axis, whole vectors plus the scalar values left over, at each width, and
/// takes 512 bits only when that is strictly fewer: 784 → 49 steps against 98, 32 → 2 against 4, but 25 → 1 + 9 = 10
/// against 3 + 1 = 4, and 8 → 8 against 1. Every value of a layer's pass is computed at the one width chosen for its
/// axis, whichever block shape or thread computes it, so results stay bit-identical across batch splits and thread
/// counts (they differ from the 256-bit results only in rounding, as any change of summation order does).
/// </para>
/// </summary>
internal static class VectorWidthPlanner
{
    /// <summary>Floats in a 512-bit vector.</summary>
    public const int WideLanes = 16;

    /// <summary>Floats in the vector the portable kernels use on AVX-512 hardware (.NET keeps Vector&lt;float&gt; at 256 bits there).</summary>
    public const int PortableLanes = 8;

    /// <summary>Whether kernels that vectorise over an axis of <paramref name="length"/> floats should use 512-bit vectors.</summary>
    public static bool Prefers512(int length) => Steps(length, WideLanes) < Steps(length, PortableLanes);

    private static long Steps(int length, int lanes) => (length / lanes) + (length % lanes);
}
