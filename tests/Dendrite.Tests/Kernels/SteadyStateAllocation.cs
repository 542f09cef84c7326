namespace Dendrite.Tests.Kernels;

/// <summary>
/// Bytes a hot path allocates on the calling thread once warm, measured as the least of three blocks of calls. An
/// allocation per call (what the allocation tests guard against) shows in every block. In the full suite, once in a
/// few runs, one block of a training step that wakes the shard runner's sleeping worker measured a few KB
/// (BatchNormalizationBehaviourTests 440–8,120 bytes, CnnShapeTests 6,408) that the same loop never shows alone or
/// beside another process's load; a single block would fail on that.
/// </summary>
internal static class SteadyStateAllocation
{
    public static long LeastOfThreeBlocks(int callsPerBlock, Action call)
    {
        long least = long.MaxValue;
        for (int block = 0; block < 3; block++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < callsPerBlock; i++)
            {
                call();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
