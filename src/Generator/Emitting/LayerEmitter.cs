using System.Threading;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// Writes every layer's forward and backward methods, choosing the emitter by layer type. All of them share the
/// batch-level signatures {Name}Forward(parameters, input, z, a, samples) and {Name}Backward(parameters, input,
/// a, delta, gradients[, inputGradient], samples), so the inference and training code call them uniformly.
/// </summary>
internal static class LayerEmitter
{
    public static void WriteAll(CodeWriter w, NetworkPlan plan, CancellationToken cancellationToken)
    {
        // Dense layers (and the section heading) come from DenseLayerEmitter, which skips the other types.
        DenseLayerEmitter.WriteAll(w, plan, cancellationToken);
        foreach (LayerPlan layer in plan.Layers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (layer)
            {
                case Conv2DLayerPlan conv:
                    ConvLayerEmitter.Write(w, conv);
                    break;
                case MaxPool2DLayerPlan pool:
                    PoolLayerEmitter.Write(w, pool);
                    break;
                case FlattenLayerPlan flatten:
                    FlattenLayerEmitter.Write(w, flatten);
                    break;
            }
        }
    }

    /// <summary>The header's name for a layer: "Dense(128, ReLU)", "Conv2D(32, kernel 3, stride 1, Valid, ReLU)", ...</summary>
    public static string Title(LayerPlan layer) => layer switch
    {
        Conv2DLayerPlan conv => ConvLayerEmitter.Title(conv),
        MaxPool2DLayerPlan pool => PoolLayerEmitter.Title(pool),
        FlattenLayerPlan => "Flatten",
        _ => "Dense(" + CodeWriter.Int(layer.OutputSize) + ", " + layer.Activation + ")",
    };
}
