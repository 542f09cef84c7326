using System;
using System.Threading;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Lays out each batch of a <c>Fit</c> epoch the way a step reads it: the batch's samples, in the epoch's shuffled
/// order, copied into one contiguous buffer (inputs, and labels or target values).
/// </summary>
/// <remarks>
/// <para>
/// The copy is a random read of batch × InputSize values: about 100 KB for a batch of 32 MNIST images, a few
/// microseconds from the cache but 10–15 µs from main memory once the data set outgrows the cache, 8–25 % of the
/// 784-25-15-10 network's step (bench/README.md, "Fit end to end"). So when <c>Fit</c> may use more than one thread,
/// the next batch is copied on a thread-pool thread while the current batch's step runs, into the second of two
/// buffers. The copy is claimed a sample at a time: when the step ends, the training thread copies the samples no
/// thread has claimed yet and waits only for a sample being copied, so a pool thread that starts late or is
/// preempted (a busy machine) never holds training up for longer than one sample's copy. With one thread allowed,
/// every copy is made on the training thread, between steps.
/// </para>
/// <para>
/// Without shuffling the samples of a batch are already contiguous: the batch is a slice of the data, not a copy.
/// Every path hands the step the same values in the same order, so the weights do not depend on which one ran
/// (FitEquivalenceTests).
/// </para>
/// <para>
/// The data is reached through pointers: <see cref="TrainingLoop{TNetwork}"/> pins it for the whole <c>Fit</c> call
/// and calls <see cref="Detach"/> before unpinning, which finishes a copy in flight. A queued work item that runs
/// after that finds the job closed and returns without touching the data or the batch buffers, which come from
/// <see cref="AlignedBufferPool"/> and go back to it when the call ends.
/// </para>
/// </remarks>
internal sealed unsafe class BatchAssembler : IThreadPoolWorkItem
{
    // The job in flight is (batch << 32) | the next sample to claim; a thread claims a sample by a compare-exchange
    // that moves it on, so every sample is copied by exactly one thread. The job is closed once the next sample is past
    // the batch's end; it starts closed (sample int.MaxValue). Batch and sample are all a copy needs (the sample order
    // changes only between epochs, when no job is open), so a work item that runs late and claims a sample of a
    // later job copies that job's sample, correctly.
    private const long Closed = int.MaxValue;

    private readonly int _inputSize;
    private readonly int _outputSize;
    private readonly bool _labels;
    private readonly int _batchSize;
    private readonly int _sampleCount;
    private readonly int[] _order;
    private readonly bool _shuffled;
    private readonly bool _overlap;
    private readonly AlignedBuffer[] _inputs; // the step's kernels read each row with whole-line vector loads
    private readonly int[][] _batchLabels;
    private readonly float[][] _batchValues;
    private float* _sourceInputs;
    private int* _sourceLabels;
    private float* _sourceValues;
    private long _job = Closed;
    private int _samplesCopied;
    private bool _published; // a job was published and the training thread has not settled it yet

    /// <param name="architecture">The network's sizes and target kind.</param>
    /// <param name="order">The epoch's sample order, reshuffled between epochs (never while a copy is in flight).</param>
    /// <param name="batchSize">Samples per batch; the last batch of an epoch may be smaller.</param>
    /// <param name="shuffled">Batches follow <paramref name="order"/>; when false, the data's own order, without copies.</param>
    /// <param name="overlap">Copy the next batch on another thread while a step runs (only when <paramref name="shuffled"/>).</param>
    public BatchAssembler(NetworkArchitecture architecture, int[] order, int batchSize, bool shuffled, bool overlap)
    {
        _inputSize = architecture.InputSize;
        _outputSize = architecture.OutputSize;
        _labels = architecture.TargetKind == TargetKind.ClassLabels;
        _order = order;
        _sampleCount = order.Length;
        _batchSize = batchSize;
        _shuffled = shuffled;
        _overlap = shuffled && overlap;
        int buffers = !shuffled ? 0 : _overlap ? 2 : 1;
        _inputs = new AlignedBuffer[buffers];
        _batchLabels = new int[buffers][];
        _batchValues = new float[buffers][];
        for (int b = 0; b < buffers; b++)
        {
            _inputs[b] = AlignedBufferPool.Rent(batchSize * _inputSize);
            _batchLabels[b] = _labels ? new int[batchSize] : [];
            _batchValues[b] = _labels ? [] : new float[batchSize * _outputSize];
        }
    }

    /// <summary>Batches in one epoch.</summary>
    public int BatchesPerEpoch => (_sampleCount + _batchSize - 1) / _batchSize;

    /// <summary>Points the assembler at the pinned training data (labels or target values, the other null).</summary>
    public void Attach(float* inputs, int* labels, float* values)
    {
        _sourceInputs = inputs;
        _sourceLabels = labels;
        _sourceValues = values;
    }

