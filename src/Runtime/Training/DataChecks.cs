using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>Validates samples and targets against a network before any work starts, so a refused call changes nothing.</summary>
internal static class DataChecks
{
    /// <summary>Checks inputs and targets and returns the sample count.</summary>
    public static int SampleCount(NetworkArchitecture architecture, ReadOnlySpan<float> inputs, TargetBatch targets, string inputsName, string targetsName)
    {
        Guard.NotEmpty(inputs, inputsName);
        Guard.MultipleOf(inputs, architecture.InputSize, "InputSize", inputsName);
        int samples = inputs.Length / architecture.InputSize;
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

        return samples;
    }
}
