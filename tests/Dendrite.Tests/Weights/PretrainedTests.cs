using Xunit;

namespace Dendrite.Tests.Weights;

/// <summary>Weights compiled into the type behave exactly like the same file loaded at run time.</summary>
public class PretrainedTests
{
    private static readonly string WeightsPath = Path.Combine(AppContext.BaseDirectory, "Weights", "pretrained-test.weights");

    [Fact]
    public void Pretrained_predicts_exactly_what_Load_of_the_same_file_predicts()
    {
        WeightsTestNet loaded = WeightsTestNet.Load(WeightsPath);
        PretrainedTestNet compiled = PretrainedTestNet.Pretrained;

        Assert.Equal(loaded.Parameters.ToArray(), compiled.Parameters.ToArray());
        var random = new Random(7);
        for (int sample = 0; sample < 50; sample++)
        {
            float[] input = [(float)random.NextDouble() * 4 - 2, (float)random.NextDouble() * 4 - 2, (float)random.NextDouble() * 4 - 2];
            float[] expected = new float[2], actual = new float[2];
            loaded.Predict(input, expected);
            compiled.Predict(input, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Compiled_parameters_are_the_values_the_independent_encoder_wrote()
    {
        // make_pretrained_test_weights.py writes parameter i as ((i * 37) % 23) / 11 - 1, rounded to float32.
        float[] parameters = PretrainedTestNet.CreatePretrained().Parameters.ToArray();

        Assert.Equal(PretrainedTestNet.ParameterCount, parameters.Length);
        for (int i = 0; i < parameters.Length; i++)
        {
            Assert.Equal((float)((i * 37 % 23) / 11.0 - 1.0), parameters[i]);
        }
    }

    [Fact]
    public void CreatePretrained_returns_independent_copies()
    {
        PretrainedTestNet first = PretrainedTestNet.CreatePretrained();
        first.Parameters[0] += 1;

        Assert.NotEqual(first.Parameters[0], PretrainedTestNet.CreatePretrained().Parameters[0]);
        Assert.NotEqual(first.Parameters[0], PretrainedTestNet.Pretrained.Parameters[0]);
        Assert.Same(PretrainedTestNet.Pretrained, PretrainedTestNet.Pretrained);
    }
}
