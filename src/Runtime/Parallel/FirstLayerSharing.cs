using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using Dendrite.Internal;

namespace Dendrite;

/// <summary>
/// Splits the first layer of one <c>Predict</c> call between the calling thread and a helper thread, so that each
/// core reads half of the layer's weights from its own cache: <c>Predict(input, output, maxThreads)</c> of a network
/// whose first layer is large enough (<see cref="MinimumWeights"/>); and the second layer too, when it is a Dense
/// layer large enough as well (<see cref="MinimumSecondLayerWeights"/>, FirstLayerSharing.TwoLayers.cs).
/// </summary>
/// <remarks>
/// <para>
/// Why: one sample's forward pass does a multiply-add per weight and reads every weight once, so its time is the time
/// to bring the weights in. 784-256-128-10 holds 0.9 MB of them, 85 % in layer 1; one core reads them in about 9 µs
/// (bench/README.md, "One sample on two cores").
/// </para>
/// <para>
/// How: the caller posts part 1 to the helper (a <see cref="ClaimedWorker"/>, as ShardRunner's workers are), runs part
/// 0, then claims part 1 back with a compare-exchange; the helper, when it sees the post, claims it the same way.
/// Whoever claims it runs it, so the caller never waits for a helper that is asleep or preempted: it only waits for a
/// part the helper has already started. The helper spins for 200 µs after each part (a stream of calls keeps it ready)
/// and then sleeps; a call that finds it asleep wakes it and goes on without it. One call at a time uses the helper; a
/// concurrent call runs both parts itself. Every value is computed by one thread with the same kernels whichever thread
/// that is, so the outputs are the same bits as one thread's (PredictSharingTests).
/// </para>
/// </remarks>
public static unsafe partial class FirstLayerSharing
{
    /// <summary>
    /// The fewest weights in a first layer that <c>Predict(input, output, maxThreads)</c> splits: below it, handing a
    /// part over and bringing its values back (about 0.55 µs between the two cores of the machine the benchmarks run
    /// on) costs more than reading half the weights saves. Measured: 784-25-15-10 (19,600 weights in layer 1) took
    /// 0.83 µs split against 0.68 whole; 784-256-128-10 (200,704) 6.0 µs against 8.7.
    /// </summary>
    public const int MinimumWeights = 65_536;

    private static readonly object s_startGate = new();
    private static readonly PartOne s_partOne = new();
    private static ClaimedWorker? s_helper;
    private static int s_owner; // 1 while a call uses the helper: only its caller posts, and it settles the post before it returns
    private static IFirstLayerParts? s_work;
    private static float* s_input;
    private static int s_inputLength;
    private static float* s_activations;
    private static int s_activationsLength;
    private static IFirstTwoLayerParts? s_twoLayers; // set while a call shares its second layer too
    private static float* s_secondActivations;
    private static int s_secondActivationsLength;

    /// <summary>
    /// Checks a <c>maxThreads</c> argument and says whether a call with it may share its first layer: 2 or more, on a
    /// machine with at least two processors.
    /// </summary>
    /// <param name="maxThreads">Most threads the call uses, the caller's included.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxThreads"/> is below 1; the message names <c>maxThreads</c> and the value.</exception>
    public static bool Allows(int maxThreads) =>
        Guard.AtLeast(maxThreads, 1, nameof(maxThreads)) > 1 && Environment.ProcessorCount > 1;

    /// <summary>Parts the helper thread has run since the process started (for tests).</summary>
    internal static long PartsRunByHelper => Volatile.Read(ref s_helper)?.ShardsRun ?? 0;

