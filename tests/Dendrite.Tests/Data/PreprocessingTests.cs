using Dendrite.Data;
using Xunit;

namespace Dendrite.Tests.Data;

public class PreprocessingTests
{
    [Fact]
    public void Standardizer_FitsOnTrainingAndAppliesTheSameMeanAndDeviationToTest()
    {
        // Feature 0: 1, 3 → μ 2, σ 1. Feature 1: 10, 30 → μ 20, σ 10. Feature 2 constant → σ treated as 1.
        float[] train = [1, 10, 5, 3, 30, 5];
        float[] test = [4, 0, 7];

        var scaler = Standardizer.Fit(train, 3);
        scaler.Transform(train);
        scaler.Transform(test);

        Assert.Equal([2f, 20f, 5f], scaler.Mean);
        Assert.Equal([1f, 10f, 1f], scaler.StandardDeviation);
        Assert.Equal([-1f, -1f, 0f, 1f, 1f, 0f], train);
        Assert.Equal([2f, -2f, 2f], test);
    }

    [Fact]
    public void Standardizer_InverseTransformRestoresTheOriginalUnits()
    {
        float[] values = [150, 75, 141, 206];
        var scaler = Standardizer.Fit(values, 1);
        float[] copy = (float[])values.Clone();

        scaler.Transform(copy);
        scaler.InverseTransform(copy);

        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], copy[i], 3);
        }
    }

    [Fact]
    public void Standardizer_RefusesDataWithTheWrongFeatureCount()
    {
        var scaler = Standardizer.Fit([1f, 2f, 3f, 4f], 2);

        var e = Assert.Throws<ArgumentException>(() => scaler.Transform(new float[3]));

        Assert.Equal("values", e.ParamName);
        Assert.Contains("multiple of the feature count (2) but found 3", e.Message);
    }

    [Fact]
    public void ToUnitRange_MapsMinToZeroAndMaxToOne()
    {
        float[] values = [0, 4, 16, 8];

        Scaling.ToUnitRange(values, 0, 16);

        Assert.Equal([0f, 0.25f, 1f, 0.5f], values);
    }

    [Fact]
    public void ToUnitRange_RefusesAnEmptyRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Scaling.ToUnitRange(new float[2], 3, 3));

        Assert.Equal("max", e.ParamName);
    }

    [Fact]
    public void OneHot_PutsAOneAtEachLabel()
    {
        Assert.Equal([0f, 1f, 0f, 0f, 0f, 1f, 1f, 0f, 0f], OneHot.Encode([1, 2, 0], 3));
    }

    [Fact]
    public void OneHot_RefusesALabelOutsideTheClasses()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode([0, 3], 3));

        Assert.Contains("[0, 3) but found 3 at index 1", e.Message);
    }

    [Fact]
    public void TrainTestSplit_IsSeededDisjointAndComplete()
    {
        // Sample i has input i and label i % 3, so every sample can be traced through the split.
        Dataset data = Dataset.WithLabels(Enumerable.Range(0, 20).Select(i => (float)i).ToArray(), 1, Enumerable.Range(0, 20).Select(i => i % 3).ToArray());

        (Dataset train, Dataset test) = DataSplit.TrainTestSplit(data, 0.25f, seed: 7);
        (Dataset train2, Dataset test2) = DataSplit.TrainTestSplit(data, 0.25f, seed: 7);
        (_, Dataset other) = DataSplit.TrainTestSplit(data, 0.25f, seed: 8);

        Assert.Equal(15, train.Count);
        Assert.Equal(5, test.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (float)i), train.Inputs.Concat(test.Inputs).Order());
        for (int i = 0; i < test.Count; i++)
        {
            Assert.Equal((int)test.Inputs[i] % 3, test.Labels![i]);
        }

        Assert.Equal(test.Inputs, test2.Inputs);
        Assert.Equal(train.Inputs, train2.Inputs);
        Assert.NotEqual(test.Inputs, other.Inputs);
    }

    [Fact]
    public void TrainTestSplit_KeepsFloatTargetsWithTheirSamples()
    {
        Dataset data = Dataset.WithTargets([0, 1, 2, 3], 1, [0, 10, 1, 11, 2, 12, 3, 13], 2);

        (Dataset train, Dataset test) = DataSplit.TrainTestSplit(data, 0.5f, seed: 1);

        foreach (Dataset part in new[] { train, test })
        {
            for (int i = 0; i < part.Count; i++)
            {
                Assert.Equal(part.Inputs[i], part.Targets![2 * i]);
                Assert.Equal(part.Inputs[i] + 10, part.Targets[(2 * i) + 1]);
            }
        }
    }

    [Fact]
    public void TrainTestSplit_RefusesAFractionThatLeavesASideEmpty()
    {
        Dataset data = Dataset.WithLabels([1, 2, 3], 1, [0, 1, 0]);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.TrainTestSplit(data, 0.1f, seed: 1));

        Assert.Equal("testFraction", e.ParamName);
        Assert.Contains("(0 test samples)", e.Message);
    }
}
