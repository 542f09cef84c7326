using System;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// One network, one optimizer and the buffers a gradient step needs. <see cref="Step"/> is the whole training
/// step (forward, loss, backward, update) and allocates nothing once the buffers exist. <c>Fit</c> uses it;
/// use it directly to write your own training loop.
/// </summary>
/// <typeparam name="TNetwork">A generated network type.</typeparam>
public sealed class TrainingSession<TNetwork> where TNetwork : class, INetwork<TNetwork>
{
    private AlignedBuffer _gradients; // rows of dW on cache lines, as θ's
    private readonly UpdateCheckpoint _checkpoint;
    private readonly float[] _statistics = new float[TNetwork.NonTrainableParameterCount];
    private float[] _outputs = [];

    // The step's passes over whole parameter buffers (checks, update), split across the session's threads, each taking
    // the units whose gradients it computed (ParameterPartition).
    private readonly SlicedPasses _slices = new(ParameterPartition.ByLayers(TNetwork.Architecture));

    /// <summary>
    /// A session that trains <paramref name="network"/> with <paramref name="optimizer"/>. The optimizer's state is
    /// sized here; the copy of parameters and state that lets a step whose update overflows be undone is made by the
    /// first step that needs it (UpdateCheckpoint says why).
    /// </summary>
    /// <param name="network">The network to train.</param>
    /// <param name="optimizer">The optimizer applying the updates.</param>
    /// <param name="maxThreads">
    /// Most threads one step uses, the caller's included, at least 1; null uses <see cref="Parallelism.DefaultMaxThreads"/>
    /// as it is at each step. It holds for this session only: another session can train at the same time with
    /// another limit (ThreadLimitTests). Results are bit-identical whatever the limit.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxThreads"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">The optimizer already holds state for a network of another size.</exception>
    public TrainingSession(TNetwork network, Optimizer optimizer, int? maxThreads = null)
        : this(network, optimizer, maxThreads, rentGradients: false)
    {
    }