    /// <summary>
    /// Runs both parts of <paramref name="work"/>'s first layer for one sample: part 0 here, part 1 on the helper thread
    /// when it claims it first, else here too. Returns when both are written.
    /// </summary>
    /// <param name="work">The network's two parts.</param>
    /// <param name="input">The sample.</param>
    /// <param name="activations">The first layer's outputs, written.</param>
    public static void Run(IFirstLayerParts work, ReadOnlySpan<float> input, Span<float> activations)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Interlocked.CompareExchange(ref s_owner, 1, 0) != 0)
        {
            // Another call holds the helper: this one runs alone, as Predict without maxThreads does.
            work.ForwardFirstLayerPart(input, activations, 0);
            work.ForwardFirstLayerPart(input, activations, 1);
            return;
        }

        try
        {
            fixed (float* inputs = input)
            fixed (float* outputs = activations)
            {
                RunShared(work, inputs, input.Length, outputs, activations.Length);
            }
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Forgets the call's work and spans and frees the helper for the next call.</summary>
    private static void Release()
    {
        s_work = null;
        s_twoLayers = null;
        s_input = null;
        s_activations = null;
        s_secondActivations = null;
        Volatile.Write(ref s_owner, 0);
    }

    private static void RunShared(IFirstLayerParts work, float* input, int inputLength, float* activations, int activationsLength)
    {
        ClaimedWorker helper = PostPartOne(work, input, inputLength, activations, activationsLength);

        try
        {
            work.ForwardFirstLayerPart(new ReadOnlySpan<float>(input, inputLength), new Span<float>(activations, activationsLength), 0);
        }
        catch
        {
            StopPartOne(helper); // part 0's exception is the one the caller gets
            throw;
        }

        if (helper.TryClaimPosted())
        {
            work.ForwardFirstLayerPart(new ReadOnlySpan<float>(input, inputLength), new Span<float>(activations, activationsLength), 1);
            return;
        }

        ThrowIfPartOneFailed(helper);
    }

    /// <summary>
    /// After the caller's own part failed: part 1 must be neither running nor about to run once the call returns, as its
    /// spans point into memory pinned only until then. Claims it so the helper never starts it, or waits for the helper
    /// to finish it.
    /// </summary>
    private static void StopPartOne(ClaimedWorker helper)
    {
        if (!helper.TryClaimPosted())
        {
            _ = helper.WaitForCompletion();
        }
    }

    /// <summary>Waits for the part the helper claimed, and rethrows what it threw, if anything.</summary>
    private static void ThrowIfPartOneFailed(ClaimedWorker helper)
    {
        if (helper.WaitForCompletion() is { } failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }

    /// <summary>Publishes the call's work and spans, then posts part 1 to the helper.</summary>
    private static ClaimedWorker PostPartOne(IFirstLayerParts work, float* input, int inputLength, float* activations, int activationsLength)
    {
        ClaimedWorker helper = EnsureHelper();
        s_work = work;
        s_input = input;
        s_inputLength = inputLength;
        s_activations = activations;
        s_activationsLength = activationsLength;
        helper.Post(s_partOne, phase: 0, shard: 1, shards: 2); // a full fence: the fields above are visible to the helper first
        return helper;
    }

    private static ClaimedWorker EnsureHelper()
    {
        if (Volatile.Read(ref s_helper) is { } helper)
        {
            return helper;
        }

        lock (s_startGate)
        {
            // A plain spin while waiting for the helper's part: it ends within microseconds.
            s_helper ??= new ClaimedWorker("Dendrite predict helper", spinWithoutBackOff: true);
            return s_helper;
        }
    }

    /// <summary>Part 1 of the call in flight, as the helper runs it (a caller that claims it back calls the parts itself): of layer 1, or of layers 1 and 2.</summary>
    private sealed class PartOne : IShardedWork
    {
        public void RunShard(int phase, int shard, int shards)
        {
            if (s_twoLayers is { } twoLayers)
            {
                RunHelperPartOfTwoLayers(twoLayers);
                return;
            }

            s_work!.ForwardFirstLayerPart(new ReadOnlySpan<float>(s_input, s_inputLength), new Span<float>(s_activations, s_activationsLength), shard);
        }
    }
}
