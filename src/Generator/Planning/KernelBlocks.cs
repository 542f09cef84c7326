namespace Dendrite.Generator.Planning;

/// <summary>
/// Block sizes the emitted kernels are built around. They live with the plan because the limits on a network's
/// sizes depend on them (a kernel for 4 samples writes the constant offset 3 × inputs), and the emitters read them
/// from here, so the check and the code it protects cannot disagree.
/// </summary>
internal static class KernelBlocks
{
    /// <summary>Samples per Dense forward and input-gradient block; shards of a batch start at multiples of it.</summary>
    public const int RowBlock = 4;

    /// <summary>Units per Dense weight-gradient block; shard boundaries over units are multiples of it.</summary>
    public const int UnitBlock = 4;

    /// <summary>Neighbouring output pixels a Conv2D forward block computes together (offsets up to 3 × stride × channels).</summary>
    public const int PixelBlock = 4;

    /// <summary>
    /// Pixels or dW rows in the widest Conv2D block (× 4 vectors = 24 accumulators, for AVX-512's 32 registers):
    /// offsets up to 5 × filters, 5 × channels and 5 × stride × channels.
    /// </summary>
    public const int WidePixelBlock = 6;

    /// <summary>Floats in the widest Vector&lt;float&gt; .NET uses (AVX-512); every vector width divides it.</summary>
    public const int WidestVector = 16;

    /// <summary>Vectors per step of the widest channel loops (f + 4 · Vector&lt;float&gt;.Count ≤ Filters).</summary>
    public const int VectorsPerStep = 4;

    /// <summary>
    /// Samples per chunk of batched inference: the generated code keeps every hidden activation of this many samples
    /// in one array whose length is a constant expression.
    /// </summary>
    public const int InferenceChunk = 64;
}
