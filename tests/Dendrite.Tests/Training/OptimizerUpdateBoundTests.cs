using Dendrite.Tests.Kernels;
using Xunit;

namespace Dendrite.Tests.Training;

/// <summary>
/// The bound that lets a training step skip the checkpoint of parameters and optimizer state
/// (<c>Optimizer.UpdateBound</c>): whenever it is finite, the actual float update moves no parameter further than it,
/// leaves the state finite and within the optimizer's own state bounds; and the session takes the checkpointed path
/// exactly when the bound cannot prove the update finite.
/// </summary>
public class OptimizerUpdateBoundTests
{
    private const int Count = 37; // not a multiple of the vector width, so the scalar tails are exercised too

    public static TheoryData<string> Optimizers() => ["adam", "adam-odd", "sgd", "momentum", "nesterov", "adamw", "rmsprop", "rmsprop-momentum"];

    private static Optimizer Create(string kind, Random rng, float learningRate) => kind switch
    {
        "adam" => new Adam(learningRate),
        // β close to 1, ε above 1: the corners of the bound (slow decay, α_t·m formed before the division).
        "adam-odd" => new Adam(learningRate, beta1: 1f - (float)Math.Pow(10, -1 - (6 * rng.NextDouble())), beta2: (float)rng.NextDouble(), epsilon: (float)Math.Pow(10, -8 + (10 * rng.NextDouble()))),
        "sgd" => new Sgd(learningRate),
        "adamw" => new AdamW(learningRate, weightDecay: (float)rng.NextDouble()),
        "rmsprop" => new RmsProp(learningRate, rho: (float)rng.NextDouble(), epsilon: (float)Math.Pow(10, -8 + (8 * rng.NextDouble()))),
        "rmsprop-momentum" => new RmsProp(learningRate, momentum: (float)rng.NextDouble()),
        "momentum" => new Sgd(learningRate, momentum: (float)rng.NextDouble()),
        _ => new Sgd(learningRate, momentum: (float)rng.NextDouble(), nesterov: true),
    };

    /// <summary>A value of magnitude up to <paramref name="max"/>: often exactly ±max (where the bound is tightest), else a random fraction.</summary>
    private static float Draw(Random rng, float max) => (rng.Next(3) == 0 ? 1f : (float)rng.NextDouble()) * (rng.Next(2) == 0 ? max : -max);

    private static float Magnitude(Random rng, int minExponent, int maxExponent) => (float)Math.Pow(10, minExponent + ((maxExponent - minExponent) * rng.NextDouble()));

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void The_bound_holds_for_the_actual_update_on_random_states(string kind)
    {
        var rng = new Random(kind.GetHashCode(StringComparison.Ordinal) & 0xffff);
        int proven = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            Optimizer optimizer = Create(kind, rng, Magnitude(rng, -6, trial % 4 == 0 ? 36 : 2));
            optimizer.PrepareState(Count);
            float[] state = new float[optimizer.StateLength];
            float stateScale = Magnitude(rng, -10, trial % 5 == 0 ? 37 : 3);
            for (int i = 0; i < state.Length; i++)
            {
                // Adam's second moment (the second half) and RMSprop's mean square (the first buffer) are never negative.
                float value = Draw(rng, stateScale);
                bool nonNegative = optimizer is Adam or AdamW ? i >= Count : optimizer is RmsProp && i < Count;
                state[i] = nonNegative ? Math.Abs(value) : value;
            }

            // Restoring measures the state bounds from the buffers, as after an undone step.
            optimizer.RestoreState(state, rng.Next(0, 1000));
            float[] parameters = new float[Count];
            float parameterScale = trial % 2 == 0 ? 0f : Magnitude(rng, -3, trial % 3 == 0 ? 37 : 3);
            for (int step = 0; step < 10; step++)
            {
                float gradientScale = Magnitude(rng, -8, trial % 7 == 0 ? 30 : 3);
                float[] gradients = new float[Count];
                for (int i = 0; i < Count; i++)
                {
                    gradients[i] = Draw(rng, gradientScale);
                }

                if (step == 0)
                {
                    for (int i = 0; i < Count; i++)
                    {
                        parameters[i] = Draw(rng, parameterScale);
                    }
                }

                Assert.True(Optimizer.FiniteMaxAbs(gradients, out float g));
                double bound = optimizer.UpdateBound(g);
                float[] before = parameters.ToArray();
                optimizer.StepWithGradientBound(parameters, gradients, g);
                if (!double.IsFinite(bound))
                {
                    break; // the slow path's territory: nothing is promised, and the state bounds may be spent
                }

                proven++;
                for (int i = 0; i < Count; i++)
                {
                    Assert.True(float.IsFinite(parameters[i]));
                    // Exact from θ = 0 (θ' is then the rounded step itself); otherwise up to θ's own rounding.
                    // AdamW's decay only shrinks θ (α·λ ≤ 1 whenever its bound is finite), so its bound is on |θ'| − |θ|.
                    double moved = optimizer is AdamW
                        ? Math.Abs((double)parameters[i]) - Math.Abs((double)before[i])
                        : Math.Abs((double)parameters[i] - before[i]);
                    Assert.True(moved <= bound + (Math.Abs((double)before[i]) * 1.2e-7), $"{kind} trial {trial} step {step}: moved {moved} > bound {bound}");
                }

                float[] after = new float[optimizer.StateLength];
                optimizer.CopyStateTo(after);
                Assert.All(after, s => Assert.True(float.IsFinite(s)));
                Assert.True(optimizer.StateWithinBounds(), $"{kind} trial {trial} step {step}: state outside its bounds");
            }
        }

