using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Dendrite;

/// <summary>The state of one <c>Fit</c> call: buffers allocated once, then epochs of shuffled batches.</summary>
internal sealed unsafe class TrainingLoop<TNetwork> where TNetwork : class, INetwork<TNetwork>
{
    private readonly TNetwork _network;
    private readonly FitOptions _options;
    private readonly NetworkArchitecture _architecture = TNetwork.Architecture;
    private readonly TrainingSession<TNetwork> _session;
    private readonly int _trainCount;
    private readonly int _validationCount;
    private readonly int[] _order;
    private readonly BatchAssembler _batches;
    private readonly float[] _batchOutputs;
    private readonly float[] _evaluationOutputs;
    private readonly DeterministicRandom _shuffle;
    private readonly List<ITrainingCallback> _callbacks;
    private readonly Stopwatch _epochClock = new();

    public TrainingLoop(TNetwork network, FitOptions options, int trainCount, int validationCount)
    {
        _network = network;
        _options = options;
        _trainCount = trainCount;
        _validationCount = validationCount;
        int batchSize = Math.Min(options.BatchSize, trainCount);
        _session = new TrainingSession<TNetwork>(network, options.Optimizer ?? new Adam(), options.MaxThreads, rentGradients: true);
        _order = new int[trainCount];
        for (int i = 0; i < trainCount; i++)
        {
            _order[i] = i;
        }

        // The next batch is copied on another thread while a step runs only when this Fit call may use two threads.
        bool overlap = (options.MaxThreads ?? Parallelism.DefaultMaxThreads) > 1 && Environment.ProcessorCount > 1;
        _batches = new BatchAssembler(_architecture, _order, batchSize, options.Shuffle, overlap);
        _batchOutputs = new float[batchSize * _architecture.OutputSize];
        _evaluationOutputs = new float[Math.Max(1, Math.Min(256, validationCount)) * _architecture.OutputSize];
        _shuffle = new DeterministicRandom(options.Seed);
        _callbacks = new List<ITrainingCallback>(options.Callbacks);
        if ((options.Console ?? ConsoleTarget.Current()).ReporterFor(options.Verbosity) is { } reporter)
        {
            _callbacks.Add(reporter);
        }
    }

    private int BatchesPerEpoch => _batches.BatchesPerEpoch;

    public TrainingHistory Run(ReadOnlySpan<float> inputs, TargetBatch targets, ReadOnlySpan<float> validationInputs, TargetBatch validationTargets)
    {
        // Pinned for the whole call: the batch assembler reads the training data through pointers, possibly from
        // another thread, and Detach waits for that thread before the data is unpinned.
        fixed (float* x = inputs)
        fixed (int* labels = targets.Labels)
        fixed (float* values = targets.Values)
        {
            _batches.Attach(x, labels, values);
            try
            {
                return RunEpochs(validationInputs, validationTargets);
            }
            finally
            {
                _batches.Detach();
                _batches.ReturnBuffers();
                _session.ReturnBuffers();
            }
        }
    }

    private TrainingHistory RunEpochs(ReadOnlySpan<float> validationInputs, TargetBatch validationTargets)
    {
        var plan = new TrainingPlan(_options.Epochs, BatchesPerEpoch, _trainCount, _validationCount, AccuracyCounter.KindFor(_architecture));
        var context = new TrainingContext(_session.Optimizer);
        foreach (ITrainingCallback callback in _callbacks)
        {
            callback.OnTrainingStart(plan, context);
        }

        var epochs = new List<EpochResult>(_options.Epochs);
        var stopper = _options.EarlyStopping is { } early ? new EarlyStopper(early, _network.Parameters.Length, _network.NonTrainableParameters.Length) : null;
        StopReason reason = StopReason.Completed;
        for (int epoch = 1; epoch <= _options.Epochs; epoch++)
        {
            _epochClock.Restart();
            foreach (ITrainingCallback callback in _callbacks)
            {
                callback.OnEpochStart(epoch);
            }

            (double loss, double? accuracy, StopReason? interrupted) = TrainEpoch(epoch);
            EvaluationResult? validation = null;
            if (_validationCount > 0 && interrupted is null)
            {
                validation = NetworkTrainer.EvaluateUnchecked(_network, validationInputs, validationTargets, _evaluationOutputs);
            }

            var result = new EpochResult(epoch, loss, accuracy, validation?.Loss, validation?.Accuracy, _epochClock.Elapsed);
            epochs.Add(result);
            foreach (ITrainingCallback callback in _callbacks)
            {
                callback.OnEpochEnd(result);
            }

            if (interrupted is { } stop)
            {
                reason = stop;
                break;
            }

            if (stopper is not null && stopper.ShouldStop(result, _network.Parameters, _network.NonTrainableParameters))
            {
                reason = StopReason.EarlyStopping;
                break;
            }
        }

        stopper?.RestoreIfRequested(_network.Parameters, _network.NonTrainableParameters);
        var history = new TrainingHistory(epochs, reason, stopper?.BestEpoch);
        foreach (ITrainingCallback callback in _callbacks)
        {
            callback.OnTrainingEnd(history);
        }

        return history;
    }

    private (double Loss, double? Accuracy, StopReason? Interrupted) TrainEpoch(int epoch)
    {
        if (_options.Shuffle)
        {
            _shuffle.Shuffle<int>(_order);
        }

        int outputSize = _architecture.OutputSize;
        var accuracy = new AccuracyCounter(_architecture);
        double lossSum = 0;
        int seen = 0;
        int batches = BatchesPerEpoch;
        for (int batch = 0; batch < batches; batch++)
        {
            if (_options.CancellationToken.IsCancellationRequested)
            {
                return (seen == 0 ? double.NaN : lossSum / seen, accuracy.Value, StopReason.Cancelled);
            }

            int count = _batches.Take(batch, out ReadOnlySpan<float> batchInputs, out TargetBatch batchTargets);
            Span<float> outputs = _batchOutputs.AsSpan(0, count * outputSize);
            float loss = _session.StepUnchecked(batchInputs, batchTargets, outputs, count);
            if (!float.IsFinite(loss) && _options.StopOnNonFinite)
            {
                return (loss, accuracy.Value, StopReason.NonFiniteLoss);
            }

            lossSum += (double)loss * count;
            seen += count;
            accuracy.AddUnchecked(outputs, batchTargets);
            var progress = new BatchProgress(epoch, batch + 1, batches, lossSum / seen, accuracy.Value);
            foreach (ITrainingCallback callback in _callbacks)
            {
                callback.OnBatchEnd(progress);
            }
        }

        return (lossSum / seen, accuracy.Value, null);
    }
}
