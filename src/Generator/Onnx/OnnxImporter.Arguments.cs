using System.Linq;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Onnx;

/// <summary>The importer's checks of a node's attributes and inputs: what it requires of them, and the weights and biases it reads.</summary>
internal sealed partial class OnnxImporter
{
    private void RequireOnes(int index, OnnxNode node, string attribute)
    {
        if (node.Attributes.TryGetValue(attribute, out OnnxAttribute? values) && values.Ints.Any(v => v != 1))
        {
            throw Unsupported(index, attribute + " [1, 1]", attribute + " [" + string.Join(", ", values.Ints) + "]");
        }
    }

    private void RequireFlat(int index, string op)
    {
        if (_image)
        {
            throw Unsupported(index, op + " on a [batch, n] tensor (Flatten the image first)", "an image of " + _height + "×" + _width + "×" + _channels);
        }
    }

    private void RequireChannelsFirstImage(int index)
    {
        if (!_image || _channelsLast)
        {
            throw Unsupported(index, "an NCHW image", _image ? "an NHWC image (Transpose(0, 3, 1, 2) first)" : "a [batch, " + _flat + "] tensor");
        }
    }

    /// <summary>Input <paramref name="input"/> of the node: a float constant of rank <paramref name="rank"/> with positive dims.</summary>
    private OnnxTensor Weight(int index, int input, int rank)
    {
        OnnxNode node = _graph.Nodes[index];
        if (node.Inputs.Count <= input || !_constants.TryGetValue(node.Inputs[input], out OnnxTensor? tensor))
        {
            throw Unsupported(index, "its weights (input " + input + ") stored in the file (an initializer or Constant)", node.Inputs.Count <= input ? "no input " + input : "tensor '" + node.Inputs[input] + "' computed in the graph");
        }

        if (tensor.DataType != OnnxTensor.Float || tensor.Dims.Count != rank || tensor.Dims.Any(d => d <= 0))
        {
            throw Unsupported(index, "float32 weights of rank " + rank, "tensor '" + tensor.Name + "' of type " + tensor.DataType + " and shape " + tensor.DescribeShape());
        }

        return tensor;
    }

    /// <summary>A per-unit vector (bias, γ, β, mean, variance): <paramref name="count"/> floats, any shape of that size.</summary>
    private float[] Bias(int index, int input, int count)
    {
        OnnxNode node = _graph.Nodes[index];
        if (node.Inputs.Count <= input || !_constants.TryGetValue(node.Inputs[input], out OnnxTensor? tensor))
        {
            throw Unsupported(index, "input " + input + " stored in the file (an initializer or Constant)", node.Inputs.Count <= input ? "no input " + input : "tensor '" + node.Inputs[input] + "' computed in the graph");
        }

        if (tensor.DataType != OnnxTensor.Float || tensor.Floats.Length != count)
        {
            throw Unsupported(index, count + " float32 values in input " + input, "tensor '" + tensor.Name + "' of type " + tensor.DataType + " and shape " + tensor.DescribeShape());
        }

        return tensor.Floats;
    }

    private static long IntAttribute(OnnxNode node, string name, long fallback) =>
        node.Attributes.TryGetValue(name, out OnnxAttribute? a) ? a.Int : fallback;

    private static float FloatAttribute(OnnxNode node, string name, float fallback) =>
        node.Attributes.TryGetValue(name, out OnnxAttribute? a) ? a.Float : fallback;
}
