using System;
using System.Collections.Generic;
using System.Threading;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// How <c>Fit</c> trains: epochs, batch size, optimizer, validation, reporting and stopping rules. Every value is
/// checked where it is set: one outside its range throws <see cref="ArgumentOutOfRangeException"/> naming the
/// property, the range and the value (HyperParameterValidationTests).
/// </summary>
public sealed class FitOptions
{
    private readonly int _epochs = 1;
    private readonly int _batchSize = 32;
    private readonly float _validationSplit;
    private readonly Verbosity _verbosity = Verbosity.ProgressBar;
    private readonly IReadOnlyList<ITrainingCallback> _callbacks = [];
    private readonly int? _maxThreads;

    /// <summary>Passes over the training data, in [0, ∞). Default 1, as Keras.</summary>
    public int Epochs
    {
        get => _epochs;
        init => _epochs = Guard.AtLeast(value, 0, nameof(Epochs));
    }

    /// <summary>Samples per gradient step, in [1, ∞). Default 32, as Keras. The last batch of an epoch may be smaller.</summary>
    public int BatchSize
    {
        get => _batchSize;
        init => _batchSize = Guard.AtLeast(value, 1, nameof(BatchSize));
    }

    /// <summary>The optimizer; Adam with Keras' defaults when not set. Its state carries over between <c>Fit</c> calls.</summary>
    public Optimizer? Optimizer { get; init; }

    /// <summary>
    /// Fraction in [0, 1) of the samples held out for validation. As in Keras, the <em>last</em> samples are taken,
    /// before any shuffling. Ignored when <see cref="ValidationData"/> is set.
    /// </summary>
    public float ValidationSplit
    {
        get => _validationSplit;
        init => _validationSplit = Guard.UnitFraction(value, nameof(ValidationSplit));
    }

    /// <summary>Explicit validation samples, evaluated after every epoch. Takes precedence over <see cref="ValidationSplit"/>.</summary>
    public Dataset? ValidationData { get; init; }

    /// <summary>Reshuffle the training samples before every epoch. Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the shuffle: the same seed, data and initial weights give bit-identical results.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// What <c>Fit</c> writes to the console, one of the named <see cref="Dendrite.Verbosity"/> values. Default
    /// <see cref="Verbosity.ProgressBar"/>, as Keras' <c>verbose="auto"</c>: a progress bar redrawn within each epoch
    /// when the console is an interactive terminal, one line per epoch when the output is redirected to a file or a
    /// pipe (DefaultVerbosityTests). <see cref="Verbosity.EpochLines"/> always writes lines, <see cref="Verbosity.Silent"/> nothing.
    /// </summary>
    public Verbosity Verbosity
    {
        get => _verbosity;
        init => _verbosity = Guard.Defined(value, nameof(Verbosity));
    }

    /// <summary>Stop when a monitored metric stops improving. Off when null.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>
    /// Stop at the first batch whose loss or gradient is NaN or infinite, or whose update would make a parameter NaN
    /// or infinite, before it changes the weights, so the model keeps the last good weights
    /// (DivergentUpdateTests, FitSemanticsTests). Default true. When false, such a batch is skipped and training goes on.
    /// </summary>
    public bool StopOnNonFinite { get; init; } = true;

    /// <summary>Observers told about every epoch and batch (for progress bars in apps, logging, plotting). Not null.</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks
    {
        get => _callbacks;
        init => _callbacks = value ?? throw new ArgumentNullException(nameof(Callbacks));
    }

    /// <summary>
    /// Most threads one training step uses, the caller's included, in [1, ∞); null (the default) uses
    /// <see cref="Parallelism.DefaultMaxThreads"/>. It holds for this <c>Fit</c> call only, so two models can train at
    /// the same time with different limits (ThreadLimitTests); the weights are bit-identical whatever the limit.
    /// </summary>
    public int? MaxThreads
    {
        get => _maxThreads;
        init => _maxThreads = value is { } limit ? Guard.AtLeast(limit, 1, nameof(MaxThreads)) : null;
    }

    /// <summary>Where the report chosen by <see cref="Verbosity"/> goes; null (the default) is the process's console. For tests.</summary>
    internal ConsoleTarget? Console { get; init; }

    /// <summary>Cancels training between batches; the weights are those after the last completed batch.</summary>
    public CancellationToken CancellationToken { get; init; }
}
