using System.Collections.Immutable;
using Dendrite.Generator.Model;
using Dendrite.Generator.Onnx;
using Xunit;

namespace Dendrite.Tests.Onnx.Import;

/// <summary>
/// The reader and importer never throw on a hostile file: every truncation of a small model and thousands of bit flips
/// of a small and a trained model end in a plan or in diagnostics (DN0080–DN0089 or a validation error), nothing else.
/// </summary>
public class OnnxFuzzTests
{
    private static readonly OnnxRequest Request = new(null, "Fuzzed", EquatableArray<ContainingType>.Empty, LossKind.MeanSquaredError, false, "fuzz.onnx", null, null, CanTakeStub: true);

    [Fact]
    public void Every_truncation_of_a_model_is_a_diagnostic()
    {
        byte[] model = OnnxImportHarness.Fixture("op-relu.onnx");
        Assert.NotNull(Bind(model).Plan);
        for (int length = 0; length < model.Length; length++)
        {
            OnnxBinding binding = Bind(model.AsSpan(0, length).ToArray());
            Assert.Null(binding.Plan);
            Assert.NotEmpty(binding.Diagnostics);
        }
    }

    [Theory]
    [InlineData("op-relu.onnx", 3000)]
    [InlineData("op-batchnorm-conv.onnx", 2000)]
    [InlineData("fashion-cnn.onnx", 300)]
    public void Bit_flips_give_a_plan_or_diagnostics_never_an_exception(string file, int flips)
    {
        byte[] model = OnnxImportHarness.Fixture(file);
        var random = new Random(7);
        int planned = 0, refused = 0;
        for (int i = 0; i < flips; i++)
        {
            byte[] copy = (byte[])model.Clone();
            int count = 1 + random.Next(3);
            for (int f = 0; f < count; f++)
            {
                int at = random.Next(copy.Length);
                copy[at] ^= (byte)(1 << random.Next(8));
            }

            OnnxBinding binding = Bind(copy);
            Assert.True(binding.Plan is not null ^ binding.Diagnostics.Count > 0);
            if (binding.Plan is null)
            {
                refused++;
            }
            else
            {
                planned++;
            }
        }

        // Flips in weight bytes still import; flips in structure are refused: both paths were exercised.
        Assert.True(planned > 0 && refused > 0, $"planned {planned}, refused {refused}");
    }

    private static OnnxBinding Bind(byte[] bytes)
    {
        OnnxFileData file = OnnxFileData.Read(OnnxImportHarness.Copy("fuzz.onnx", bytes), CancellationToken.None);
        return OnnxBinder.Bind(Request, ImmutableArray.Create(file), CancellationToken.None);
    }
}
