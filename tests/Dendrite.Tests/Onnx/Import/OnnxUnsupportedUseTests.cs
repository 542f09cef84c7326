using Dendrite.Tests.Generator;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Onnx.Import;

/// <summary>
/// DN0085: a supported operator in a form Dendrite has no layer for. The models are written here with a few lines of
/// protobuf (<see cref="TinyOnnx"/>) so that each test holds exactly the node it is about.
/// </summary>
public class OnnxUnsupportedUseTests
{
    [Fact]
    public void MaxPool_on_a_vector_is_DN0085_naming_the_node_and_what_it_expected()
    {
        byte[] model = TinyOnnx.GemmThen("MaxPool", TinyOnnx.IntsAttribute("kernel_shape", 2, 2));
        string message = SingleError(model, "DN0085");
        Assert.Contains("Node 'second' (MaxPool) of 'tiny.onnx' cannot be mapped onto a Dendrite layer: expected an NCHW image, found a [batch, 4] tensor", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Activation_after_another_activation_is_DN0085()
    {
        byte[] model = TinyOnnx.GemmThen("Relu", [], thenRelu: true);
        string message = SingleError(model, "DN0085");
        Assert.Contains("found it after another activation", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tiny_model_itself_imports()
    {
        GeneratorRun run = OnnxImportHarness.Run("tiny.onnx", TinyOnnx.GemmThen("Relu", []), OnnxImportHarness.Source("tiny.onnx", "MeanSquaredError", false));
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));
    }

    private static string SingleError(byte[] model, string id)
    {
        GeneratorRun run = OnnxImportHarness.Run("tiny.onnx", model, OnnxImportHarness.Source("tiny.onnx", "MeanSquaredError", false));
        Assert.Empty(run.Exceptions);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Empty(run.CompilationProblems());
        return diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>A protobuf writer just large enough for one-input ONNX test models: input [batch, 12] → Gemm(4) → one more node.</summary>
internal static class TinyOnnx
{
    public static byte[] GemmThen(string op, byte[] attribute, bool thenRelu = false)
    {
        var weights = new byte[4 * 12 * 4];
        for (int i = 0; i < 48; i++)
        {
            BitConverter.GetBytes((i % 7) * 0.1f - 0.3f).CopyTo(weights, i * 4);
        }

        byte[] tensor = [.. Varint(1, 4), .. Varint(1, 12), .. Varint(2, 1), .. Bytes(8, "W"u8.ToArray()), .. Bytes(9, weights)];
        byte[] gemm = Node("gemm", "Gemm", ["input", "W"], "h", Bytes(5, [.. Bytes(1, "transB"u8.ToArray()), .. Varint(3, 1), .. Varint(20, 2)]));
        byte[] second = Node("second", op, ["h"], thenRelu ? "h2" : "output", attribute.Length > 0 ? Bytes(5, attribute) : []);
        byte[] third = thenRelu ? Node("third", "Relu", ["h2"], "output", []) : [];
        byte[] graph = [.. gemm, .. second, .. third, .. Bytes(5, tensor), .. Bytes(11, ValueInfo("input", 12)), .. Bytes(12, ValueInfo("output", 4))];
        return [.. Varint(1, 8), .. Bytes(8, [.. Bytes(1, []), .. Varint(2, 17)]), .. Bytes(7, graph)];
    }

    public static byte[] IntsAttribute(string name, params long[] values)
    {
        byte[] result = Bytes(1, System.Text.Encoding.UTF8.GetBytes(name));
        foreach (long value in values)
        {
            result = [.. result, .. Varint(8, (ulong)value)];
        }

        return [.. result, .. Varint(20, 7)];
    }

    private static byte[] Node(string name, string op, string[] inputs, string output, byte[] attribute)
    {
        byte[] node = [];
        foreach (string input in inputs)
        {
            node = [.. node, .. Bytes(1, System.Text.Encoding.UTF8.GetBytes(input))];
        }

        return Bytes(1, [.. node, .. Bytes(2, System.Text.Encoding.UTF8.GetBytes(output)), .. Bytes(3, System.Text.Encoding.UTF8.GetBytes(name)), .. Bytes(4, System.Text.Encoding.UTF8.GetBytes(op)), .. attribute]);
    }

    private static byte[] ValueInfo(string name, int size)
    {
        byte[] shape = [.. Bytes(1, Bytes(2, "batch"u8.ToArray())), .. Bytes(1, Varint(1, (ulong)size))];
        byte[] tensorType = [.. Varint(1, 1), .. Bytes(2, shape)];
        return [.. Bytes(1, System.Text.Encoding.UTF8.GetBytes(name)), .. Bytes(2, Bytes(1, tensorType))];
    }

    private static byte[] Varint(int field, ulong value) => [.. Raw((ulong)(field << 3)), .. Raw(value)];

    private static byte[] Bytes(int field, byte[] content) => [.. Raw((ulong)((field << 3) | 2)), .. Raw((ulong)content.Length), .. content];

    private static byte[] Raw(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }
}