        Assert.True(proven > 1000, $"only {proven} steps had a finite bound");
    }

    [Fact]
    public void Tight_adam_case_m_equal_to_g_and_v_at_zero_stays_within_the_bound()
    {
        // m and g both at their bounds with the same sign and v as small as it can be: the step is α_t·m'/(√v'+ε)
        // with √v' ≫ ε here, far inside α_t·M'/ε, so the bound is loose for Adam; checked for the record.
        var sgd = new Adam(0.5f);
        sgd.PrepareState(Count);
        float[] parameters = new float[Count];
        float[] gradients = Enumerable.Repeat(3f, Count).ToArray();
        double bound = sgd.UpdateBound(3f);
        sgd.StepWithGradientBound(parameters, gradients, 3f);
        Assert.All(parameters, p => Assert.True(Math.Abs(p) <= bound));
    }

    [Theory]
    [InlineData(1e38f, 1f)]
    [InlineData(0.01f, 1e19f)] // G² ≥ 1e37: Adam's v could overflow
    public void The_bound_is_infinite_when_the_update_might_overflow(float learningRate, float g)
    {
        foreach (Optimizer optimizer in new Optimizer[] { new Adam(learningRate), new Sgd(learningRate), new Sgd(learningRate, 0.9f, nesterov: true) })
        {
            optimizer.PrepareState(Count);
            double bound = optimizer.UpdateBound(g);
            Assert.True(optimizer is Sgd && learningRate < 1 ? double.IsFinite(bound) : !double.IsFinite(bound) || bound > 1e36);
        }
    }

    private static (float[] X, int[] Labels) Data(float scale = 1f)
    {
        var x = new float[24 * DivergenceNet.InputSize];
        var labels = new int[24];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = scale * MathF.Sin(0.37f * i);
        }

        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = i % 3;
        }

        return (x, labels);
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Ordinary_training_never_copies_parameters_or_state(string kind)
    {
        (float[] x, int[] labels) = Data();
        var session = new TrainingSession<DivergenceNet>(new DivergenceNet(seed: 3), Create(kind, new Random(5), 0.01f));
        for (int i = 0; i < 200; i++)
        {
            Assert.True(float.IsFinite(session.Step(x, TargetBatch.FromLabels(labels))));
        }

        Assert.Equal(0, session.CheckpointedSteps);
    }

    [Fact]
    public void An_overflowing_update_takes_the_checkpointed_path_and_is_undone()
    {
        // Inputs ×100 make first-layer gradients of order 10–100, so 3e38·g overflows.
        (float[] x, int[] labels) = Data(100f);
        var net = new DivergenceNet(seed: 3);
        var sgd = new Sgd(0.0001f, momentum: 0.9f, nesterov: true);
        var session = new TrainingSession<DivergenceNet>(net, sgd);
        session.Step(x, TargetBatch.FromLabels(labels));
        float[] good = net.Parameters.ToArray();
        float[] state = new float[sgd.StateLength];
        sgd.CopyStateTo(state);

        sgd.LearningRate = 3e38f;
        float loss = session.Step(x, TargetBatch.FromLabels(labels));

        Assert.True(float.IsNaN(loss));
        Assert.Equal(1, session.CheckpointedSteps);
        Assert.Equal(good, net.Parameters.ToArray());
        float[] restored = new float[sgd.StateLength];
        sgd.CopyStateTo(restored);
        Assert.Equal(state, restored);
        Assert.Equal(1, sgd.Iterations);

        // Back at a sane rate, the restored (exactly measured) bounds let the fast path resume at once.
        sgd.LearningRate = 0.0001f;
        session.Step(x, TargetBatch.FromLabels(labels));
        Assert.Equal(1, session.CheckpointedSteps);
    }

    [Fact]
    public void A_huge_parameter_set_by_user_code_or_a_direct_optimizer_step_takes_the_checkpointed_path_once()
    {
        (float[] x, int[] labels) = Data();
        var net = new DivergenceNet(seed: 3);
        var sgd = new Sgd(0.01f, momentum: 0.9f);
        var session = new TrainingSession<DivergenceNet>(net, sgd);
        session.Step(x, TargetBatch.FromLabels(labels));
        Assert.Equal(0, session.CheckpointedSteps);

        // max|θ| near the limit: the read pass over the parameters sees it.
        net.Parameters[0] = 2e37f;
        session.Step(x, TargetBatch.FromLabels(labels));
        Assert.Equal(1, session.CheckpointedSteps);
        net.Parameters[0] = 0.5f;

        // A step outside the session changes the state by an unknown amount: the bounds are measured again once.
        sgd.Step(net.Parameters, new float[DivergenceNet.ParameterCount]);
        session.Step(x, TargetBatch.FromLabels(labels));
        Assert.Equal(2, session.CheckpointedSteps);
        session.Step(x, TargetBatch.FromLabels(labels));
        Assert.Equal(2, session.CheckpointedSteps);
    }

    [Fact]
    public void The_copy_is_made_by_the_first_checkpointed_step_and_later_ones_allocate_nothing()
    {
        (float[] x, int[] labels) = Data();
        var net = new DivergenceNet(seed: 3);
        var session = new TrainingSession<DivergenceNet>(net, new Adam(0.01f));
        session.Step(x, TargetBatch.FromLabels(labels));

        // A huge parameter sends the step through the checkpoint: the first such step allocates the copy
        // (parameters and Adam's m and v, 3 × ParameterCount values) ...
        long first = SteadyStateAllocation.BytesAllocatedBy(() => CheckpointedStep(net, session, x, labels));
        Assert.Equal(1, session.CheckpointedSteps);
        Assert.True(first >= 3L * DivergenceNet.ParameterCount * sizeof(float), $"the first checkpointed step allocated {first} bytes");

        // ... and every one after it reuses it.
        Assert.Equal(0, SteadyStateAllocation.LeastOfThreeBlocks(5, () => CheckpointedStep(net, session, x, labels)));
        Assert.Equal(16, session.CheckpointedSteps);
    }

    private static void CheckpointedStep(DivergenceNet net, TrainingSession<DivergenceNet> session, float[] x, int[] labels)
    {
        net.Parameters[0] = 2e37f;
        session.Step(x, TargetBatch.FromLabels(labels));
        net.Parameters[0] = 0.5f;
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void The_fast_path_updates_exactly_like_the_checkpointed_one(string kind)
    {
        // Skipping the checkpoint changes nothing in the result: the session matches plain Optimizer.Step calls.
        (float[] x, int[] labels) = Data();
        var fastNet = new DivergenceNet(seed: 3);
        var fast = new TrainingSession<DivergenceNet>(fastNet, Create(kind, new Random(5), 0.01f));
        var referenceNet = new DivergenceNet(seed: 3);
        Optimizer reference = Create(kind, new Random(5), 0.01f);
        float[] gradients = new float[DivergenceNet.ParameterCount];
        float[] outputs = new float[labels.Length * DivergenceNet.OutputSize];
        for (int i = 0; i < 20; i++)
        {
            fast.Step(x, TargetBatch.FromLabels(labels));
            referenceNet.ComputeGradients(x, TargetBatch.FromLabels(labels), gradients, outputs);
            reference.Step(referenceNet.Parameters, gradients);
        }

        Assert.Equal(0, fast.CheckpointedSteps);
        Assert.Equal(referenceNet.Parameters.ToArray(), fastNet.Parameters.ToArray());
    }
}
