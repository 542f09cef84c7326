using Xunit;

namespace Dendrite.Tests.Weights;

/// <summary>Round trips, and that saving over a good file is all or nothing.</summary>
public sealed class WeightsFileSaveTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dendrite-weights-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Save_then_Load_gives_bit_identical_parameters_and_predictions()
    {
        var network = new WeightsTestNet(seed: 11);
        string path = Path.Combine(_directory, "net.weights");

        network.Save(path);
        WeightsTestNet loaded = WeightsTestNet.Load(path);

        Assert.Equal(network.Parameters.ToArray(), loaded.Parameters.ToArray());
        float[] input = [0.25f, -1.5f, 2f];
        float[] expected = new float[2], actual = new float[2];
        network.Predict(input, expected);
        loaded.Predict(input, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Stream_overloads_round_trip()
    {
        var network = new WeightsTestNet(seed: 12);
        using var stream = new MemoryStream();

        network.Save(stream);
        stream.Position = 0;
        WeightsTestNet loaded = WeightsTestNet.Load(stream);

        Assert.Equal(network.Parameters.ToArray(), loaded.Parameters.ToArray());
    }

    [Fact]
    public void Data_is_little_endian_float32_in_the_flat_layout()
    {
        var network = new WeightsTestNet(seed: 13);
        network.Parameters[0] = 1.0f; // 0x3F800000

        byte[] file = WeightsFile.Serialize(network);

        int dataAt = file.Length - 4 - (4 * WeightsTestNet.ParameterCount);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x80, 0x3F }, file[dataAt..(dataAt + 4)]);
    }

    [Fact]
    public void Save_replaces_an_existing_file_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(_directory, "net.weights");
        new WeightsTestNet(seed: 1).Save(path);
        var second = new WeightsTestNet(seed: 2);

        second.Save(path);

        Assert.Equal(WeightsFile.Serialize(second), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    public void A_failure_in_the_middle_of_a_save_leaves_the_previous_file_intact(int bytesBeforeFailure)
    {
        string path = Path.Combine(_directory, "net.weights");
        new WeightsTestNet(seed: 1).Save(path);
        byte[] good = File.ReadAllBytes(path);

        var error = Assert.Throws<IOException>(() =>
            WeightsFile.Save(new WeightsTestNet(seed: 2), path, stream => new FailingStream(stream, bytesBeforeFailure)));

        Assert.Equal("disk full (injected)", error.Message);
        Assert.Equal(good, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory)); // the temporary file was removed
        Assert.Equal(new WeightsTestNet(seed: 1).Parameters.ToArray(), WeightsTestNet.Load(path).Parameters.ToArray());
    }

    [Fact]
    public void A_save_removes_the_stale_temporaries_of_earlier_killed_saves_of_the_same_file_and_nothing_else()
    {
        string path = Path.Combine(_directory, "net.weights");
        new WeightsTestNet(seed: 1).Save(path);
        string[] stale =
        [
            Path.Combine(_directory, ".net.weights." + Guid.NewGuid().ToString("N") + ".tmp"),
            Path.Combine(_directory, ".net.weights." + Guid.NewGuid().ToString("N") + ".tmp"),
        ];
        foreach (string file in stale)
        {
            File.WriteAllBytes(file, new byte[1000]); // what a save killed midway leaves
        }

        string[] unrelated =
        [
            Path.Combine(_directory, ".other.weights." + Guid.NewGuid().ToString("N") + ".tmp"), // another target's
            Path.Combine(_directory, ".net.weights.notes.tmp"), // not a name a save makes
            Path.Combine(_directory, ".net.weights." + Guid.NewGuid().ToString("N") + ".tmp.keep"),
            Path.Combine(_directory, "net.weights.tmp"),
            Path.Combine(_directory, "net.weights.bak"),
            Path.Combine(_directory, ".net.weights2." + Guid.NewGuid().ToString("N") + ".tmp"),
        ];
        foreach (string file in unrelated)
        {
            File.WriteAllText(file, "keep me");
        }

        var second = new WeightsTestNet(seed: 2);
        second.Save(path);

        Assert.Equal(WeightsFile.Serialize(second), File.ReadAllBytes(path));
        Assert.All(stale, file => Assert.False(File.Exists(file), file));
        Assert.All(unrelated, file => Assert.Equal("keep me", File.ReadAllText(file)));
        Assert.Equal(unrelated.Append(path).Order(), Directory.GetFiles(_directory).Order());
    }

    [Fact]
    public void A_temporary_that_another_save_is_still_writing_is_left_alone()
    {
        string path = Path.Combine(_directory, "net.weights");
        string inProgress = Path.Combine(_directory, ".net.weights." + Guid.NewGuid().ToString("N") + ".tmp");
        using (var writer = new FileStream(inProgress, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            writer.Write(new byte[10]);

            new WeightsTestNet(seed: 2).Save(path);

            Assert.True(File.Exists(inProgress));
        }

        // Once that writer is gone, its file is stale, and the next save removes it.
        new WeightsTestNet(seed: 3).Save(path);
        Assert.False(File.Exists(inProgress));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    /// <summary>Passes the first bytes through, then fails like a full disk.</summary>
    private sealed class FailingStream(Stream inner, int bytesBeforeFailure) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, Math.Min(count, bytesBeforeFailure));
            inner.Flush();
            throw new IOException("disk full (injected)");
        }
    }
}
