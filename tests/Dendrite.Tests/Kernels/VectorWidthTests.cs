using System.Numerics;
using System.Runtime.Intrinsics;
using Xunit;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// The width the kernels run at is the one the run asked for. CI runs the kernel, activation, layer and gradient-check
/// tests a second time with DOTNET_MaxVectorTBitWidth=512 (.ci/run, "tests at Vector&lt;float&gt;.Count 16"); this
/// test fails there if the setting did not take, so that run really covers the 16-lane paths.
/// </summary>
public sealed class VectorWidthTests
{
    [Fact]
    public void Vector_of_float_has_the_lanes_the_runtime_settings_give()
    {
        bool asked512 = Environment.GetEnvironmentVariable("DOTNET_MaxVectorTBitWidth") == "512";
        int expected = asked512 && Vector512.IsHardwareAccelerated ? 16
            : Vector256.IsHardwareAccelerated ? 8
            : Vector128.IsHardwareAccelerated ? 4 : Vector<float>.Count;
        Assert.Equal(expected, Vector<float>.Count);
    }
}
