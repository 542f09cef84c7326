using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Floats whose first value sits on a 64-byte boundary: a cache line, and one 512-bit vector. A row of values that
/// starts at a multiple of 16 values from it is then read by vector loads that never straddle two cache lines.
/// </summary>
/// <remarks>
/// <para>
/// Why: a .NET array's values start wherever the allocator put the array, 8-byte aligned, so three times in four a
/// 512-bit load from it touches two cache lines, and the generated kernels issue one or two such loads per cycle. The
/// 784 → 256 forward kernel of workload B ran 20 % faster on 64-byte-aligned inputs and weights than on the same
/// values 16, 32 or 48 bytes off (bench/README.md, "Aligned buffers"). Generated networks keep their parameters,
/// their training workspace and their inference scratch in these; <c>Fit</c> assembles its batches in them, and the
/// built-in optimizers keep their state in them (AlignedBufferTests).
/// </para>
/// <para>
/// The values live in an array on the pinned object heap, which the garbage collector never moves, so the alignment
/// found at construction holds for the buffer's lifetime. Pass one to <c>PredictBatch</c> (it converts to a span) to
/// give batch inference aligned inputs.
/// </para>
/// </remarks>
public sealed class AlignedBuffer
{
    /// <summary>The boundary, in bytes, the first value sits on.</summary>
    public const int Alignment = 64;

    private readonly float[] _storage;
    private readonly int _start;

    /// <summary>A buffer of <paramref name="length"/> zeros.</summary>
    /// <param name="length">Number of values, at least 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public AlignedBuffer(int length)
    {
        Length = Guard.AtLeast(length, 0, nameof(length));
        const int Slack = (Alignment / sizeof(float)) - 1;
        _storage = GC.AllocateArray<float>(checked(length + Slack), pinned: true);
        _start = FirstAligned(_storage);
    }

    /// <summary>Number of values.</summary>
    public int Length { get; }

    /// <summary>A buffer of no values, shared: what a buffer handed back to <see cref="AlignedBufferPool"/> is replaced by.</summary>
    internal static AlignedBuffer Empty { get; } = new(0);

    /// <summary>A buffer holding a copy of <paramref name="values"/>: for instance a data set's images, to give
    /// <c>PredictBatch</c> or a custom training loop inputs that start on a cache line.</summary>
    /// <param name="values">The values to copy.</param>
    public static AlignedBuffer CopyOf(ReadOnlySpan<float> values)
    {
        var buffer = new AlignedBuffer(values.Length);
        values.CopyTo(buffer.Span);
        return buffer;
    }

    /// <summary>The values.</summary>
    public Span<float> Span => MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_storage), _start), Length);

    /// <summary>The values.</summary>
    /// <param name="buffer">The buffer; null gives an empty span.</param>
    public static implicit operator Span<float>(AlignedBuffer? buffer) => buffer is null ? default : buffer.Span;

    /// <summary>The values, read-only.</summary>
    /// <param name="buffer">The buffer; null gives an empty span.</param>
    public static implicit operator ReadOnlySpan<float>(AlignedBuffer? buffer) => buffer is null ? default : buffer.Span;

    /// <summary>The index of the first value of <paramref name="pinned"/> on an <see cref="Alignment"/> boundary.</summary>
    private static unsafe int FirstAligned(float[] pinned)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        return (int)((Alignment - (address % Alignment)) % Alignment / sizeof(float));
    }
}
