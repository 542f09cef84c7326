using System.Threading;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// Writes every layer in network order, each layer's forward immediately followed by its backward (and, for layers
/// with parameters, its weight gradients), choosing the emitter by the plan record's type. All of them share the
/// batch-level signatures {Name}Forward(parameters, input, z, a, samples) and {Name}Backward(parameters, [input,]
/// a, delta[, inputGradient], samples), so the inference and training code call them uniformly.
/// </summary>
internal static class LayerEmitter
{
    public static void WriteAll(CodeWriter w, NetworkPlan plan, CancellationToken cancellationToken)
    {
        w.Line("// ───────────────────────────── Layers, in network order: forward, then backward ─────────────────────────────");
        w.Line();
        foreach (LayerPlan layer in plan.Layers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (layer)
            {
                case DenseLayerPlan dense:
                    DenseLayerEmitter.Write(w, dense, plan);
                    break;
                case Conv2DLayerPlan conv:
                    ConvLayerEmitter.Write(w, conv);
                    break;
                case MaxPool2DLayerPlan pool:
                    PoolLayerEmitter.Write(w, pool);
                    break;
                case AveragePooling2DLayerPlan average:
                    AveragePoolLayerEmitter.Write(w, average);
                    break;
                case GlobalAveragePooling2DLayerPlan global:
                    GlobalAveragePoolLayerEmitter.Write(w, global);
                    break;
                case FlattenLayerPlan flatten:
                    FlattenLayerEmitter.Write(w, flatten);
                    break;
                case DropoutLayerPlan dropout:
                    DropoutLayerEmitter.Write(w, dropout);
                    break;
                case BatchNormalizationLayerPlan norm:
                    BatchNormalizationEmitter.Write(w, norm, plan.Previous(norm));
                    break;
            }
        }
    }

    /// <summary>The header's name for a layer: "Dense(128, ReLU)", "Conv2D(32, kernel 3, stride 1, Valid, ReLU)", ...</summary>
    public static string Title(LayerPlan layer) => layer switch
    {
        Conv2DLayerPlan conv => ConvLayerEmitter.Title(conv),
        MaxPool2DLayerPlan pool => PoolLayerEmitter.Title(pool),
        AveragePooling2DLayerPlan average => AveragePoolLayerEmitter.Title(average),
        GlobalAveragePooling2DLayerPlan => "GlobalAveragePooling2D",
        FlattenLayerPlan => "Flatten",
        DropoutLayerPlan dropout => DropoutLayerEmitter.Title(dropout),
        DenseLayerPlan dense => DenseLayerEmitter.Title(dense),
        BatchNormalizationLayerPlan norm => BatchNormalizationEmitter.Title(norm),
        _ => layer.Type.ToString(),
    };
}
