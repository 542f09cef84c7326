using System;
using System.Numerics;
using System.Runtime.InteropServices;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// An optimizer's gradient clipping (Keras' <c>global_clipnorm</c> or <c>clipvalue</c>; at most one), applied to a
/// copy of the gradients before the update. Deterministic: the global norm is summed in double, one value at a time
/// in index order, so it is the same whatever the vector width or thread count.
/// </summary>
internal readonly struct GradientClipping
{
    private GradientClipping(float? globalNorm, float? value)
    {
        GlobalNorm = globalNorm;
        Value = value;
    }

    public static GradientClipping None => default;

    public float? GlobalNorm { get; }

    public float? Value { get; }

    public bool Enabled => GlobalNorm is not null || Value is not null;

    public GradientClipping WithGlobalNorm(float? norm)
    {
        if (norm is { } n)
        {
            Guard.PositiveFinite(n, "GlobalClipNorm");
            if (Value is { } v)
            {
                throw new ArgumentException(Guard.Invariant($"Expected only one of GlobalClipNorm and ClipValue, as Keras allows, but found ClipValue {v} already set and GlobalClipNorm {n}."), "GlobalClipNorm");
            }
        }

        return new GradientClipping(norm, Value);
    }

    public GradientClipping WithValue(float? value)
    {
        if (value is { } v)
        {
            Guard.PositiveFinite(v, "ClipValue");
            if (GlobalNorm is { } n)
            {
                throw new ArgumentException(Guard.Invariant($"Expected only one of GlobalClipNorm and ClipValue, as Keras allows, but found GlobalClipNorm {n} already set and ClipValue {v}."), "ClipValue");
            }
        }

        return new GradientClipping(GlobalNorm, value);
    }

    /// <summary>Writes the clipped <paramref name="gradients"/> to <paramref name="clipped"/> (same length).</summary>
    public void Apply(ReadOnlySpan<float> gradients, Span<float> clipped)
    {
        if (Value is { } limit)
        {
            ClampByValue(gradients, clipped, limit);
        }
        else
        {
            float limitNorm = GlobalNorm!.Value;
            double norm = GlobalL2Norm(gradients);

            // TensorFlow's clip_by_global_norm: g · c / max(‖g‖, c), so gradients within the norm stay unchanged.
            float scale = norm > limitNorm ? (float)(limitNorm / norm) : 1f;
            Scale(gradients, clipped, scale);
        }
    }

    /// <summary>‖g‖ = √Σ g², summed in double in index order.</summary>
    public static double GlobalL2Norm(ReadOnlySpan<float> gradients)
    {
        double sum = 0;
        foreach (float g in gradients)
        {
            sum += (double)g * g;
        }

        return Math.Sqrt(sum);
    }

    private static void ClampByValue(ReadOnlySpan<float> g, Span<float> clipped, float limit)
    {
        ReadOnlySpan<Vector<float>> gV = MemoryMarshal.Cast<float, Vector<float>>(g);
        Span<Vector<float>> cV = MemoryMarshal.Cast<float, Vector<float>>(clipped);
        var high = new Vector<float>(limit);
        var low = new Vector<float>(-limit);
        for (int i = 0; i < gV.Length; i++)
        {
            cV[i] = Vector.Min(Vector.Max(gV[i], low), high);
        }

        for (int i = gV.Length * Vector<float>.Count; i < g.Length; i++)
        {
            clipped[i] = MathF.Min(MathF.Max(g[i], -limit), limit);
        }
    }

    private static void Scale(ReadOnlySpan<float> g, Span<float> clipped, float scale)
    {
        if (scale == 1f)
        {
            g.CopyTo(clipped);
            return;
        }

        ReadOnlySpan<Vector<float>> gV = MemoryMarshal.Cast<float, Vector<float>>(g);
        Span<Vector<float>> cV = MemoryMarshal.Cast<float, Vector<float>>(clipped);
        var s = new Vector<float>(scale);
        for (int i = 0; i < gV.Length; i++)
        {
            cV[i] = gV[i] * s;
        }

        for (int i = gV.Length * Vector<float>.Count; i < g.Length; i++)
        {
            clipped[i] = g[i] * scale;
        }
    }
}
