using Dendrite.Internal.Lanes;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// The runtime's elementwise passes (the optimizers' updates, the finiteness scan) are written once over
/// <see cref="IFloatLanes{TSelf}"/> and run at 512 bits where the hardware accelerates them, at <c>Vector&lt;float&gt;</c>'s
/// width otherwise, and one value at a time for a buffer's last values. Which width runs must not change a bit: each
/// width is driven directly here, whatever this machine would choose (a <c>Vector512</c> that is not accelerated
/// still computes, in software), and compared with the one-value-at-a-time lane.
/// </summary>
public class LanesEquivalenceTests
{
    // Ordinary values, signed zeros, the edges of the subnormal range, the largest floats, ±∞ and NaN.
    private static readonly float[] Specials =
    [
        0f, -0f, 1f, -1f, 0.1f, -3.75f, 1e-20f, -1e-20f, 1e-30f, 1.17549435E-38f, -1.17549435E-38f, 1.1754942E-38f,
        -1.1754942E-38f, float.Epsilon, -float.Epsilon, 1e-40f, -1e-42f, float.MaxValue, -float.MaxValue, 3e38f,
        float.PositiveInfinity, float.NegativeInfinity, float.NaN, 12345.678f, -0.000123f,
    ];

    private const int Length = 103; // several registers at every width, plus a tail

    private static float[] Values(int seed, float scale, bool positive = false)
    {
        var random = new Random(seed);
        var values = new float[Length];
        for (int i = 0; i < Length; i++)
        {
            float x = i % 4 == 0 ? Specials[(i / 4) % Specials.Length] : (float)((random.NextDouble() - (positive ? 0 : 0.5)) * scale);
            values[i] = positive ? MathF.Abs(x) : x;
        }

        return values;
    }

    public static TheoryData<string> Operations() => new() { "+", "-", "*", "/", "sqrt", "abs", "max", "flush", "square" };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Every_operation_gives_each_lane_the_bits_of_the_scalar_lane(string operation)
    {
        float[] left = Values(1, 10f);
        float[] right = Values(2, 1e-3f);
        float[] scalar = Apply<ScalarLane>(operation, left, right);
        AssertSameBits(scalar, Apply<PortableLanes>(operation, left, right), operation + " at Vector<float>'s width");
        AssertSameBits(scalar, Apply<Lanes512>(operation, left, right), operation + " at 512 bits");
    }

    [Fact]
    public void Flushing_zeroes_subnormals_only()
    {
        float[] x = [float.Epsilon, -1e-40f, 1.1754942E-38f, 1.17549435E-38f, -1.17549435E-38f, -0f, 1f, float.NaN, float.NegativeInfinity];
        float[] flushed = Apply<ScalarLane>("flush", x, x);
        Assert.Equal([0f, 0f, 0f, 1.17549435E-38f, -1.17549435E-38f, 0f, 1f, float.NaN, float.NegativeInfinity], flushed);
        Assert.False(float.IsNegative(flushed[1]), "a flushed negative subnormal becomes +0");
    }

    [Fact]
    public void Squares_below_the_smallest_normal_float_are_zero_and_the_others_exact()
    {
        float boundary = 1.08420217E-19f; // 2^-63
        float below = MathF.BitDecrement(boundary);
        float[] x = [boundary, -boundary, below, -below, 1e-30f, float.Epsilon, 3f, -0.5f, 1e19f, 2e19f, float.NaN];
        float[] squared = Apply<ScalarLane>("square", x, x);
        Assert.Equal([1.17549435E-38f, 1.17549435E-38f, 0f, 0f, 0f, 0f, 9f, 0.25f, 1e38f, float.PositiveInfinity, float.NaN], squared);
        Assert.True(float.IsNormal(squared[0]), "2^-63 squared is the smallest normal float, kept");
        Assert.True(float.IsSubnormal(below * below), "just below 2^-63 the square is subnormal: the case is real");
    }

    [Fact]
    public void The_finiteness_scan_finds_the_same_answer_at_every_width()
    {
        float[] finite = Values(3, 100f).Select(x => float.IsFinite(x) ? x : 7f).ToArray();
        foreach (float[] values in new[] { finite, Values(4, 100f) })
        {
            for (int start = 0; start < 20; start += 7)
            {
                Optimizer.FiniteScan scalar = Optimizer.FiniteScan.Of<ScalarLane>(ref values[0], start, values.Length);
                var wide = Optimizer.FiniteScan.Of<Lanes512>(ref values[0], start, values.Length);
                var portable = Optimizer.FiniteScan.Of<PortableLanes>(ref values[0], start, values.Length);
                foreach (Optimizer.FiniteScan scan in new[] { wide, portable })
                {
                    var rest = Optimizer.FiniteScan.Of<ScalarLane>(ref values[0], scan.End, values.Length);
                    Assert.Equal(scalar.Finite, scan.Finite && rest.Finite);
                    if (scalar.Finite)
                    {
                        Assert.Equal(scalar.MaxAbs, MathF.Max(scan.MaxAbs, rest.MaxAbs));
                    }
                }
            }
        }
    }

