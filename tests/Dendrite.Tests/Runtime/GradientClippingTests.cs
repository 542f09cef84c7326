using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// Keras' global_clipnorm and clipvalue on an optimizer: with plain SGD at α = 1 a step moves θ by exactly the
/// clipped gradient, so the clipping is read off the parameters. 19 values: vectors at every width plus a tail.
/// </summary>
public class GradientClippingTests
{
    private const int Count = 19;

    private static float[] Gradient() => Enumerable.Range(0, Count).Select(i => (float)Math.Sin(i * 1.3) * (1 + i)).ToArray();

    [Fact]
    public void ClipValue_clamps_each_gradient()
    {
        float[] g = Gradient();
        float[] theta = new float[Count];
        new Sgd(learningRate: 1f) { ClipValue = 2.5f }.Step(theta, g);

        Assert.Equal(g.Select(v => -Math.Clamp(v, -2.5f, 2.5f)).ToArray(), theta);
        Assert.Equal(Gradient(), g); // the caller's gradients are not touched
    }

    [Fact]
    public void GlobalClipNorm_scales_all_gradients_to_the_norm_when_they_exceed_it()
    {
        float[] g = Gradient();
        double norm = Math.Sqrt(g.Sum(v => (double)v * v));
        Assert.True(norm > 3);
        float[] theta = new float[Count];
        new Sgd(learningRate: 1f) { GlobalClipNorm = 3f }.Step(theta, g);

        double clippedNorm = Math.Sqrt(theta.Sum(v => (double)v * v));
        Assert.Equal(3, clippedNorm, 1e-5);
        for (int i = 0; i < Count; i++)
        {
            Assert.Equal(-g[i] * 3 / norm, theta[i], 1e-6);
        }
    }

    [Fact]
    public void GlobalClipNorm_leaves_gradients_within_the_norm_unchanged()
    {
        float[] g = Gradient();
        float[] theta = new float[Count];
        new Sgd(learningRate: 1f) { GlobalClipNorm = 1e6f }.Step(theta, g);

        Assert.Equal(g.Select(v => -v).ToArray(), theta);
    }

    [Fact]
    public void Clipping_applies_before_the_update_rule_of_any_optimizer()
    {
        // Adam's first step is α·g/(|g| + ε/√(1−β2)) ≈ α·sign(g): a clipped value keeps its sign, so compare with Adam on
        // gradients clipped beforehand.
        float[] g = Gradient();
        float[] a = new float[Count], b = new float[Count];
        new Adam(0.1f) { ClipValue = 0.5f }.Step(a, g);
        new Adam(0.1f).Step(b, g.Select(v => Math.Clamp(v, -0.5f, 0.5f)).ToArray());
        Assert.Equal(b, a);
    }

    [Fact]
    public void Clipping_settings_are_validated_where_set_and_only_one_is_allowed()
    {
        Assert.Equal("GlobalClipNorm", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam { GlobalClipNorm = 0f }).ParamName);
        Assert.Equal("ClipValue", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam { ClipValue = float.NaN }).ParamName);
        Assert.Equal("ClipValue", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam { ClipValue = -1f }).ParamName);
        var both = Assert.Throws<ArgumentException>(() => new Adam { GlobalClipNorm = 1f, ClipValue = 0.5f });
        Assert.Contains("only one of GlobalClipNorm and ClipValue", both.Message, StringComparison.Ordinal);
        Assert.Null(new Adam().GlobalClipNorm);
        Assert.Null(new Adam().ClipValue);
    }
}
