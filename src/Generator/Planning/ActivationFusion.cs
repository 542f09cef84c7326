using System.Collections.Generic;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Planning;

/// <summary>
/// Takes element-wise activation passes over memory out of the Conv2D layers, where that gives the same bits. Two cases,
/// both ReLU (the other activations keep their passes):
/// <list type="bullet">
/// <item>forward: a hidden Conv2D layer with ReLU stores A = max(Z, 0) from its kernels' registers, instead of writing Z and
/// then reading and rewriting the whole batch (<see cref="Conv2DLayerPlan.ReLUInStores"/>). Nothing reads a hidden ReLU
/// layer's Z: ReLU' reads A, and Z is only kept apart from A for the output layer (the logits) and for activations whose
/// derivative needs Z;</item>
/// <item>backward: a MaxPool2D after a ReLU Conv2D routes dA[l] · ReLU'(Z[l−1]) rather than dA[l], so it writes dZ of the
/// convolution and that layer's pass dZ = dA ⊙ ReLU' over the batch goes (<see cref="MaxPool2DLayerPlan.AppliesPreviousReLU"/>,
/// <see cref="Conv2DLayerPlan.DerivativeAppliedByNext"/>). The pool reads the convolution's A anyway, and a routed value goes
/// to an input equal to the window's maximum, so "maximum &gt; 0" is ReLU' of that input; inputs that get nothing stay 0, as
/// ReLU' would leave them. With overlapping windows an input sums the values routed to it: all gated by the same test, so
/// the sum is the unfused one where the input is positive and 0 elsewhere.</item>
/// </list>
/// ActivationFusionTests shows both give the bits of the separate passes; ActivationFusionCodeTests where they apply.
/// </summary>
internal static class ActivationFusion
{
    public static List<LayerPlan> Apply(List<LayerPlan> layers)
    {
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i] is not Conv2DLayerPlan { Activation: ActivationKind.ReLU } conv || i == layers.Count - 1)
            {
                continue;
            }

            bool pooled = layers[i + 1] is MaxPool2DLayerPlan;
            layers[i] = conv with { ReLUInStores = true, DerivativeAppliedByNext = pooled };
            if (pooled)
            {
                layers[i + 1] = (MaxPool2DLayerPlan)layers[i + 1] with { AppliesPreviousReLU = true };
            }
        }

        return layers;
    }
}
