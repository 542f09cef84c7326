using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Dendrite;

/// <summary>
/// The first two layers of one <c>Predict</c> call, each split between the calling thread and the helper: the caller
/// runs part 0 of layer 1, the helper part 1; each then waits for the other's half of layer 1's outputs and runs its
/// part of layer 2.
/// </summary>
/// <remarks>
/// <para>
/// Why: with layer 1 alone shared, the caller ran all of layer 2 after the join, reading its weights alone (784-256-128-10:
/// 128 KB, about 1.2 µs of a 6.2 µs call). Split as well, each core reads half of them, at the cost of one more meeting
/// of the two threads (bench/README.md, "One sample on two cores").
/// </para>
/// <para>
/// How: the helper claims its part as for one layer (<see cref="ClaimedWorker"/>), so it never starts late: if the
/// caller claims it back, the caller runs all four parts itself. Once the helper has claimed it, each thread publishes
/// its half of layer 1 with a flag (done, or failed) and waits for the other's; the caller waits only for a part the
/// helper has already started. A failed half of layer 1 skips both parts of layer 2 and its exception reaches the
/// caller; the caller always waits for the helper's part to end before it returns, as its spans are pinned only until
/// then. Every value is computed by one thread with the same kernels whichever thread that is, so the outputs are the
/// bits of one thread (PredictSharingTests).
/// </para>
/// </remarks>
public static unsafe partial class FirstLayerSharing
{
    /// <summary>
    /// The fewest weights in a second layer that <c>Predict(input, output, maxThreads)</c> splits as well, when it
    /// splits the first: below it, the extra meeting of the two threads costs more than reading half the layer's
    /// weights saves (bench/README.md, "One sample on two cores").
    /// </summary>
    public const int MinimumSecondLayerWeights = 32_768;

    private const int Pending = 0;
    private const int Done = 1;
    private const int Failed = 2;

    // Each thread's half of layer 1 in the call in flight: Pending, then Done or Failed. Reset before each post.
    private static int s_callerFirstHalf;
    private static int s_helperFirstHalf;

    /// <summary>
    /// Runs both parts of <paramref name="work"/>'s first two layers for one sample: the parts 0 here, the parts 1 on
    /// the helper thread when it claims them first, else here too. Returns when both layers' outputs are written.
    /// </summary>
    /// <param name="work">The network's parts.</param>
    /// <param name="input">The sample.</param>
    /// <param name="firstLayerActivations">The first layer's outputs, written.</param>
    /// <param name="secondLayerActivations">The second layer's outputs, written.</param>
    public static void Run(IFirstTwoLayerParts work, ReadOnlySpan<float> input, Span<float> firstLayerActivations, Span<float> secondLayerActivations)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Interlocked.CompareExchange(ref s_owner, 1, 0) != 0)
        {
            // Another call holds the helper: this one runs alone, as Predict without maxThreads does.
            RunAllParts(work, input, firstLayerActivations, secondLayerActivations);
            return;
        }

        try
        {
            fixed (float* inputs = input)
            fixed (float* first = firstLayerActivations)
            fixed (float* second = secondLayerActivations)
            {
                RunSharedTwoLayers(work, inputs, input.Length, first, firstLayerActivations.Length, second, secondLayerActivations.Length);
            }
        }
        finally
        {
            Release();
        }
    }

    private static void RunAllParts(IFirstTwoLayerParts work, ReadOnlySpan<float> input, Span<float> first, Span<float> second)
    {
        work.ForwardFirstLayerPart(input, first, 0);
        work.ForwardFirstLayerPart(input, first, 1);
        work.ForwardSecondLayerPart(first, second, 0);
        work.ForwardSecondLayerPart(first, second, 1);
    }

    private static void RunSharedTwoLayers(IFirstTwoLayerParts work, float* inputs, int inputLength, float* first, int firstLength, float* second, int secondLength)
    {
        s_twoLayers = work;
        s_secondActivations = second;
        s_secondActivationsLength = secondLength;
        s_callerFirstHalf = Pending;
        s_helperFirstHalf = Pending;
        ClaimedWorker helper = PostPartOne(work, inputs, inputLength, first, firstLength); // a full fence after the fields above
        var input = new ReadOnlySpan<float>(inputs, inputLength);
        var firstSpan = new Span<float>(first, firstLength);
        var secondSpan = new Span<float>(second, secondLength);
        try
        {
            work.ForwardFirstLayerPart(input, firstSpan, 0);
        }
        catch
        {
            // The helper may be waiting for this half: tell it there is none, then make sure its part is not running.
            Volatile.Write(ref s_callerFirstHalf, Failed);
            StopPartOne(helper);
            throw;
        }

        Volatile.Write(ref s_callerFirstHalf, Done);
        if (helper.TryClaimPosted())
        {
            // The helper had not started: the rest is this thread's.
            work.ForwardFirstLayerPart(input, firstSpan, 1);
            work.ForwardSecondLayerPart(firstSpan, secondSpan, 0);
            work.ForwardSecondLayerPart(firstSpan, secondSpan, 1);
            return;
        }

        if (WaitForHalf(ref s_helperFirstHalf) == Done)
        {
            try
            {
                work.ForwardSecondLayerPart(firstSpan, secondSpan, 0);
            }
            catch
            {
                _ = helper.WaitForCompletion(); // its part reads this call's pinned spans
                throw;
            }
        }

        ThrowIfPartOneFailed(helper);
    }

    /// <summary>On the helper: part 1 of layer 1, then, once the caller's half is written, part 1 of layer 2.</summary>
    private static void RunHelperPartOfTwoLayers(IFirstTwoLayerParts work)
    {
        var first = new Span<float>(s_activations, s_activationsLength);
        try
        {
            work.ForwardFirstLayerPart(new ReadOnlySpan<float>(s_input, s_inputLength), first, 1);
        }
        catch
        {
            Volatile.Write(ref s_helperFirstHalf, Failed);
            throw;
        }

        Volatile.Write(ref s_helperFirstHalf, Done);
        if (WaitForHalf(ref s_callerFirstHalf) == Done)
        {
            work.ForwardSecondLayerPart(first, new Span<float>(s_secondActivations, s_secondActivationsLength), 1);
        }
    }

    /// <summary>
    /// Spins until the other thread's half of layer 1 is settled, and returns how. A plain spin, as for the helper's
    /// part: the other half was started with this one, so the wait is at most microseconds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WaitForHalf(ref int half)
    {
        int state;
        while ((state = Volatile.Read(ref half)) == Pending)
        {
            Thread.SpinWait(1);
        }

        return state;
    }
}
