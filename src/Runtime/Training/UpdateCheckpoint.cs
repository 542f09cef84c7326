using System;

namespace Dendrite;

/// <summary>
/// The parameters and optimizer state from just before an update, kept so that an update which overflows (a
/// parameter becomes NaN or ±∞ although the loss and the gradients were finite) can be undone exactly.
/// </summary>
/// <remarks>
/// The copy is allocated by the first <see cref="Save"/>, not with the session: it holds as many values as the
/// parameters and the optimizer's state together (three times the parameters for Adam), and most sessions never
/// need it, since a step takes this path only when the update cannot be proven finite (OptimizerUpdateBoundTests).
/// Allocated with every session, it cost each <c>Fit</c> call its clearing and a page fault per 4 KB, and its
/// large-object allocations brought on full collections when <c>Fit</c> was called in a loop (AlignedBufferPool
/// says how much). The first checkpointed step allocates it; every step after that allocates nothing again
/// (OptimizerUpdateBoundTests).
/// </remarks>
internal sealed class UpdateCheckpoint
{
    private readonly int _parameterCount;
    private float[] _parameters = [];
    private float[] _state = [];
    private long _iterations;

    public UpdateCheckpoint(int parameterCount, Optimizer optimizer)
    {
        // The optimizer's state is sized now, with the session, so that a step never allocates it.
        optimizer.PrepareState(parameterCount);
        _parameterCount = parameterCount;
    }

    public void Save(ReadOnlySpan<float> parameters, Optimizer optimizer)
    {
        if (_parameters.Length != _parameterCount || _state.Length != optimizer.StateLength)
        {
            // Not cleared: every value is written below before Restore reads one.
            _parameters = GC.AllocateUninitializedArray<float>(_parameterCount);
            _state = GC.AllocateUninitializedArray<float>(optimizer.StateLength);
        }

        parameters.CopyTo(_parameters);
        optimizer.CopyStateTo(_state);
        _iterations = optimizer.Iterations;
    }

    public void Restore(Span<float> parameters, Optimizer optimizer)
    {
        _parameters.CopyTo(parameters);
        optimizer.RestoreState(_state, _iterations);
    }
}
