using Dendrite.Tests.Networks;
using Dendrite.Tests.Runtime;
using Xunit;

namespace Dendrite.Tests.ModernActivations;

/// <summary>
/// The generated backward passes of LeakyReLU, ELU, GELU, GELUTanh, SiLU and softplus against central finite
/// differences of the double-precision reference network (<see cref="GradientCheck"/>): each as the output of a
/// mean-squared-error network (its g' then reads the logits Z) and each hidden (GELU, GELUTanh, SiLU and softplus
/// then read the Z their layer keeps), also under a loss fused with its output. The convolution cases are in
/// CnnGradientCheckTests (ConvModernActivationsNet, ConvSmoothActivationsNet).
/// </summary>
public sealed class ModernActivationGradientCheckTests
{
    [Fact] public void Mse_gelu_output() => GradientCheck.Run(new GcMseGelu(seed: 31), seed: 31);

    [Fact] public void Mse_silu_output() => GradientCheck.Run(new GcMseSilu(seed: 32), seed: 32);

    [Fact] public void Mse_softplus_output() => GradientCheck.Run(new GcMseSoftplus(seed: 33), seed: 33);

    [Fact] public void Mse_leaky_relu_output_with_slope_above_one() => GradientCheck.Run(new GcMseLeakyReLU(seed: 34), seed: 34);

    [Fact] public void Mse_elu_output() => GradientCheck.Run(new GcMseElu(seed: 35), seed: 35);

    [Fact] public void Mse_gelu_tanh_output() => GradientCheck.Run(new GcMseGeluTanh(seed: 36), seed: 36);

    [Fact] public void Binary_crossentropy_from_logits_with_kept_z_hidden_layers() => GradientCheck.Run(new GcBceLogitsGelu(seed: 37), seed: 37);
}
