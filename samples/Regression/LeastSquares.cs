using System;

namespace Dendrite.Samples.Regression;

/// <summary>
/// The closed-form linear regression baseline: solves the normal equations (XᵀX)·θ = Xᵀy in double precision,
/// with a column of ones in X for the intercept, by Gaussian elimination with partial pivoting.
/// </summary>
internal static class LeastSquares
{
    /// <summary>θ = [w₁ … wₙ, b] minimising Σ (w·x + b − y)² over the row-major <paramref name="inputs"/>.</summary>
    public static double[] Fit(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int features)
    {
        int n = features + 1;
        var a = new double[n, n + 1]; // the augmented matrix [XᵀX | Xᵀy]
        Span<double> row = stackalloc double[n];
        for (int s = 0; s < targets.Length; s++)
        {
            for (int f = 0; f < features; f++)
            {
                row[f] = inputs[(s * features) + f];
            }

            row[features] = 1;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    a[i, j] += row[i] * row[j];
                }

                a[i, n] += row[i] * targets[s];
            }
        }

        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (int c = 0; c <= n; c++)
            {
                (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            }

            for (int r = 0; r < n; r++)
            {
                if (r != col)
                {
                    double factor = a[r, col] / a[col, col];
                    for (int c = col; c <= n; c++)
                    {
                        a[r, c] -= factor * a[col, c];
                    }
                }
            }
        }

        var theta = new double[n];
        for (int i = 0; i < n; i++)
        {
            theta[i] = a[i, n] / a[i, i];
        }

        return theta;
    }

    /// <summary>w·x + b for one sample.</summary>
    public static double Predict(double[] theta, ReadOnlySpan<float> x)
    {
        double sum = theta[^1];
        for (int f = 0; f < x.Length; f++)
        {
            sum += theta[f] * x[f];
        }

        return sum;
    }
}
