using System.Collections.Generic;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Onnx;

/// <summary>
/// The activations exported as several nodes that read the layer's output twice: SiLU as Mul(x, Sigmoid(x)), and GELU
/// as PyTorch writes it, x·½(1 + erf(x/√2)): Div(x, √2) → Erf → Add 1 → Mul x → Mul ½ (also with the ½ applied to x or
/// to the sum first, and with Mul(x, 1/√2) for the division).
/// </summary>
internal sealed partial class OnnxImporter
{
    private bool TrySiLU(List<int> readers)
    {
        foreach (int s in readers)
        {
            int m = readers[0] == s ? readers[1] : readers[0];
            OnnxNode sigmoid = _graph.Nodes[s], mul = _graph.Nodes[m];
            if (Is(sigmoid, "Sigmoid", 1) && Is(mul, "Mul", 2) && Reads(mul, _current, sigmoid.Outputs[0]) && Only(sigmoid.Outputs[0], m))
            {
                _visited[s] = true;
                _visited[m] = true;
                ActivateAfterPattern(s, m, ActivationKind.SiLU);
                return true;
            }
        }

        return false;
    }

    private bool TryGelu(List<int> readers)
    {
        foreach (int d in readers)
        {
            int other = readers[0] == d ? readers[1] : readers[0];
            OnnxNode divide = _graph.Nodes[d];
            bool scaled = Is(divide, "Div", 2) && divide.Inputs[0] == _current && IsScalar(divide.Inputs[1], 1.4142135623730951)
                || Is(divide, "Mul", 2) && Reads(divide, _current, null) && IsScalar(Other(divide, _current), 0.7071067811865476);
            if (!scaled || SoleReader(divide.Outputs[0]) is not int e || !Is(_graph.Nodes[e], "Erf", 1)
                || SoleReader(_graph.Nodes[e].Outputs[0]) is not int a || !Is(_graph.Nodes[a], "Add", 2)
                || !IsScalar(Other(_graph.Nodes[a], _graph.Nodes[e].Outputs[0]), 1.0))
            {
                continue;
            }

            string sum = _graph.Nodes[a].Outputs[0];
            OnnxNode first = _graph.Nodes[other];
            if (!Is(first, "Mul", 2) || !Reads(first, _current, null))
            {
                continue;
            }

            int? end = null;
            var used = new List<int> { d, e, a, other };
            if (Other(first, _current) == sum && SoleReader(first.Outputs[0]) is int half && Is(_graph.Nodes[half], "Mul", 2) && IsScalar(Other(_graph.Nodes[half], first.Outputs[0]), 0.5))
            {
                // (x · (1 + erf)) · ½
                end = half;
            }
            else if (IsScalar(Other(first, _current), 0.5) && SoleReader(first.Outputs[0]) is int product && product == SoleReader(sum)
                && Is(_graph.Nodes[product], "Mul", 2) && Reads(_graph.Nodes[product], first.Outputs[0], sum))
            {
                // (x · ½) · (1 + erf)
                end = product;
            }
            else if (SoleReader(sum) is int halfSum && Is(_graph.Nodes[halfSum], "Mul", 2) && IsScalar(Other(_graph.Nodes[halfSum], sum), 0.5)
                && Other(first, _current) == _graph.Nodes[halfSum].Outputs[0])
            {
                // x · ((1 + erf) · ½): the Mul reading x is the last node
                used.Add(halfSum);
                end = other;
            }

            if (end is not int last)
            {
                continue;
            }

            used.Add(last);
            foreach (int node in used)
            {
                _visited[node] = true;
            }

            ActivateAfterPattern(d, last, ActivationKind.GELU);
            return true;
        }

        return false;
    }

    /// <summary>Applies a multi-node activation: checked like a one-node one at <paramref name="first"/>, then the walk moves to <paramref name="last"/>'s output.</summary>
    private void ActivateAfterPattern(int first, int last, ActivationKind activation)
    {
        _visited[first] = true;
        ImportedLayer? layer = _layers.Count > 0 ? _layers[_layers.Count - 1] : null;
        if (!_activationOpen || layer is null)
        {
            throw Unsupported(first, "an activation right after Gemm, MatMul, Conv or BatchNormalization (Dendrite applies it as that layer's activation)",
                layer is null ? "it before any layer" : "it after " + (layer.Spec.Activation == ActivationKind.Linear ? layer.Spec.Type.ToString() : "another activation"));
        }

        ImportedLayer target = layer.Spec.Type == LayerType.Flatten ? _layers[_layers.Count - 2] : layer;
        if (target.Spec.Type == LayerType.BatchNormalization && ActivationTraits.DerivativeNeedsZ(activation))
        {
            throw Unsupported(first, "an activation BatchNormalization can carry (ReLU, LeakyReLU, Sigmoid, Tanh, Softmax)", activation.ToString());
        }

        target.Spec = target.Spec with { Activation = activation, Slope = 0f };
        _activationOpen = false;
        _current = _graph.Nodes[last].Outputs[0];
    }

    private static bool Is(OnnxNode node, string op, int inputs) =>
        node.OpType == op && node.Domain.Length == 0 && node.Inputs.Count == inputs && node.Outputs.Count >= 1;

    /// <summary>The node reads <paramref name="a"/> and (when given) <paramref name="b"/>, in either order.</summary>
    private static bool Reads(OnnxNode node, string a, string? b) =>
        node.Inputs.Count == 2 && (b is null ? node.Inputs.Contains(a) : (node.Inputs[0] == a && node.Inputs[1] == b) || (node.Inputs[0] == b && node.Inputs[1] == a));

    private static string Other(OnnxNode node, string known) => node.Inputs[0] == known ? node.Inputs[1] : node.Inputs[0];

    private int? SoleReader(string tensor)
    {
        List<int> readers = Consumers(tensor);
        return readers.Count == 1 ? readers[0] : null;
    }

    private bool Only(string tensor, int reader) => SoleReader(tensor) == reader;

    private bool IsScalar(string tensor, double value) =>
        _constants.TryGetValue(tensor, out OnnxTensor? t) && t.DataType == OnnxTensor.Float && t.Floats.Length == 1
        && System.Math.Abs(t.Floats[0] - value) <= 1e-6 * System.Math.Max(1.0, System.Math.Abs(value));
}
