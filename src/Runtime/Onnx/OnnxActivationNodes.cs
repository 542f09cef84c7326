using System;

namespace Dendrite.Onnx;

/// <summary>
/// Each Dendrite activation as ONNX opset-17 nodes, element-wise so it applies in any layout. Operators ONNX has are
/// one node (Relu, Sigmoid, Tanh, LeakyRelu with the layer's slope as alpha, Elu with α = 1, Softplus, Softmax over the
/// last axis); the others are written as PyTorch exports them, so importers that know PyTorch's patterns recognise them:
/// GELU as torch 1.13 exports nn.GELU() (x·½·(1 + erf(x/√2)) as Div, Erf, Add, Mul, Mul), GELUTanh as its tanh formula,
/// SiLU as x·σ(x).
/// </summary>
internal static class OnnxActivationNodes
{
    /// <summary>√2 as torch 1.13 writes it in GELU's Div (1.41421353816986083984375, the float nearest √2).</summary>
    private const float Sqrt2 = 1.4142135f;

    /// <summary>√(2/π), rounded to float.</summary>
    private const float SqrtTwoOverPi = 0.7978845608f;

    private const float GeluTanhCubic = 0.044715f;

    /// <summary>
    /// Appends the nodes that apply <paramref name="layer"/>'s activation to <paramref name="x"/> and returns the
    /// result's name (<paramref name="x"/> itself for Linear). <paramref name="prefix"/> names the nodes.
    /// </summary>
    public static string Apply(OnnxGraph graph, LayerInfo layer, string x, string prefix) => layer.Activation switch
    {
        Activation.Linear => x,
        Activation.ReLU => graph.Add(prefix + "_relu", "Relu", [x]),
        Activation.Sigmoid => graph.Add(prefix + "_sigmoid", "Sigmoid", [x]),
        Activation.Tanh => graph.Add(prefix + "_tanh", "Tanh", [x]),
        Activation.Softmax => graph.Add(prefix + "_softmax", "Softmax", [x], OnnxAttribute.Of("axis", -1L)),
        Activation.LeakyReLU => graph.Add(prefix + "_leakyrelu", "LeakyRelu", [x], OnnxAttribute.Of("alpha", layer.Slope)),
        Activation.ELU => graph.Add(prefix + "_elu", "Elu", [x], OnnxAttribute.Of("alpha", 1f)),
        Activation.Softplus => graph.Add(prefix + "_softplus", "Softplus", [x]),
        Activation.GELU => Gelu(graph, x, prefix),
        Activation.GELUTanh => GeluTanh(graph, x, prefix),
        Activation.SiLU => graph.Add(prefix + "_silu", "Mul", [x, graph.Add(prefix + "_silu_sigmoid", "Sigmoid", [x])]),
        _ => throw new NotSupportedException($"Activation {layer.Activation} has no ONNX export."),
    };

    // GELU(x) = x·½·(1 + erf(x/√2)): Div → Erf → Add 1 → Mul x → Mul ½, torch 1.13's export of nn.GELU().
    private static string Gelu(OnnxGraph graph, string x, string prefix)
    {
        string scaled = graph.Add(prefix + "_gelu_div", "Div", [x, graph.Scalar(prefix + "_gelu_sqrt2", Sqrt2)]);
        string erf = graph.Add(prefix + "_gelu_erf", "Erf", [scaled]);
        string onePlus = graph.Add(prefix + "_gelu_add", "Add", [erf, graph.Scalar(prefix + "_gelu_one", 1f)]);
        string times = graph.Add(prefix + "_gelu_mul", "Mul", [x, onePlus]);
        return graph.Add(prefix + "_gelu", "Mul", [times, graph.Scalar(prefix + "_gelu_half", 0.5f)]);
    }

    // GELUTanh(x) = ½x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), as torch exports nn.GELU(approximate="tanh").
    private static string GeluTanh(OnnxGraph graph, string x, string prefix)
    {
        string square = graph.Add(prefix + "_gelutanh_square", "Mul", [x, x]);
        string cube = graph.Add(prefix + "_gelutanh_cube", "Mul", [square, x]);
        string cubic = graph.Add(prefix + "_gelutanh_cubic", "Mul", [cube, graph.Scalar(prefix + "_gelutanh_c", GeluTanhCubic)]);
        string inner = graph.Add(prefix + "_gelutanh_inner", "Add", [x, cubic]);
        string u = graph.Add(prefix + "_gelutanh_u", "Mul", [inner, graph.Scalar(prefix + "_gelutanh_k", SqrtTwoOverPi)]);
        string tanh = graph.Add(prefix + "_gelutanh_tanh", "Tanh", [u]);
        string onePlus = graph.Add(prefix + "_gelutanh_add", "Add", [tanh, graph.Scalar(prefix + "_gelutanh_one", 1f)]);
        string times = graph.Add(prefix + "_gelutanh_mul", "Mul", [x, onePlus]);
        return graph.Add(prefix + "_gelutanh", "Mul", [times, graph.Scalar(prefix + "_gelutanh_half", 0.5f)]);
    }
}
