using System.Collections.Generic;
using System.Linq;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Onnx;

/// <summary>
/// Activations exported as element-wise arithmetic in whatever order an exporter chose (GELU's tanh form as PyTorch
/// writes it: x³ by Mul or Pow, √(2/π), 0.044715, Tanh, Add 1, Mul ½, Mul x): the nodes that read the layer's output,
/// and those that read only them and scalar constants, form a region with one output; the importer evaluates that
/// region as a function of x at 41 points in [−5, 5] and accepts it when it equals one of Dendrite's activations there
/// (within 1e-4, far below the distance between any two of them). The values Dendrite computes are then its own.
/// </summary>
internal sealed partial class OnnxImporter
{
    private static readonly string[] ElementwiseOps = { "Mul", "Add", "Sub", "Div", "Pow", "Erf", "Tanh", "Sigmoid", "Sqrt", "Exp", "Neg" };

    private static readonly (ActivationKind Kind, System.Func<double, double> Function)[] Candidates =
    {
        (ActivationKind.GELU, x => 0.5 * x * (1 + Erf(x / System.Math.Sqrt(2)))),
        (ActivationKind.GELUTanh, x => 0.5 * x * (1 + System.Math.Tanh(System.Math.Sqrt(2 / System.Math.PI) * (x + (0.044715 * x * x * x))))),
        (ActivationKind.SiLU, x => x / (1 + System.Math.Exp(-x))),
    };

    private bool TryElementwiseActivation(List<int> readers)
    {
        if (readers.Any(r => !IsElementwise(_graph.Nodes[r])))
        {
            return false;
        }

        // Grow the region: a node joins when it is element-wise and every input is x, a region output or a scalar constant.
        var region = new List<int>();
        var available = new HashSet<string>(System.StringComparer.Ordinal) { _current };
        var pending = new List<int>(readers);
        bool grew = true;
        while (grew && region.Count < 64)
        {
            grew = false;
            foreach (int candidate in pending.ToList())
            {
                OnnxNode node = _graph.Nodes[candidate];
                if (node.Inputs.All(input => available.Contains(input) || IsScalarConstant(input)))
                {
                    pending.Remove(candidate);
                    region.Add(candidate);
                    available.Add(node.Outputs[0]);
                    pending.AddRange(Consumers(node.Outputs[0]).Where(c => !region.Contains(c) && !pending.Contains(c) && IsElementwise(_graph.Nodes[c])));
                    grew = true;
                }
            }
        }

        if (pending.Count > 0 || region.Count < 2)
        {
            return false;
        }

        // Exactly one region output may be read outside it (or be the graph's output): the activation's result.
        var exits = region.Select(r => _graph.Nodes[r].Outputs[0])
            .Where(t => Consumers(t).Any(c => !region.Contains(c)) || _graph.Outputs.Any(o => o.Name == t))
            .ToList();
        if (exits.Count != 1)
        {
            return false;
        }

        foreach ((ActivationKind kind, System.Func<double, double> function) in Candidates)
        {
            bool equal = true;
            for (int i = 0; i <= 40 && equal; i++)
            {
                double x = -5 + (0.25 * i);
                double value = Evaluate(region, x, exits[0]);
                double expected = function(x);
                equal = System.Math.Abs(value - expected) <= 1e-4 * System.Math.Max(1, System.Math.Abs(expected));
            }

            if (equal)
            {
                int last = region.First(r => _graph.Nodes[r].Outputs[0] == exits[0]);
                foreach (int node in region)
                {
                    _visited[node] = true;
                }

                ActivateAfterPattern(region[0], last, kind);
                return true;
            }
        }

        return false;
    }

    private bool IsElementwise(OnnxNode node) =>
        node.Domain.Length == 0 && ElementwiseOps.Contains(node.OpType) && node.Outputs.Count == 1 && node.Inputs.Count is 1 or 2;

    private bool IsScalarConstant(string tensor) =>
        _constants.TryGetValue(tensor, out OnnxTensor? t) && t.DataType == OnnxTensor.Float && t.Floats.Length == 1;

    /// <summary>The region's value at x, node by node in the region's (topological) order, in double.</summary>
    private double Evaluate(List<int> region, double x, string output)
    {
        var values = new Dictionary<string, double>(System.StringComparer.Ordinal) { [_current] = x };
        foreach (int index in region)
        {
            OnnxNode node = _graph.Nodes[index];
            double a = Value(values, node.Inputs[0]);
            double b = node.Inputs.Count > 1 ? Value(values, node.Inputs[1]) : 0;
            values[node.Outputs[0]] = node.OpType switch
            {
                "Mul" => a * b,
                "Add" => a + b,
                "Sub" => a - b,
                "Div" => a / b,
                "Pow" => System.Math.Pow(a, b),
                "Erf" => Erf(a),
                "Tanh" => System.Math.Tanh(a),
                "Sigmoid" => 1 / (1 + System.Math.Exp(-a)),
                "Sqrt" => System.Math.Sqrt(a),
                "Exp" => System.Math.Exp(a),
                _ => -a,
            };
        }

        return values[output];
    }

    private double Value(Dictionary<string, double> values, string tensor) =>
        values.TryGetValue(tensor, out double value) ? value : _constants[tensor].Floats[0];

    /// <summary>erf to 1.5e-7 (Abramowitz and Stegun 7.1.26): enough to tell GELU from its tanh form (they differ by up to 5e-4).</summary>
    private static double Erf(double x)
    {
        double t = 1 / (1 + (0.3275911 * System.Math.Abs(x)));
        double y = 1 - ((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t * System.Math.Exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
