using System;
using Dendrite.Internal;

namespace Dendrite.Data;

/// <summary>
/// Per-feature standardisation, z = (x − μ) / σ. Fit it on the training data only and apply the same μ and σ to
/// validation and test data, so nothing about the test set leaks into training. σ is the population standard
/// deviation (as scikit-learn's StandardScaler); a constant feature gets σ = 1 so it maps to 0 rather than NaN.
/// </summary>
public sealed class Standardizer
{
    private Standardizer(float[] mean, float[] standardDeviation)
    {
        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    /// <summary>μ of each feature.</summary>
    public float[] Mean { get; }

    /// <summary>σ of each feature (1 where the feature was constant).</summary>
    public float[] StandardDeviation { get; }

    /// <summary>Number of features per sample.</summary>
    public int FeatureCount => Mean.Length;

    /// <summary>Measures μ and σ of each of the <paramref name="featureCount"/> features of row-major <paramref name="values"/>.</summary>
    public static Standardizer Fit(ReadOnlySpan<float> values, int featureCount)
    {
        Guard.Positive(featureCount, nameof(featureCount));
        Guard.NotEmpty(values, nameof(values));
        Guard.MultipleOf(values, featureCount, "the feature count", nameof(values));
        int rows = values.Length / featureCount;
        // Two passes in double: the one-pass formula loses precision when |μ| ≫ σ.
        var sum = new double[featureCount];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = values.Slice(r * featureCount, featureCount);
            for (int f = 0; f < featureCount; f++)
            {
                sum[f] += row[f];
            }
        }

        var mean = new float[featureCount];
        var squares = new double[featureCount];
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = values.Slice(r * featureCount, featureCount);
            for (int f = 0; f < featureCount; f++)
            {
                double d = row[f] - (sum[f] / rows);
                squares[f] += d * d;
            }
        }

        var deviation = new float[featureCount];
        for (int f = 0; f < featureCount; f++)
        {
            mean[f] = (float)(sum[f] / rows);
            double sigma = Math.Sqrt(squares[f] / rows);
            deviation[f] = sigma > 1e-12 ? (float)sigma : 1f;
        }

        return new Standardizer(mean, deviation);
    }

    /// <summary>Fits on the inputs of <paramref name="training"/>.</summary>
    public static Standardizer Fit(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        return Fit(training.Inputs, training.InputSize);
    }

    /// <summary>Standardises row-major <paramref name="values"/> in place with the fitted μ and σ.</summary>
    public void Transform(Span<float> values)
    {
        Guard.MultipleOf<float>(values, FeatureCount, "the feature count", nameof(values));
        for (int start = 0; start < values.Length; start += FeatureCount)
        {
            Span<float> row = values.Slice(start, FeatureCount);
            for (int f = 0; f < row.Length; f++)
            {
                row[f] = (row[f] - Mean[f]) / StandardDeviation[f];
            }
        }
    }

    /// <summary>Standardises the inputs of <paramref name="data"/> in place.</summary>
    public void Transform(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputSize != FeatureCount)
        {
            throw new ArgumentException(Guard.Invariant($"Expected a dataset with {FeatureCount} features per sample but found {data.InputSize}."), nameof(data));
        }

        Transform(data.Inputs);
    }

    /// <summary>Undoes <see cref="Transform(Span{float})"/> in place: x = z·σ + μ (e.g. to report predictions in the original units).</summary>
    public void InverseTransform(Span<float> values)
    {
        Guard.MultipleOf<float>(values, FeatureCount, "the feature count", nameof(values));
        for (int start = 0; start < values.Length; start += FeatureCount)
        {
            Span<float> row = values.Slice(start, FeatureCount);
            for (int f = 0; f < row.Length; f++)
            {
                row[f] = (row[f] * StandardDeviation[f]) + Mean[f];
            }
        }
    }
}
