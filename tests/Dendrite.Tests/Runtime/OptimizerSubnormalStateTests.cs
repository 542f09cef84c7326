using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// Optimizer state that decays where the gradient stays 0 (a weight on an image's always-black border pixel) reaches
/// the subnormal range, and a confident network's gradients are often tiny; x86 arithmetic that reads or produces a
/// subnormal number takes a microcode assist. The optimizers count subnormal gradients and squares as 0 and store no
/// subnormal state, as TensorFlow's CPU kernels (flush-to-zero mode) do. Checked against each optimizer's rule written
/// here in float without the flush: the reference does reach subnormal state (so the case is exercised), the optimizer
/// holds none, and the parameters come out bit for bit the same.
/// </summary>
public class OptimizerSubnormalStateTests
{
    private const int Count = 37; // two 16-float registers and a tail
    private const int Steps = 12_000;

    /// <summary>
    /// Half the parameters (even indices) see their gradient drop to 0 after 20 steps. A quarter (i % 4 == 1) then get
    /// tiny ones, as a confident network's are: 10⁻²⁵ (whose square is below the smallest normal float) and subnormal
    /// 10⁻⁴⁰ on alternate steps. The rest keep ordinary small gradients.
    /// </summary>
    private static float[] Gradient(int step)
    {
        var g = new float[Count];
        for (int i = 0; i < Count; i++)
        {
            float wave = MathF.Sin((0.7f * i) + step);
            g[i] = step <= 20 ? 0.01f * wave
                : i % 2 == 0 ? 0f
                : i % 4 == 1 ? (step % 2 == 0 ? 1e-25f * wave : 1e-40f)
                : 0.01f * wave;
        }

        return g;
    }

    private static float[] Theta() => Enumerable.Range(0, Count).Select(i => 0.25f + (0.01f * i)).ToArray();

    [Fact]
    public void Adam_keeps_no_subnormal_moment_and_the_same_parameters()
    {
        const float alpha = 0.001f, beta1 = 0.9f, beta2 = 0.99f, epsilon = 1e-7f;
        var adam = new Adam(alpha, beta1, beta2, epsilon);
        float[] theta = Theta();
        float[] expected = Theta();
        float[] m = new float[Count], v = new float[Count];
        for (int t = 1; t <= Steps; t++)
        {
            float[] g = Gradient(t);
            adam.Step(theta, g);
            float alphaT = (float)(alpha * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t)));
            for (int i = 0; i < Count; i++)
            {
                m[i] += (1f - beta1) * (g[i] - m[i]);
                v[i] += (1f - beta2) * ((g[i] * g[i]) - v[i]);
                expected[i] -= alphaT * m[i] / (MathF.Sqrt(v[i]) + epsilon);
            }
        }

        AssertReferenceWentSubnormal(m, v);
        AssertFlushedState(adam, zeroedPerBuffer: 2);
        Assert.Equal(expected, theta);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sgd_keeps_no_subnormal_velocity_and_the_same_parameters(bool nesterov)
    {
        const float alpha = 0.01f, mu = 0.9f;
        var sgd = new Sgd(alpha, mu, nesterov);
        float[] theta = Theta();
        float[] expected = Theta();
        float[] velocity = new float[Count];
        for (int t = 1; t <= Steps; t++)
        {
            float[] g = Gradient(t);
            sgd.Step(theta, g);
            for (int i = 0; i < Count; i++)
            {
                velocity[i] = (mu * velocity[i]) - (alpha * g[i]);
                expected[i] += nesterov ? (mu * velocity[i]) - (alpha * g[i]) : velocity[i];
            }
        }

        AssertReferenceWentSubnormal(velocity);
        AssertFlushedState(sgd, zeroedPerBuffer: 1);
        Assert.Equal(expected, theta);
    }

    [Fact]
    public void RmsProp_keeps_no_subnormal_state_and_the_same_parameters()
    {
        const float alpha = 0.001f, rho = 0.9f, mu = 0.9f, epsilon = 1e-7f;
        var rmsProp = new RmsProp(alpha, rho, mu, epsilon, centered: true);
        float[] theta = Theta();
        float[] expected = Theta();
        float[] s = new float[Count], a = new float[Count], u = new float[Count];
        for (int t = 1; t <= Steps; t++)
        {
            float[] g = Gradient(t);
            rmsProp.Step(theta, g);
            for (int i = 0; i < Count; i++)
            {
                s[i] = (rho * s[i]) + ((1f - rho) * (g[i] * g[i]));
                a[i] = (rho * a[i]) + ((1f - rho) * g[i]);
                float increment = alpha * g[i] / MathF.Sqrt(s[i] - (a[i] * a[i]) + epsilon);
                u[i] = (mu * u[i]) + increment;
                expected[i] -= u[i];
            }
        }

        AssertReferenceWentSubnormal(s, a, u);
        AssertFlushedState(rmsProp, zeroedPerBuffer: 3);
        Assert.Equal(expected, theta);
    }

    [Fact]
    public void AdamW_keeps_no_subnormal_moment()
    {
        var adamW = new AdamW(learningRate: 0.001f, weightDecay: 0.004f, beta2: 0.99f);
        float[] theta = Theta();
        for (int t = 1; t <= Steps; t++)
        {
            adamW.Step(theta, Gradient(t));
        }

        AssertFlushedState(adamW, zeroedPerBuffer: 2);
    }

    /// <summary>The rule without the flush reaches subnormal values in every state buffer: the case is real.</summary>
    private static void AssertReferenceWentSubnormal(params float[][] state)
    {
        foreach (float[] buffer in state)
        {
            Assert.Contains(buffer, float.IsSubnormal);
        }
    }

    /// <summary>No state value is subnormal, and each buffer holds exact zeros where the gradient stayed 0.</summary>
    private static void AssertFlushedState(Optimizer optimizer, int zeroedPerBuffer)
    {
        var state = new float[optimizer.StateLength];
        optimizer.CopyStateTo(state);
        Assert.Equal(zeroedPerBuffer * Count, state.Length);
        Assert.DoesNotContain(state, float.IsSubnormal);
        for (int buffer = 0; buffer < zeroedPerBuffer; buffer++)
        {
            for (int i = 0; i < Count; i += 2)
            {
                Assert.Equal(0f, state[(buffer * Count) + i]);
            }
        }
    }
}