    [Fact]
    public void Adam_updates_the_same_bits_at_every_width()
    {
        var rule = new Adam.Rule(Decay: 0.001f, AlphaT: 0.003f, OneMinusBeta1: 0.1f, OneMinusBeta2: 0.001f, Epsilon: 1e-7f);
        AssertSameUpdates((lanes, theta, g, state) =>
        {
            int end = lanes switch
            {
                Width.Scalar => 0,
                Width.Portable => rule.Apply<PortableLanes>(theta, g, state[0], state[1], 0),
                _ => rule.Apply<Lanes512>(theta, g, state[0], state[1], 0),
            };
            rule.Apply<ScalarLane>(theta, g, state[0], state[1], end);
        });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sgd_updates_the_same_bits_at_every_width(bool nesterov)
    {
        var rule = new Sgd.Rule(Alpha: 0.01f, Mu: 0.9f, Nesterov: nesterov);
        AssertSameUpdates((lanes, theta, g, state) =>
        {
            int end = lanes switch
            {
                Width.Scalar => 0,
                Width.Portable => rule.DescendWithMomentum<PortableLanes>(theta, g, state[0], 0),
                _ => rule.DescendWithMomentum<Lanes512>(theta, g, state[0], 0),
            };
            rule.DescendWithMomentum<ScalarLane>(theta, g, state[0], end);
        });
        AssertSameUpdates((lanes, theta, g, _) =>
        {
            int end = lanes switch
            {
                Width.Scalar => 0,
                Width.Portable => rule.Descend<PortableLanes>(theta, g, 0),
                _ => rule.Descend<Lanes512>(theta, g, 0),
            };
            rule.Descend<ScalarLane>(theta, g, end);
        });
    }

    [Fact]
    public void RmsProp_updates_the_same_bits_at_every_width()
    {
        var rule = new RmsProp.Rule(Alpha: 0.001f, Rho: 0.9f, Mu: 0.5f, Epsilon: 1e-7f);
        AssertSameUpdates((lanes, theta, g, state) =>
        {
            int end = lanes switch
            {
                Width.Scalar => 0,
                Width.Portable => rule.Apply<PortableLanes>(theta, g, state[0], state[1], state[2], 0),
                _ => rule.Apply<Lanes512>(theta, g, state[0], state[1], state[2], 0),
            };
            rule.Apply<ScalarLane>(theta, g, state[0], state[1], state[2], end);
        });
    }

    private enum Width
    {
        Scalar,
        Portable,
        Wide,
    }

    private delegate void Update(Width lanes, float[] theta, float[] gradients, float[][] state);

    /// <summary>Runs five steps of an update at each width from the same start; all bits must agree.</summary>
    private static void AssertSameUpdates(Update update)
    {
        float[][] results = new float[3][];
        foreach (Width lanes in Enum.GetValues<Width>())
        {
            float[] theta = Values(5, 2f);
            float[][] state = [Values(6, 1e-3f, positive: true), Values(7, 1e-3f), Values(8, 1e-2f)];
            for (int step = 0; step < 5; step++)
            {
                update(lanes, theta, Values(10 + step, 1f), state);
            }

            results[(int)lanes] = [.. theta, .. state[0], .. state[1], .. state[2]];
        }

        AssertSameBits(results[0], results[1], "Vector<float>'s width against one value at a time");
        AssertSameBits(results[0], results[2], "512 bits against one value at a time");
    }

    private static float[] Apply<TLanes>(string operation, float[] left, float[] right)
        where TLanes : struct, IFloatLanes<TLanes>
    {
        var result = new float[left.Length];
        int i = 0;
        for (; i <= left.Length - TLanes.Count; i += TLanes.Count)
        {
            Store<TLanes>(operation, ref left[i], ref right[i], ref result[i]);
        }

        for (; i < left.Length; i++)
        {
            Store<ScalarLane>(operation, ref left[i], ref right[i], ref result[i]);
        }

        return result;
    }

    private static void Store<TLanes>(string operation, ref float left, ref float right, ref float result)
        where TLanes : struct, IFloatLanes<TLanes>
    {
        TLanes a = TLanes.Load(ref left);
        TLanes b = TLanes.Load(ref right);
        TLanes.Store(
            operation switch
            {
                "+" => a + b,
                "-" => a - b,
                "*" => a * b,
                "/" => a / b,
                "sqrt" => TLanes.Sqrt(a),
                "abs" => TLanes.Abs(a),
                "max" => TLanes.Max(a, b),
                "flush" => TLanes.FlushSubnormal(a),
                "square" => TLanes.SquareOrZero(a),
                _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown operation"),
            },
            ref result);
    }

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            // Any NaN matches any NaN: a NaN never reaches the parameters (the step is skipped or undone).
            Assert.True(
                BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]) || (float.IsNaN(expected[i]) && float.IsNaN(actual[i])),
                $"{what}: [{i}] {actual[i]:R} where one value at a time gives {expected[i]:R}");
        }
    }
}
