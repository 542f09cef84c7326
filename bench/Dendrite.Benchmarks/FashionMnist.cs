using System.IO.Compression;

namespace Dendrite.Benchmarks;

/// <summary>
/// The first samples of Fashion-MNIST's training set, pixels scaled to [0, 1]. Read from where the samples look
/// (<c>$DENDRITE_FASHION_MNIST</c>, else the Debian package dataset-fashion-mnist's directory: samples/Common/FashionMnistData.cs)
/// when the files are there; otherwise uniform random pixels and labels of the same shape (seeded).
/// </summary>
public static class FashionMnist
{
    private static readonly string Folder = Dendrite.Samples.FashionMnistData.Directory(given: null);

    /// <summary>Where the data came from: "Fashion-MNIST" or "random".</summary>
    public static string Source => File.Exists(Path.Combine(Folder, "train-images-idx3-ubyte.gz")) ? "Fashion-MNIST" : "random";

    public static (float[] Images, int[] Labels) Load(int count)
    {
        if (Source == "random")
        {
            var random = new Random(42);
            float[] pixels = Enumerable.Range(0, count * 784).Select(_ => (float)random.NextDouble()).ToArray();
            int[] classes = Enumerable.Range(0, count).Select(_ => random.Next(10)).ToArray();
            return (pixels, classes);
        }

        byte[] imageBytes = ReadGzip(Path.Combine(Folder, "train-images-idx3-ubyte.gz"), 16 + (count * 784));
        byte[] labelBytes = ReadGzip(Path.Combine(Folder, "train-labels-idx1-ubyte.gz"), 8 + count);
        float[] images = new float[count * 784];
        for (int i = 0; i < images.Length; i++)
        {
            images[i] = imageBytes[16 + i] / 255f;
        }

        int[] labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = labelBytes[8 + i];
        }

        return (images, labels);
    }

    private static byte[] ReadGzip(string path, int length)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        byte[] bytes = new byte[length];
        gzip.ReadExactly(bytes);
        return bytes;
    }
}
