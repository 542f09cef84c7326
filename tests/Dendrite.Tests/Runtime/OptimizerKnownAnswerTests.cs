using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// SGD (plain, momentum, Nesterov) and Adam steps against Keras' update rules worked out here in double precision.
/// 19 parameters: more than one vector at every width up to 16 floats, plus a scalar tail.
/// </summary>
public class OptimizerKnownAnswerTests
{
    private const int Count = 19;

    private static float[] Theta() => Enumerable.Range(0, Count).Select(i => (0.1f * i) - 0.7f).ToArray();

    private static float[] Gradient(int step) => Enumerable.Range(0, Count).Select(i => i == 4 ? 0f : (float)Math.Sin((i * 0.37) + step) * (1 + i)).ToArray();

    [Fact]
    public void Plain_sgd_step_is_theta_minus_alpha_g()
    {
        float[] theta = Theta();
        float[] g = Gradient(1);
        double[] expected = theta.Select((t, i) => t - (0.05 * g[i])).ToArray();

        var sgd = new Sgd(learningRate: 0.05f);
        sgd.Step(theta, g);

        Near(expected, theta);
        Assert.Equal(1, sgd.Iterations);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sgd_with_momentum_follows_keras(bool nesterov)
    {
        // Keras: v ← μ·v − α·g; θ ← θ + v, or with Nesterov θ ← θ + μ·v − α·g (v already updated).
        const double alpha = 0.1;
        const double mu = 0.9;
        float[] theta = Theta();
        double[] expected = theta.Select(t => (double)t).ToArray();
        double[] velocity = new double[Count];
        var sgd = new Sgd(learningRate: (float)alpha, momentum: (float)mu, nesterov: nesterov);
        for (int step = 1; step <= 3; step++)
        {
            float[] g = Gradient(step);
            for (int i = 0; i < Count; i++)
            {
                velocity[i] = (mu * velocity[i]) - (alpha * g[i]);
                expected[i] += nesterov ? (mu * velocity[i]) - (alpha * g[i]) : velocity[i];
            }

            sgd.Step(theta, g);
            Near(expected, theta);
        }
    }

    [Fact]
    public void First_adam_step_moves_every_parameter_by_about_alpha_against_its_gradient()
    {
        // Step 1: m = 0.1·g, v = 0.001·g², α₁ = α·√0.001/0.1, so the step is α·g/(|g| + ε/√0.001) ≈ α·sign(g).
        float[] theta = Theta();
        float[] before = (float[])theta.Clone();
        float[] g = Gradient(1);

        new Adam(learningRate: 0.01f).Step(theta, g);

        for (int i = 0; i < Count; i++)
        {
            double expectedStep = g[i] == 0 ? 0 : -0.01 * Math.Sign(g[i]);
            Assert.True(Math.Abs((theta[i] - before[i]) - expectedStep) < 1e-6, $"[{i}] moved {theta[i] - before[i]}, expected {expectedStep}");
        }
    }

    [Fact]
    public void Adam_follows_keras_for_several_steps()
    {
        // Keras: m ← m + (1 − β1)(g − m); v ← v + (1 − β2)(g² − v); α_t = α·√(1 − β2^t)/(1 − β1^t);
        // θ ← θ − α_t·m/(√v + ε). Non-default hyper-parameters, so each one has to be used.
        const double alpha = 0.02, beta1 = 0.8, beta2 = 0.99, epsilon = 1e-3;
        float[] theta = Theta();
        double[] expected = theta.Select(t => (double)t).ToArray();
        double[] m = new double[Count];
        double[] v = new double[Count];
        var adam = new Adam(learningRate: (float)alpha, beta1: (float)beta1, beta2: (float)beta2, epsilon: (float)epsilon);
        for (int t = 1; t <= 4; t++)
        {
            float[] g = Gradient(t);
            double alphaT = alpha * Math.Sqrt(1 - Math.Pow(beta2, t)) / (1 - Math.Pow(beta1, t));
            for (int i = 0; i < Count; i++)
            {
                m[i] += (1 - beta1) * (g[i] - m[i]);
                v[i] += (1 - beta2) * ((g[i] * (double)g[i]) - v[i]);
                expected[i] -= alphaT * m[i] / (Math.Sqrt(v[i]) + epsilon);
            }

            adam.Step(theta, g);
            Near(expected, theta);
        }

        Assert.Equal(4, adam.Iterations);
    }

    [Fact]
    public void Adam_defaults_are_keras_defaults()
    {
        var adam = new Adam();
        Assert.Equal(0.001f, adam.LearningRate);
        Assert.Equal(0.9f, adam.Beta1);
        Assert.Equal(0.999f, adam.Beta2);
        Assert.Equal(1e-7f, adam.Epsilon);
        Assert.Equal(0.01f, new Sgd().LearningRate);
    }

    [Fact]
    public void Reset_forgets_the_moments()
    {
        float[] a = Theta();
        float[] b = Theta();
        var adam = new Adam(0.01f);
        adam.Step(a, Gradient(7));
        adam.Reset();
        adam.Step(a, Gradient(1));
        new Adam(0.01f).Step(b, Gradient(7));
        new Adam(0.01f).Step(b, Gradient(1));
        // Two fresh first steps equal a step, a reset and another first step.
        Assert.Equal(b, a);
    }

    [Fact]
    public void Optimizers_refuse_bad_hyper_parameters_naming_them()
    {
        Check(() => new Sgd(learningRate: 0f), "learningRate", "0");
        Check(() => new Adam(learningRate: float.NaN), "learningRate", "NaN");
        Check(() => new Sgd(momentum: 1f), "momentum", "1");
        Check(() => new Adam(beta1: -0.1f), "beta1", "-0.1");
        Check(() => new Adam(beta2: 1f), "beta2", "1");
        Check(() => new Adam(epsilon: 0f), "epsilon", "0");

        static void Check(Func<Optimizer> create, string name, string found)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(create);
            Assert.Equal(name, error.ParamName);
            Assert.Contains("found " + found, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_refused_step_changes_nothing()
    {
        float[] theta = Theta();
        float[] original = (float[])theta.Clone();
        var adam = new Adam();

        var error = Assert.Throws<ArgumentException>(() => adam.Step(theta, new float[Count - 1]));

        Assert.Equal("gradients", error.ParamName);
        Assert.Contains($"Expected length {Count}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"found {Count - 1}", error.Message, StringComparison.Ordinal);
        Assert.Equal(original, theta);
        Assert.Equal(0, adam.Iterations);

        // State sized for one network refuses another size rather than mixing moments.
        adam.Step(theta, new float[Count]);
        Assert.Throws<InvalidOperationException>(() => adam.Step(new float[3], new float[3]));
    }

    private static void Near(double[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-6 * Math.Max(1, Math.Abs(expected[i])), $"[{i}]: expected {expected[i]:R}, found {actual[i]:R}");
        }
    }
}