    /// <summary>Finishes the copy in flight, if any, and forgets the data, which may then be unpinned.</summary>
    public void Detach()
    {
        if (_published)
        {
            Settle((int)(Volatile.Read(ref _job) >> 32));
        }

        _sourceInputs = null;
        _sourceLabels = null;
        _sourceValues = null;
    }

    /// <summary>
    /// Hands the batch buffers to <see cref="AlignedBufferPool"/> for the next <c>Fit</c> call, after <see cref="Detach"/>:
    /// every job is closed then, so no thread writes to them again.
    /// </summary>
    public void ReturnBuffers()
    {
        for (int b = 0; b < _inputs.Length; b++)
        {
            AlignedBufferPool.Return(_inputs[b]);
            _inputs[b] = AlignedBuffer.Empty;
        }
    }

    /// <summary>
    /// Batch <paramref name="batch"/> of the epoch (0-based) as the step reads it, and its size; when shuffled, the
    /// copy of the next batch starts (on another thread when allowed). The spans stay valid until the call after next;
    /// batches are taken in order, from 0, every epoch.
    /// </summary>
    public int Take(int batch, out ReadOnlySpan<float> inputs, out TargetBatch targets)
    {
        int start = batch * _batchSize;
        int count = Math.Min(_batchSize, _sampleCount - start);
        if (!_shuffled)
        {
            inputs = new ReadOnlySpan<float>(_sourceInputs + ((long)start * _inputSize), count * _inputSize);
            targets = _labels
                ? TargetBatch.FromLabels(new ReadOnlySpan<int>(_sourceLabels + start, count))
                : TargetBatch.FromValues(new ReadOnlySpan<float>(_sourceValues + ((long)start * _outputSize), count * _outputSize));
            return count;
        }

        // The batch was published after the previous step (batch > 0 with overlap); otherwise copy it now.
        if (_overlap && batch > 0)
        {
            Settle(batch);
        }
        else
        {
            for (int k = 0; k < count; k++)
            {
                CopySample(batch, k);
            }
        }

        if (_overlap && batch + 1 < BatchesPerEpoch)
        {
            _published = true;
            Volatile.Write(ref _samplesCopied, 0);
            Volatile.Write(ref _job, (long)(batch + 1) << 32);
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        int buffer = Buffer(batch);
        inputs = _inputs[buffer].Span.Slice(0, count * _inputSize);
        targets = _labels
            ? TargetBatch.FromLabels(_batchLabels[buffer].AsSpan(0, count))
            : TargetBatch.FromValues(_batchValues[buffer].AsSpan(0, count * _outputSize));
        return count;
    }

    /// <summary>On a pool thread: copies the samples of the open job that no other thread has claimed.</summary>
    void IThreadPoolWorkItem.Execute() => CopyUnclaimedSamples();

    /// <summary>Copies what is left of <paramref name="batch"/>'s job here, then waits for samples another thread is copying.</summary>
    private void Settle(int batch)
    {
        CopyUnclaimedSamples();
        int count = Count(batch);
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _samplesCopied) < count)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        _published = false;
    }

    private void CopyUnclaimedSamples()
    {
        while (true)
        {
            long job = Volatile.Read(ref _job);
            int batch = (int)(job >> 32);
            int sample = (int)(job & 0xFFFFFFFF);
            if (sample >= Count(batch))
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _job, job + 1, job) == job)
            {
                CopySample(batch, sample);
                Interlocked.Increment(ref _samplesCopied);
            }
        }
    }

    private int Count(int batch) => Math.Min(_batchSize, _sampleCount - (batch * _batchSize));

    private int Buffer(int batch) => _overlap ? batch & 1 : 0;

    /// <summary>Copies sample <paramref name="k"/> of <paramref name="batch"/> (its inputs and target) into the batch's buffer.</summary>
    private void CopySample(int batch, int k)
    {
        int buffer = Buffer(batch);
        int position = (batch * _batchSize) + k;
        int sample = _order[position];
        float* next = position + 1 < _sampleCount ? _sourceInputs + ((long)_order[position + 1] * _inputSize) : null;
        fixed (float* destination = &_inputs[buffer].Span[k * _inputSize])
        {
            RowCopy.Copy(_sourceInputs + ((long)sample * _inputSize), destination, _inputSize, next);
        }

        if (_labels)
        {
            _batchLabels[buffer][k] = _sourceLabels[sample];
        }
        else
        {
            new ReadOnlySpan<float>(_sourceValues + ((long)sample * _outputSize), _outputSize).CopyTo(_batchValues[buffer].AsSpan(k * _outputSize, _outputSize));
        }
    }
}
