using System;

namespace Dendrite;

/// <summary>Declares the shape of one input sample. Exactly one per network, before the layers.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>A flat input of <paramref name="size"/> features.</summary>
    /// <param name="size">The number of features per sample; must be positive.</param>
    public InputAttribute(int size)
    {
        Height = 1;
        Width = 1;
        Channels = size;
    }

    /// <summary>An image input, stored row-major as height × width × channels (channels last, like Keras).</summary>
    /// <param name="height">Image height in pixels; must be positive.</param>
    /// <param name="width">Image width in pixels; must be positive.</param>
    /// <param name="channels">Values per pixel (1 for grey scale, 3 for RGB); must be positive.</param>
    public InputAttribute(int height, int width, int channels)
    {
        Height = height;
        Width = width;
        Channels = channels;
    }

    /// <summary>Image height (1 for a flat input).</summary>
    public int Height { get; }

    /// <summary>Image width (1 for a flat input).</summary>
    public int Width { get; }

    /// <summary>Values per position; the feature count for a flat input.</summary>
    public int Channels { get; }

    /// <summary>Values per sample: Height × Width × Channels.</summary>
    public int Size => Height * Width * Channels;
}
