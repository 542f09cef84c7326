using Dendrite.Tests.Generator;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.ModernActivations;

/// <summary>
/// The generated activation loops give exactly the runtime's scalar function on every element, whether it fell in the
/// vector part or the scalar tail (Dense(17) is never a whole number of vectors), through Predict, PredictBatch and a
/// training step. The networks set W = I and b = 0, so Z is the input exactly. Run with
/// DOTNET_PreferredVectorBitWidth=128, 256 and 512 to cover each Vector&lt;float&gt;.Count.
/// </summary>
public sealed class ActivationKernelTests
{
    private const int Width = 17, Samples = 3;

    [Fact] public void LeakyReLU_vector_and_tail_match_the_scalar_function() => Check(new IdentityLeakyReLU(), z => Dendrite.Activations.LeakyRelu(z, 0.3f));

    [Fact] public void ELU_matches_the_scalar_function() => Check(new IdentityElu(), Dendrite.Activations.Elu);

    [Fact] public void GELU_matches_the_scalar_function() => Check(new IdentityGelu(), Dendrite.Activations.Gelu);

    [Fact] public void GELUTanh_matches_the_scalar_function() => Check(new IdentityGeluTanh(), Dendrite.Activations.GeluTanh);

    [Fact] public void SiLU_matches_the_scalar_function() => Check(new IdentitySilu(), Dendrite.Activations.Silu);

    [Fact] public void Softplus_matches_the_scalar_function() => Check(new IdentitySoftplus(), Dendrite.Activations.Softplus);

    [Fact]
    public void Only_layers_whose_derivative_reads_Z_keep_it_in_the_training_workspace()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using Dendrite;

            [Network(Loss = Loss.MeanSquaredError)]
            [Input(4)]
            [Dense(5, Activation.ReLU)]
            [Dense(6, Activation.GELU)]
            [Dense(7, Activation.LeakyReLU)]
            [Dense(8, Activation.SiLU)]
            [Dense(2, Activation.Softplus)]
            public partial class Mixed;
            """);
        string code = run.NetworkSource();

        // GELU and SiLU keep Z after their A and ∂cost/∂A; ReLU and LeakyReLU do not; the output's Z is the logits.
        Assert.Contains("private const int Dense2PreActivations = 22;", code, StringComparison.Ordinal);
        Assert.Contains("private const int Dense4PreActivations = 58;", code, StringComparison.Ordinal);
        Assert.DoesNotContain("Dense1PreActivations", code, StringComparison.Ordinal);
        Assert.DoesNotContain("Dense3PreActivations", code, StringComparison.Ordinal);
        Assert.DoesNotContain("Dense5PreActivations", code, StringComparison.Ordinal);
        Assert.Contains("private const int OutputLogits = 70;", code, StringComparison.Ordinal);
        Assert.Contains("private const int WorkspaceSize = 72;", code, StringComparison.Ordinal);
        Assert.Contains("Dense5Backward(parameters, z5, da5, da4, count);", code, StringComparison.Ordinal);
        Assert.Contains("Dense3Backward(parameters, a3, da3, da2, count);", code, StringComparison.Ordinal);
        Assert.Empty(run.CompilationProblems());
    }

    private static void Check<TNetwork>(TNetwork network, Func<float, float> g)
        where TNetwork : class, INetwork<TNetwork>
    {
        Span<float> parameters = network.Parameters;
        parameters.Clear();
        for (int j = 0; j < Width; j++)
        {
            parameters[(j * Width) + j] = 1f; // W = I, b = 0
        }

        float[] inputs = Inputs();
        var single = new float[Width];
        var batch = new float[Samples * Width];
        var training = new float[Samples * Width];
        network.PredictBatch(inputs, batch);
        network.ComputeGradients(inputs, TargetBatch.FromValues(new float[Samples * Width]), new float[TNetwork.ParameterCount], training);
        for (int s = 0; s < Samples; s++)
        {
            network.Predict(inputs.AsSpan(s * Width, Width), single);
            for (int j = 0; j < Width; j++)
            {
                float z = inputs[(s * Width) + j];
                int expected = BitConverter.SingleToInt32Bits(g(z));
                Assert.True(expected == BitConverter.SingleToInt32Bits(single[j]), $"Predict, z = {z:R}: expected {g(z):R}, found {single[j]:R} (Vector<float>.Count = {System.Numerics.Vector<float>.Count})");
                Assert.True(expected == BitConverter.SingleToInt32Bits(batch[(s * Width) + j]), $"PredictBatch, z = {z:R}: expected {g(z):R}, found {batch[(s * Width) + j]:R}");
                Assert.True(expected == BitConverter.SingleToInt32Bits(training[(s * Width) + j]), $"ComputeGradients, z = {z:R}: expected {g(z):R}, found {training[(s * Width) + j]:R}");
            }
        }
    }

    /// <summary>Negative, positive, tiny, huge and exactly-zero values, in a different order in each sample.</summary>
    private static float[] Inputs()
    {
        float[] values = [-3.5f, -1f, -1e-6f, 0f, 1e-6f, 0.5f, 1f, 2.75f, -40f, 40f, -0.3f, 1e-30f, -1e-30f, 7f, -7f, 1e20f, -1e20f];
        var inputs = new float[Samples * Width];
        for (int s = 0; s < Samples; s++)
        {
            for (int j = 0; j < Width; j++)
            {
                inputs[(s * Width) + j] = values[((s * 5) + j) % values.Length];
            }
        }

        return inputs;
    }
}
