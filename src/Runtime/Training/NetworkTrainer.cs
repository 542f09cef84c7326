using System;
using System.Collections.Generic;
using System.Diagnostics;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// The training loop and evaluation, generic over the generated network type. Generated <c>Fit</c> and
/// <c>Evaluate</c> methods call these; they can also be called directly.
/// </summary>
public static class NetworkTrainer
{
    /// <summary>Samples per forward pass when evaluating: large enough to amortise calls, small enough to stay in cache.</summary>
    private const int EvaluationChunk = 256;

    /// <summary>
    /// Trains <paramref name="network"/> on row-major <paramref name="inputs"/> with <paramref name="targets"/>:
    /// for each epoch, reshuffle (seeded), then one optimizer step per batch; then evaluate validation data.
    /// Every argument is checked before the first step, so a refused call leaves the network untouched.
    /// </summary>
    public static TrainingHistory Fit<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, TargetBatch targets, FitOptions? options = null)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= new FitOptions();
        NetworkArchitecture architecture = TNetwork.Architecture;
        string targetsName = architecture.TargetKind == TargetKind.ClassLabels ? "labels" : "targets";
        int samples = DataChecks.SampleCount(architecture, inputs, targets, nameof(inputs), targetsName);
        CheckOptions(options, architecture);

        int trainCount = samples;
        int validationCount = 0;
        if (options.ValidationData is null && options.ValidationSplit > 0f)
        {
            // Keras: the last fraction of the samples, as given (before shuffling), is held out.
            trainCount = (int)Math.Ceiling(samples * (1.0 - options.ValidationSplit));
            validationCount = samples - trainCount;
            if (validationCount == 0 || trainCount == 0)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(options),
                    options.ValidationSplit,
                    Guard.Invariant($"ValidationSplit {options.ValidationSplit} of {samples} samples leaves {trainCount} for training and {validationCount} for validation; both need at least one."));
            }
        }
        else if (options.ValidationData is not null)
        {
            validationCount = options.ValidationData.Count;
        }

        var loop = new TrainingLoop<TNetwork>(network, options, trainCount, validationCount);
        ReadOnlySpan<float> trainInputs = inputs[..(trainCount * architecture.InputSize)];
        TargetBatch trainTargets = Slice(targets, architecture, 0, trainCount);
        if (options.ValidationData is { } validation)
        {
            return loop.Run(trainInputs, trainTargets, validation.Inputs, validation.TargetBatch);
        }

        return loop.Run(
            trainInputs,
            trainTargets,
            inputs[(trainCount * architecture.InputSize)..],
            Slice(targets, architecture, trainCount, validationCount));
    }

    /// <summary>Average loss and accuracy of <paramref name="network"/> on <paramref name="inputs"/>.</summary>
    public static EvaluationResult Evaluate<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, TargetBatch targets)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(network);
        NetworkArchitecture architecture = TNetwork.Architecture;
        string targetsName = architecture.TargetKind == TargetKind.ClassLabels ? "labels" : "targets";
        DataChecks.SampleCount(architecture, inputs, targets, nameof(inputs), targetsName);
        return EvaluateUnchecked(network, inputs, targets, new float[Math.Min(EvaluationChunk, inputs.Length / architecture.InputSize) * architecture.OutputSize]);
    }

    internal static EvaluationResult EvaluateUnchecked<TNetwork>(TNetwork network, ReadOnlySpan<float> inputs, TargetBatch targets, float[] outputBuffer)
        where TNetwork : class, INetwork<TNetwork>
    {
        NetworkArchitecture architecture = TNetwork.Architecture;
        int samples = inputs.Length / architecture.InputSize;
        int chunk = outputBuffer.Length / architecture.OutputSize;
        var accuracy = new AccuracyCounter(architecture);
        double lossSum = 0;
        for (int start = 0; start < samples; start += chunk)
        {
            int count = Math.Min(chunk, samples - start);
            Span<float> outputs = outputBuffer.AsSpan(0, count * architecture.OutputSize);
            TargetBatch batchTargets = Slice(targets, architecture, start, count);
            lossSum += network.ComputeLoss(inputs.Slice(start * architecture.InputSize, count * architecture.InputSize), batchTargets, outputs);
            accuracy.AddUnchecked(outputs, batchTargets);
        }

        return new EvaluationResult(lossSum / samples, accuracy.Value, accuracy.ExactMatch, samples);
    }

    internal static TargetBatch Slice(TargetBatch targets, NetworkArchitecture architecture, int start, int count) =>
        architecture.TargetKind == TargetKind.ClassLabels
            ? TargetBatch.FromLabels(targets.Labels.Slice(start, count))
            : TargetBatch.FromValues(targets.Values.Slice(start * architecture.OutputSize, count * architecture.OutputSize));

    /// <summary>
    /// Checks how the options fit the data and the network. Each option's own range was checked where it was set
    /// (FitOptions, EarlyStopping), so only combinations are left to check here.
    /// </summary>
    private static void CheckOptions(FitOptions options, NetworkArchitecture architecture)
    {
        if (options.ValidationData is { } validation)
        {
            if (validation.InputSize != architecture.InputSize)
            {
                throw new ArgumentException(Guard.Invariant($"Expected ValidationData with InputSize {architecture.InputSize} but found {validation.InputSize}."), nameof(options));
            }

            DataChecks.SampleCount(architecture, validation.Inputs, validation.TargetBatch, "options.ValidationData.Inputs", "options.ValidationData targets");
        }

        bool hasValidation = options.ValidationData is not null || options.ValidationSplit > 0f;
        if (options.EarlyStopping is { } early)
        {
            bool needsValidation = early.Monitor is Metric.ValidationLoss or Metric.ValidationAccuracy;
            if (needsValidation && !hasValidation)
            {
                throw new ArgumentException($"EarlyStopping monitors {early.Monitor}, which needs ValidationSplit > 0 or ValidationData.", nameof(options));
            }

            bool needsAccuracy = early.Monitor is Metric.Accuracy or Metric.ValidationAccuracy;
            if (needsAccuracy && AccuracyCounter.KindFor(architecture) == AccuracyKind.None)
            {
                throw new ArgumentException($"EarlyStopping monitors {early.Monitor}, but a network trained with {architecture.Loss} reports no accuracy.", nameof(options));
            }
        }
    }
}
