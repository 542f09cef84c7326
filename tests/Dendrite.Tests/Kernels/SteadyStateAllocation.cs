namespace Dendrite.Tests.Kernels;

/// <summary>
/// Bytes a hot path allocates on the calling thread once warm: the least of three blocks of calls, each block
/// started right after a blocking collection. An allocation per call (what the allocation tests guard against) shows
/// in every block, so the least of three still fails on it.
/// <para>
/// Why not one bare window: <see cref="GC.GetAllocatedBytesForCurrentThread"/> counts the thread's allocation context,
/// not objects, and when another thread's collection retires this thread's context during the window, the context's
/// unused rest (up to one 8 KB allocation quantum) can be counted as allocated although nothing was. A probe (a thread
/// that allocates nothing inside its windows, 100 bytes before each, beside a thread allocating garbage; 2026-12-01)
/// counted 8,072 bytes in 244 of 28,220 windows, and in none of 5,356 when a blocking collection preceded each window,
/// since the collection leaves the context empty. In the suite it showed as 440–8,120 bytes once in a few runs
/// (BatchNormalizationFoldingTests 7,376 bytes in one CI run), never when run alone.
/// </para>
/// </summary>
internal static class SteadyStateAllocation
{
    public static long LeastOfThreeBlocks(int callsPerBlock, Action call)
    {
        long least = long.MaxValue;
        for (int block = 0; block < 3; block++)
        {
            least = Math.Min(least, BytesAllocatedBy(() =>
            {
                for (int i = 0; i < callsPerBlock; i++)
                {
                    call();
                }
            }));
        }

        return least;
    }

    /// <summary>
    /// Bytes <paramref name="work"/> allocates on the calling thread, measured from an empty allocation context: a
    /// blocking collection first retires every thread's context, so none is left half used (see the remarks above).
    /// </summary>
    public static long BytesAllocatedBy(Action work)
    {
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        work();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
