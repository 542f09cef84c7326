using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// AdamW and RMSprop steps against Keras' update rules worked out here in double precision, as
/// <see cref="OptimizerKnownAnswerTests"/> does for Adam and SGD. 19 parameters: more than one vector at every width up
/// to 16 floats, plus a scalar tail, and one zero gradient.
/// </summary>
public class AdamWRmsPropKnownAnswerTests
{
    private const int Count = 19;

    private static float[] Theta() => Enumerable.Range(0, Count).Select(i => (0.1f * i) - 0.7f).ToArray();

    private static float[] Gradient(int step) => Enumerable.Range(0, Count).Select(i => i == 4 ? 0f : (float)Math.Sin((i * 0.37) + step) * (1 + i)).ToArray();

    [Fact]
    public void AdamW_follows_keras_for_several_steps()
    {
        // Keras AdamW: θ ← θ − α·λ·θ, then the Adam step θ ← θ − α_t·m/(√v + ε). Non-default values, so each one counts.
        const double alpha = 0.02, lambda = 0.5, beta1 = 0.8, beta2 = 0.99, epsilon = 1e-3;
        float[] theta = Theta();
        double[] expected = theta.Select(t => (double)t).ToArray();
        double[] m = new double[Count];
        double[] v = new double[Count];
        var adamW = new AdamW(learningRate: (float)alpha, weightDecay: (float)lambda, beta1: (float)beta1, beta2: (float)beta2, epsilon: (float)epsilon);
        for (int t = 1; t <= 4; t++)
        {
            float[] g = Gradient(t);
            double alphaT = alpha * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t));
            for (int i = 0; i < Count; i++)
            {
                expected[i] -= alpha * lambda * expected[i];
                m[i] += (1 - beta1) * (g[i] - m[i]);
                v[i] += (1 - beta2) * ((g[i] * (double)g[i]) - v[i]);
                expected[i] -= alphaT * m[i] / (Math.Sqrt(v[i]) + epsilon);
            }

            adamW.Step(theta, g);
            Near(expected, theta);
        }

        Assert.Equal(4, adamW.Iterations);
    }

    [Fact]
    public void AdamW_without_weight_decay_is_adam_bit_for_bit()
    {
        float[] a = Theta();
        float[] b = Theta();
        var adamW = new AdamW(learningRate: 0.01f, weightDecay: 0f);
        var adam = new Adam(learningRate: 0.01f);
        for (int t = 1; t <= 3; t++)
        {
            adamW.Step(a, Gradient(t));
            adam.Step(b, Gradient(t));
        }

        Assert.Equal(b, a);
    }

    [Fact]
    public void With_zero_gradients_AdamW_only_decays_the_parameters()
    {
        float[] theta = Theta();
        new AdamW(learningRate: 0.1f, weightDecay: 0.3f).Step(theta, new float[Count]);
        Near(Theta().Select(t => t * (1 - (0.1 * 0.3))).ToArray(), theta);
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.7, false)]
    [InlineData(0.0, true)]
    [InlineData(0.7, true)]
    public void RmsProp_follows_keras_for_several_steps(double mu, bool centered)
    {
        // Keras: s ← ρs + (1 − ρ)g²; a ← ρa + (1 − ρ)g (centred); Δ = α·g/√(s [− a²] + ε); u ← μu + Δ; θ ← θ − u (or − Δ).
        const double alpha = 0.01, rho = 0.85, epsilon = 1e-3;
        float[] theta = Theta();
        double[] expected = theta.Select(t => (double)t).ToArray();
        double[] s = new double[Count], a = new double[Count], u = new double[Count];
        var rms = new RmsProp(learningRate: (float)alpha, rho: (float)rho, momentum: (float)mu, epsilon: (float)epsilon, centered: centered);
        for (int t = 1; t <= 4; t++)
        {
            float[] g = Gradient(t);
            for (int i = 0; i < Count; i++)
            {
                s[i] = (rho * s[i]) + ((1 - rho) * g[i] * g[i]);
                a[i] = (rho * a[i]) + ((1 - rho) * g[i]);
                double increment = alpha * g[i] / Math.Sqrt(s[i] - (centered ? a[i] * a[i] : 0) + epsilon);
                u[i] = (mu * u[i]) + increment;
                expected[i] -= mu == 0 ? increment : u[i];
            }

            rms.Step(theta, g);
            Near(expected, theta, 1e-5);
        }
    }

    [Fact]
    public void Defaults_are_keras_defaults()
    {
        var adamW = new AdamW();
        Assert.Equal((0.001f, 0.004f, 0.9f, 0.999f, 1e-7f), (adamW.LearningRate, adamW.WeightDecay, adamW.Beta1, adamW.Beta2, adamW.Epsilon));
        var rms = new RmsProp();
        Assert.Equal((0.001f, 0.9f, 0f, 1e-7f, false), (rms.LearningRate, rms.Rho, rms.Momentum, rms.Epsilon, rms.Centered));
    }

    [Fact]
    public void Bad_hyper_parameters_are_refused_naming_them()
    {
        Check(() => new AdamW(weightDecay: -0.1f), "weightDecay", "-0.1");
        Check(() => new AdamW(weightDecay: float.NaN), "weightDecay", "NaN");
        Check(() => new AdamW(beta1: 1f), "beta1", "1");
        Check(() => new AdamW(epsilon: 0f), "epsilon", "0");
        Check(() => new RmsProp(rho: 1f), "rho", "1");
        Check(() => new RmsProp(momentum: -0.5f), "momentum", "-0.5");
        Check(() => new RmsProp(epsilon: -1f), "epsilon", "-1");
        Check(() => new RmsProp(learningRate: float.NaN), "learningRate", "NaN");

        static void Check(Func<Optimizer> create, string name, string found)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(create);
            Assert.Equal(name, error.ParamName);
            Assert.Contains("found " + found, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reset_forgets_the_state(bool centered)
    {
        float[] a = Theta();
        float[] b = Theta();
        var rms = new RmsProp(0.01f, momentum: 0.5f, centered: centered);
        rms.Step(a, Gradient(7));
        rms.Reset();
        rms.Step(a, Gradient(1));
        new RmsProp(0.01f, momentum: 0.5f, centered: centered).Step(b, Gradient(7));
        new RmsProp(0.01f, momentum: 0.5f, centered: centered).Step(b, Gradient(1));
        Assert.Equal(b, a);
    }

    internal static void Near(double[] expected, float[] actual, double relative = 2e-6)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * Math.Max(1, Math.Abs(expected[i])), $"[{i}]: expected {expected[i]:R}, found {actual[i]:R}");
        }
    }
}