    /// <summary>
    /// A session whose gradient buffer comes from <see cref="AlignedBufferPool"/> when <paramref name="rentGradients"/>:
    /// <c>Fit</c>'s, which hands it back (<see cref="ReturnBuffers"/>) when the call ends.
    /// </summary>
    internal TrainingSession(TNetwork network, Optimizer optimizer, int? maxThreads, bool rentGradients)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        MaxThreads = maxThreads is { } limit ? Guard.AtLeast(limit, 1, nameof(maxThreads)) : null;
        Network = network;
        Optimizer = optimizer;
        _checkpoint = new UpdateCheckpoint(TNetwork.ParameterCount, optimizer);
        _gradients = rentGradients ? AlignedBufferPool.Rent(TNetwork.ParameterCount) : new AlignedBuffer(TNetwork.ParameterCount);
    }

    /// <summary>Most threads one step uses; null when the session follows <see cref="Parallelism.DefaultMaxThreads"/>.</summary>
    public int? MaxThreads { get; }

    /// <summary>The network being trained.</summary>
    public TNetwork Network { get; }

    /// <summary>The optimizer applying the updates.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>∂cost/∂θ from the last step.</summary>
    public ReadOnlySpan<float> Gradients => _gradients;

    /// <summary>
    /// Trains on one batch: forward, loss, backward, then the optimizer update. Returns the batch's average loss.
    /// When the loss or a gradient is NaN or infinite, the update is skipped (the weights and BatchNormalization's moving
    /// statistics keep their last good values) and the non-finite loss is returned. When the update itself makes a parameter NaN or infinite (a
    /// learning rate so large that θ − α·g overflows), it is undone — parameters, moving statistics, optimizer
    /// state and <see cref="Optimizer.Iterations"/> — and NaN is returned (DivergentUpdateTests).
    /// </summary>
    /// <param name="inputs">samples × InputSize values.</param>
    /// <param name="targets">The batch's labels or target values.</param>
    /// <param name="outputs">Receives the network's outputs for the batch (samples × OutputSize), for metrics; may be empty.</param>
    public float Step(ReadOnlySpan<float> inputs, TargetBatch targets, Span<float> outputs = default)
    {
        int samples = DataChecks.SampleCount(TNetwork.Architecture, inputs, targets, nameof(inputs), nameof(targets));
        int outputLength = samples * TNetwork.OutputSize;
        if (!outputs.IsEmpty)
        {
            DataChecks.Outputs(TNetwork.Architecture, outputs.Length, samples, nameof(outputs));
        }

        if (outputs.IsEmpty)
        {
            if (_outputs.Length < outputLength)
            {
                _outputs = new float[outputLength];
            }

            outputs = _outputs.AsSpan(0, outputLength);
        }

        return StepUnchecked(inputs, targets, outputs, samples);
    }

    /// <summary>
    /// The step without the session's own argument checks, for <c>Fit</c>, which validated the whole data set up front.
    /// The generated <c>ComputeGradients</c> still checks its batch (a public method cannot trust its caller): an
    /// O(batch) scan of the labels beside the O(batch × parameters) step, kept rather than adding an unchecked twin
    /// to every network's public surface.
    /// </summary>
    internal float StepUnchecked(ReadOnlySpan<float> inputs, TargetBatch targets, Span<float> outputs, int samples)
    {
        // The training forward moves BatchNormalization's statistics; a step that is skipped or undone below puts them
        // back, so they stay those of the last good step, as the weights do (BatchNormalizationSkippedStepTests).
        Span<float> statistics = Network.NonTrainableParameters;
        statistics.CopyTo(_statistics);
        // The session's thread limit holds for the whole step: the gradients and the passes over the parameters.
        using Parallelism.ThreadLimitScope limit = Parallelism.Limit(MaxThreads);
        float lossSum = Network.ComputeGradients(inputs, targets, _gradients, outputs);
        float loss = lossSum / samples;
        if (!float.IsFinite(loss) || !_slices.FiniteMaxAbs(_gradients, out float maxAbsGradient))
        {
            _statistics.CopyTo(statistics);
            return float.IsFinite(loss) ? float.NaN : loss;
        }

        // Common case: a read pass over the parameters (which user code may change between steps) and the
        // optimizer's scalar bounds on its state prove that no parameter or state value can reach ±∞ or NaN, so the
        // update needs neither the copy of parameters and state nor the check afterwards (OptimizerUpdateBoundTests).
        Span<float> parameters = Network.Parameters;
        Optimizer.ApplySchedule(); // the bound below uses the learning rate of this step
        if (_slices.FiniteMaxAbs(parameters, out float maxAbsParameter)
            && maxAbsParameter + Optimizer.UpdateBound(maxAbsGradient) < Optimizer.FiniteLimit)
        {
            Optimizer.StepWithGradientBound(parameters, _gradients, maxAbsGradient, _slices);
            return loss;
        }

        // Otherwise the update might overflow: keep a copy to undo it (DivergentUpdateTests).
        CheckpointedSteps++;
        _checkpoint.Save(parameters, Optimizer);
        Optimizer.StepWithGradientBound(parameters, _gradients, maxAbsGradient);
        if (!AllFinite(parameters))
        {
            // RestoreState also measures the state bounds again.
            _checkpoint.Restore(parameters, Optimizer);
            _statistics.CopyTo(statistics);
            return float.NaN;
        }

        // The bounds grew past what proves the next update finite, or were unknown: measure them, so one large
        // step does not keep training on the slow path.
        Optimizer.RecomputeStateBounds();
        return loss;
    }

    /// <summary>
    /// Hands the gradient buffer to <see cref="AlignedBufferPool"/> for the next <c>Fit</c> call; the session takes no
    /// step afterwards (its gradients are then empty, which a step refuses).
    /// </summary>
    internal void ReturnBuffers()
    {
        AlignedBuffer gradients = _gradients;
        _gradients = AlignedBuffer.Empty;
        AlignedBufferPool.Return(gradients);
    }

    /// <summary>Steps that copied parameters and optimizer state because the update could not be proven finite (for tests).</summary>
    internal long CheckpointedSteps { get; private set; }

    /// <summary>True when every value is finite.</summary>
    private static bool AllFinite(ReadOnlySpan<float> values) => Optimizer.FiniteMaxAbs(values, out _);
}
