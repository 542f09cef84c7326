using System;

namespace Dendrite;

/// <summary>
/// What every generated network type implements. The static members let generic runtime code
/// (<see cref="TrainingSession{TNetwork}"/>, the evaluation loop, weight files) drive a network
/// with no reflection and no virtual dispatch on the hot path.
/// </summary>
/// <typeparam name="TSelf">The generated network type itself.</typeparam>
public interface INetwork<TSelf> where TSelf : class, INetwork<TSelf>
{
    /// <summary>Values per input sample.</summary>
    static abstract int InputSize { get; }

    /// <summary>Values per output sample.</summary>
    static abstract int OutputSize { get; }

    /// <summary>Number of trainable parameters (weights and biases of every layer).</summary>
    static abstract int ParameterCount { get; }

    /// <summary>
    /// Number of non-trainable values the network keeps beside its parameters: the moving mean and variance of its
    /// BatchNormalization layers (0 without any). They are saved in weights files, and no optimizer updates them.
    /// </summary>
    static virtual int NonTrainableParameterCount => 0;

    /// <summary>The declared architecture: layers, shapes, loss and parameter layout.</summary>
    static abstract NetworkArchitecture Architecture { get; }

    /// <summary>All parameters in one flat buffer, in the layout given by <see cref="Architecture"/>.</summary>
    Span<float> Parameters { get; }

    /// <summary>
    /// The non-trainable values (BatchNormalization's moving statistics), <c>NonTrainableParameterCount</c> of them, in
    /// layer order: per layer, the moving means then the moving variances. Empty for networks without any.
    /// </summary>
    Span<float> NonTrainableParameters => Span<float>.Empty;

    /// <summary>Runs the network on one sample.</summary>
    /// <param name="input">Exactly <c>InputSize</c> values.</param>
    /// <param name="output">Exactly <c>OutputSize</c> values, overwritten.</param>
    void Predict(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>
    /// Runs the network on one sample on up to <paramref name="maxThreads"/> threads, with the same bits as
    /// <see cref="Predict(ReadOnlySpan{float}, Span{float})"/>: with 2 or more, a network whose first layer is large
    /// enough (<see cref="FirstLayerSharing.MinimumWeights"/>) has a helper thread compute half of it when the helper is
    /// free, and half of a large second Dense layer after it (<see cref="FirstLayerSharing.MinimumSecondLayerWeights"/>;
    /// <see cref="FirstLayerSharing"/>). Every generated network implements it; this default runs on the calling thread.
    /// </summary>
    /// <param name="input">Exactly <c>InputSize</c> values.</param>
    /// <param name="output">Exactly <c>OutputSize</c> values, overwritten.</param>
    /// <param name="maxThreads">Most threads the call uses, the caller's included, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxThreads"/> is below 1.</exception>
    void Predict(ReadOnlySpan<float> input, Span<float> output, int maxThreads)
    {
        _ = FirstLayerSharing.Allows(maxThreads);
        Predict(input, output);
    }

    /// <summary>
    /// Runs the network on a batch of row-major samples, split across up to <paramref name="maxThreads"/> threads when
    /// the batch is large enough (<see cref="Parallelism.ThreadsFor(long, int?)"/>). Every sample's outputs are the
    /// same bits whatever the number of threads, and the same as <see cref="Predict(ReadOnlySpan{float}, Span{float})"/> gives for it alone — except in a
    /// network whose BatchNormalization follows a linear layer: a batch call folds the normalisation into that layer's
    /// weights once per call, and Predict scales and shifts the layer's output, which agree within float rounding
    /// (BatchNormalizationFoldingTests states and checks the bound).
    /// </summary>
    /// <param name="inputs">samples × <c>InputSize</c> values.</param>
    /// <param name="outputs">samples × <c>OutputSize</c> values, overwritten.</param>
    /// <param name="maxThreads">
    /// Most threads this call uses, the caller's included, at least 1; null (the default) uses
    /// <see cref="Parallelism.CurrentMaxThreads"/>. Passed per call, so two models in one process can differ.
    /// </param>
    void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int? maxThreads = null);

    /// <summary>
    /// One training forward and backward pass over a batch: writes ∂cost/∂θ into <paramref name="gradients"/>
    /// (cost = average loss over the batch), the network outputs into <paramref name="outputs"/>, and returns
    /// the <em>sum</em> of the per-sample losses. Generated networks check the arguments with
    /// <see cref="BatchArguments.CheckComputeGradients{TNetwork}"/>, which refuses what <c>Fit</c> refuses
    /// (CustomLoopCheckTests).
    /// </summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, TargetBatch targets, Span<float> gradients, Span<float> outputs);

    /// <summary>
    /// The forward pass and the loss over a batch without gradients: writes the outputs and returns the
    /// <em>sum</em> of the per-sample losses, computed exactly as training computes them. Generated networks check
    /// the arguments with <see cref="BatchArguments.CheckComputeLoss{TNetwork}"/> (CustomLoopCheckTests).
    /// </summary>
    float ComputeLoss(ReadOnlySpan<float> inputs, TargetBatch targets, Span<float> outputs);
}
