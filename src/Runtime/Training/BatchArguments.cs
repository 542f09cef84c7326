using System;

namespace Dendrite;

/// <summary>
/// The argument checks of a network's batch methods, <c>ComputeGradients</c> and <c>ComputeLoss</c>, for custom
/// training loops: the same checks, and the same messages, as <c>Fit</c>, <c>Evaluate</c> and
/// <see cref="TrainingSession{TNetwork}.Step"/> (CustomLoopCheckTests). Each throws
/// <see cref="ArgumentException"/> (or <see cref="ArgumentOutOfRangeException"/> for a label outside the classes)
/// naming the argument with the expected and the actual value, and returns the number of samples.
/// </summary>
public static class BatchArguments
{
    /// <summary>
    /// Checks the arguments of <see cref="INetwork{TSelf}.ComputeGradients"/>: at least one whole sample of inputs,
    /// one target per sample (labels within the classes), one gradient per parameter and one output per sample.
    /// </summary>
    /// <returns>The number of samples.</returns>
    public static int CheckComputeGradients<TNetwork>(ReadOnlySpan<float> inputs, TargetBatch targets, ReadOnlySpan<float> gradients, ReadOnlySpan<float> outputs)
        where TNetwork : class, INetwork<TNetwork>
    {
        NetworkArchitecture architecture = TNetwork.Architecture;
        int samples = DataChecks.SampleCount(architecture, inputs, targets, nameof(inputs), nameof(targets));
        DataChecks.Gradients(architecture, gradients.Length, nameof(gradients));
        DataChecks.Outputs(architecture, outputs.Length, samples, nameof(outputs));
        return samples;
    }

    /// <summary>
    /// Checks the arguments of <see cref="INetwork{TSelf}.ComputeLoss"/>: at least one whole sample of inputs, one
    /// target per sample (labels within the classes) and one output per sample.
    /// </summary>
    /// <returns>The number of samples.</returns>
    public static int CheckComputeLoss<TNetwork>(ReadOnlySpan<float> inputs, TargetBatch targets, ReadOnlySpan<float> outputs)
        where TNetwork : class, INetwork<TNetwork>
    {
        NetworkArchitecture architecture = TNetwork.Architecture;
        int samples = DataChecks.SampleCount(architecture, inputs, targets, nameof(inputs), nameof(targets));
        DataChecks.Outputs(architecture, outputs.Length, samples, nameof(outputs));
        return samples;
    }
}
