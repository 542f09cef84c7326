using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// The one place that checks a batch against a network: every public entry point that takes inputs, targets,
/// outputs or gradients as spans (Fit, Evaluate, TrainingSession.Step, BatchArguments, AccuracyCounter.Add) calls
/// these, so they all refuse the same things with the same messages, before any work starts, and a refused call
/// changes nothing (RunTimeCheckTests, CustomLoopCheckTests).
/// </summary>
internal static class DataChecks
{
    /// <summary>Checks inputs and targets and returns the sample count.</summary>
    public static int SampleCount(NetworkArchitecture architecture, ReadOnlySpan<float> inputs, TargetBatch targets, string inputsName, string targetsName)
    {
        Guard.NotEmpty(inputs, inputsName);
        Guard.MultipleOf(inputs, architecture.InputSize, "InputSize", inputsName);
        int samples = inputs.Length / architecture.InputSize;
        Targets(architecture, targets, samples, targetsName);
        return samples;
    }

    /// <summary>Checks that <paramref name="targets"/> hold one target per sample, and that labels are classes of the network.</summary>
    public static void Targets(NetworkArchitecture architecture, TargetBatch targets, int samples, string targetsName)
    {
        if (architecture.TargetKind == TargetKind.ClassLabels)
        {
            if (targets.Labels.Length != samples)
            {
                throw new ArgumentException(
                    Guard.Invariant($"Expected {samples} labels (one per sample) but found {targets.Labels.Length}."),
                    targetsName);
            }

            Guard.Labels(targets.Labels, architecture.OutputSize, targetsName);
        }
        else
        {
            int expected = samples * architecture.OutputSize;
            if (targets.Values.Length != expected)
            {
                throw new ArgumentException(
                    Guard.Invariant($"Expected {expected} target values ({samples} samples × OutputSize {architecture.OutputSize}) but found {targets.Values.Length}."),
                    targetsName);
            }
        }
    }

    /// <summary>Checks that an outputs buffer of <paramref name="outputsLength"/> has room for exactly the outputs of <paramref name="samples"/> samples.</summary>
    public static void Outputs(NetworkArchitecture architecture, int outputsLength, int samples, string outputsName)
    {
        long expected = (long)samples * architecture.OutputSize;
        if (outputsLength != expected)
        {
            throw new ArgumentException(
                Guard.Invariant($"Expected length {expected} ({samples} samples × OutputSize {architecture.OutputSize}) but found {outputsLength}."),
                outputsName);
        }
    }

    /// <summary>Checks that <paramref name="outputs"/> holds whole samples (a non-empty multiple of OutputSize) and returns how many.</summary>
    public static int OutputSamples(NetworkArchitecture architecture, ReadOnlySpan<float> outputs, string outputsName)
    {
        Guard.NotEmpty(outputs, outputsName);
        Guard.MultipleOf(outputs, architecture.OutputSize, "OutputSize", outputsName);
        return outputs.Length / architecture.OutputSize;
    }

    /// <summary>Checks that a gradients buffer of <paramref name="gradientsLength"/> holds one value per parameter.</summary>
    public static void Gradients(NetworkArchitecture architecture, int gradientsLength, string gradientsName)
    {
        if (gradientsLength != architecture.ParameterCount)
        {
            throw new ArgumentException(
                Guard.Invariant($"Expected length {architecture.ParameterCount} (one gradient per parameter) but found {gradientsLength}."),
                gradientsName);
        }
    }
}
