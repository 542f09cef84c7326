using Dendrite.Tests.Cnn;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Onnx;

/// <summary><c>SaveOnnx</c>'s file and stream forms: what they write, that a file save is all or nothing, and argument checks.</summary>
public sealed class OnnxExportSaveTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dendrite-onnx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SaveOnnx_to_a_path_and_to_a_stream_write_the_serialized_model()
    {
        var network = new FashionCnn(seed: 1);
        string path = Path.Combine(_directory, "model.onnx");
        using var stream = new MemoryStream();
        stream.Write([1, 2, 3]);

        network.SaveOnnx(path);
        network.SaveOnnx(stream);

        byte[] expected = OnnxExport.Serialize(network);
        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.Equal([1, 2, 3, .. expected], stream.ToArray()); // at the stream's position, nothing before it touched
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void The_file_starts_as_an_ONNX_model_does_ir_version_8_then_the_producer()
    {
        byte[] file = OnnxExport.Serialize(new XorNet(seed: 1));

        // ModelProto field 1 (ir_version, varint) = 8, then field 2 (producer_name, length-delimited) = "Dendrite".
        Assert.Equal(new byte[] { 0x08, 0x08, 0x12, 0x08, (byte)'D', (byte)'e', (byte)'n', (byte)'d', (byte)'r', (byte)'i', (byte)'t', (byte)'e' }, file[..12]);
        Assert.Equal(17, OnnxExport.Opset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    public void A_failure_in_the_middle_of_a_save_leaves_the_previous_file_intact(int bytesBeforeFailure)
    {
        string path = Path.Combine(_directory, "model.onnx");
        new FashionCnn(seed: 1).SaveOnnx(path);
        byte[] good = File.ReadAllBytes(path);

        var error = Assert.Throws<IOException>(() =>
            OnnxExport.SaveOnnx(new FashionCnn(seed: 2), path, stream => new FailingStream(stream, bytesBeforeFailure)));

        Assert.Equal("disk full (injected)", error.Message);
        Assert.Equal(good, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory)); // the temporary file was removed
    }

    [Fact]
    public void A_save_replaces_the_file_and_removes_stale_temporaries_of_killed_saves()
    {
        string path = Path.Combine(_directory, "model.onnx");
        new XorNet(seed: 1).SaveOnnx(path);
        string stale = Path.Combine(_directory, ".model.onnx." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllBytes(stale, new byte[100]);
        var second = new XorNet(seed: 2);

        second.SaveOnnx(path);

        Assert.Equal(OnnxExport.Serialize(second), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void Null_and_empty_arguments_are_refused_naming_the_argument()
    {
        var network = new XorNet(seed: 1);

        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => ((XorNet)null!).SaveOnnx(Path.Combine(_directory, "x.onnx"))).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => ((XorNet)null!).SaveOnnx(new MemoryStream())).ParamName);
        Assert.Equal("network", Assert.Throws<ArgumentNullException>(() => OnnxExport.Serialize((XorNet)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentNullException>(() => network.SaveOnnx((string)null!)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => network.SaveOnnx("")).ParamName);
        Assert.Equal("stream", Assert.Throws<ArgumentNullException>(() => network.SaveOnnx((Stream)null!)).ParamName);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void A_stream_that_cannot_be_written_is_refused_before_anything_is_written()
    {
        using var readOnly = new MemoryStream(new byte[10], writable: false);

        var error = Assert.Throws<ArgumentException>(() => new XorNet(seed: 1).SaveOnnx(readOnly));

        Assert.Equal("stream", error.ParamName);
        Assert.Contains("Expected a writable stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_directory_is_an_IOException_and_creates_nothing()
    {
        string path = Path.Combine(_directory, "missing", "model.onnx");

        Assert.Throws<DirectoryNotFoundException>(() => new XorNet(seed: 1).SaveOnnx(path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
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
