using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Dendrite.Internal;

namespace Dendrite.Reports;

/// <summary>
/// Counts of (true class, predicted class) pairs over a labelled set: where a classifier's mistakes are. Build one
/// from a network and a test set with <see cref="Compute{TNetwork}"/>, or from two label arrays with
/// <see cref="FromPredictions"/>; print it with <see cref="ToText"/> (ConfusionMatrixTests).
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly int[] counts; // row-major [actual, predicted]

    private ConfusionMatrix(int classCount)
    {
        ClassCount = classCount;
        counts = new int[classCount * classCount];
    }

    /// <summary>Number of classes: rows and columns.</summary>
    public int ClassCount { get; }

    /// <summary>Number of samples counted.</summary>
    public int Total { get; private set; }

    /// <summary>How many samples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted]
    {
        get
        {
            CheckClass(actual, nameof(actual));
            CheckClass(predicted, nameof(predicted));
            return counts[(actual * ClassCount) + predicted];
        }
    }

    /// <summary>Fraction of samples on the diagonal (predicted = actual); 0 when nothing was counted.</summary>
    public double Accuracy
    {
        get
        {
            long right = 0;
            for (int c = 0; c < ClassCount; c++)
            {
                right += counts[(c * ClassCount) + c];
            }

            return Total == 0 ? 0 : (double)right / Total;
        }
    }

    /// <summary>Of the samples whose true class is <paramref name="classIndex"/>, the fraction predicted as it (0 when there are none).</summary>
    public double Recall(int classIndex)
    {
        CheckClass(classIndex, nameof(classIndex));
        long row = 0;
        for (int p = 0; p < ClassCount; p++)
        {
            row += counts[(classIndex * ClassCount) + p];
        }

        return row == 0 ? 0 : (double)counts[(classIndex * ClassCount) + classIndex] / row;
    }

    /// <summary>Of the samples predicted as <paramref name="classIndex"/>, the fraction whose true class it is (0 when there are none).</summary>
    public double Precision(int classIndex)
    {
        CheckClass(classIndex, nameof(classIndex));
        long column = 0;
        for (int a = 0; a < ClassCount; a++)
        {
            column += counts[(a * ClassCount) + classIndex];
        }

        return column == 0 ? 0 : (double)counts[(classIndex * ClassCount) + classIndex] / column;
    }

    /// <summary>Counts pairs of true and predicted class indices.</summary>
    /// <param name="actual">The true class of each sample, each in [0, <paramref name="classCount"/>).</param>
    /// <param name="predicted">The predicted class of each sample, as many as <paramref name="actual"/>.</param>
    /// <param name="classCount">Number of classes, at least 2.</param>
    /// <exception cref="ArgumentException">The lengths differ, or a class index is outside [0, classCount).</exception>
    public static ConfusionMatrix FromPredictions(ReadOnlySpan<int> actual, ReadOnlySpan<int> predicted, int classCount)
    {
        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "Expected at least 2 classes.");
        }

        Guard.Length(predicted, actual.Length, nameof(predicted));
        var matrix = new ConfusionMatrix(classCount);
        for (int i = 0; i < actual.Length; i++)
        {
            matrix.Add(actual[i], predicted[i], i);
        }

        return matrix;
    }

    /// <summary>
    /// Runs <paramref name="network"/> on every sample (<c>PredictBatch</c>) and counts its predictions against
    /// <paramref name="labels"/>. A softmax classifier predicts the output with the largest value (the same for
    /// logits and probabilities); a network with one sigmoid output and binary cross-entropy predicts class 1 when
    /// its probability is at least 0.5 (its logit at least 0 when it is <c>FromLogits</c>).
    /// </summary>
    /// <param name="network">A classifier: categorical cross-entropy, or binary cross-entropy with one output.</param>
    /// <param name="inputs">samples × <c>InputSize</c> values.</param>
    /// <param name="labels">One class index per sample.</param>
    /// <param name="maxThreads">Passed to <c>PredictBatch</c>.</param>
    /// <exception cref="ArgumentException">
    /// The network is a regression or multi-label network, or the inputs and labels do not match its sizes.
    /// </exception>
    public static ConfusionMatrix Compute<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, int? maxThreads = null)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(network);
        NetworkArchitecture architecture = TNetwork.Architecture;
        int outputs = TNetwork.OutputSize;
        bool binary = architecture.Loss == Loss.BinaryCrossentropy && outputs == 1;
        bool multiClass = architecture.Loss is Loss.SparseCategoricalCrossentropy or Loss.CategoricalCrossentropy && outputs >= 2;
        if (!binary && !multiClass)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected a classifier (categorical cross-entropy, or binary cross-entropy with one output) but {architecture.Name} has {architecture.Loss} with {outputs} outputs; count other predictions with FromPredictions."),
                nameof(network));
        }

        Guard.MultipleOf(inputs, TNetwork.InputSize, "InputSize", nameof(inputs));
        int samples = inputs.Length / TNetwork.InputSize;
        Guard.Length(labels, samples, nameof(labels));
        var scores = new float[samples * outputs];
        network.PredictBatch(inputs, scores, maxThreads);
        var predicted = new int[samples];
        float threshold = architecture.FromLogits ? 0f : 0.5f;
        for (int i = 0; i < samples; i++)
        {
            predicted[i] = binary ? (scores[i] >= threshold ? 1 : 0) : Activations.ArgMax(scores.AsSpan(i * outputs, outputs));
        }

        return FromPredictions(labels, predicted, binary ? 2 : outputs);
    }

    /// <summary>
    /// The matrix as text: one row per true class, one column per predicted class (names cut to 6 characters), the
    /// diagonal (right answers) in brackets, and each row's recall at the end.
    /// </summary>
    /// <param name="classNames">One name per class; null names them 0, 1, 2, ….</param>
    public string ToText(IReadOnlyList<string>? classNames = null)
    {
        IReadOnlyList<string> names = NamesOrIndices(classNames);
        int nameWidth = "actual ↓".Length;
        foreach (string name in names)
        {
            nameWidth = Math.Max(nameWidth, name.Length);
        }

        int cell = 7;
        foreach (int count in counts)
        {
            cell = Math.Max(cell, count.ToString(CultureInfo.InvariantCulture).Length + 3);
        }

        var text = new StringBuilder();
        text.Append(' ', nameWidth + 2).Append("predicted →").Append('\n');
        text.Append("actual ↓".PadRight(nameWidth + 2));
        for (int p = 0; p < ClassCount; p++)
        {
            string head = names[p].Length > cell - 1 ? names[p][..(cell - 1)] : names[p];
            text.Append(head.PadLeft(cell));
        }

        text.Append("  recall\n");
        for (int a = 0; a < ClassCount; a++)
        {
            text.Append(names[a].PadRight(nameWidth + 2));
            for (int p = 0; p < ClassCount; p++)
            {
                string value = counts[(a * ClassCount) + p].ToString(CultureInfo.InvariantCulture);
                text.Append((a == p ? "[" + value + "]" : value).PadLeft(cell));
            }

            text.Append("  ").Append(Recall(a).ToString("0.000", CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => ToText();

    private IReadOnlyList<string> NamesOrIndices(IReadOnlyList<string>? classNames)
    {
        if (classNames is null)
        {
            var indices = new string[ClassCount];
            for (int c = 0; c < ClassCount; c++)
            {
                indices[c] = c.ToString(CultureInfo.InvariantCulture);
            }

            return indices;
        }

        if (classNames.Count != ClassCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected {ClassCount} class names (one per class) but found {classNames.Count}."),
                nameof(classNames));
        }

        return classNames;
    }

    private void Add(int actual, int predicted, int sample)
    {
        if ((uint)actual >= (uint)ClassCount || (uint)predicted >= (uint)ClassCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Expected class indices in [0, {ClassCount}) but sample {sample} has actual {actual} and predicted {predicted}."),
                (uint)actual >= (uint)ClassCount ? nameof(actual) : nameof(predicted));
        }

        counts[(actual * ClassCount) + predicted]++;
        Total++;
    }

    private void CheckClass(int index, string paramName)
    {
        if ((uint)index >= (uint)ClassCount)
        {
            throw new ArgumentOutOfRangeException(paramName, index, string.Create(CultureInfo.InvariantCulture, $"Expected a class index in [0, {ClassCount})."));
        }
    }
}
