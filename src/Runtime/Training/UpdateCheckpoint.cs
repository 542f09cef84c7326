using System;

namespace Dendrite;

/// <summary>
/// The parameters and optimizer state from just before an update, kept so that an update which overflows (a
/// parameter becomes NaN or ±∞ although the loss and the gradients were finite) can be undone exactly. The buffers
/// are allocated once, with the session, so a training step still allocates nothing.
/// </summary>
internal sealed class UpdateCheckpoint
{
    private readonly float[] _parameters;
    private readonly float[] _state;
    private long _iterations;

    public UpdateCheckpoint(int parameterCount, Optimizer optimizer)
    {
        // Sized now, so the state buffers exist and their copy can be allocated here rather than in a step.
        optimizer.PrepareState(parameterCount);
        _parameters = new float[parameterCount];
        _state = new float[optimizer.StateLength];
    }

    public void Save(ReadOnlySpan<float> parameters, Optimizer optimizer)
    {
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
