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

    /// <summary>
    /// The generated Dense forward drivers take 6 × 4 blocks where <c>Vector512.IsHardwareAccelerated</c> and 4 × 2
    /// blocks elsewhere. CI runs the kernel tests again with DOTNET_EnableAVX512=0 (".ci/run", "tests without AVX-512")
    /// so the 4 × 2 path is covered on AVX-512 machines too; this fails there if the setting did not take, and in the
    /// default run on AVX-512 hardware if the 6 × 4 path is not the one being tested.
    /// </summary>
    [Fact]
    public void The_wide_forward_blocks_are_on_exactly_when_the_run_allows_AVX_512()
    {
        bool disabled = Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0" || Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") == "0"
            || Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0";
        bool hardware = File.Exists("/proc/cpuinfo") && File.ReadAllText("/proc/cpuinfo").Contains(" avx512f", StringComparison.Ordinal);
        Assert.Equal(hardware && !disabled, Vector512.IsHardwareAccelerated);
    }
}
