using System.Collections.Generic;
using Dendrite.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Onnx;

/// <summary>One Dendrite layer made from ONNX nodes, with its tensors already in Dendrite's layout.</summary>
internal sealed class ImportedLayer
{
    public ImportedLayer(LayerSpec spec, string node)
    {
        Spec = spec;
        Node = node;
    }

    public LayerSpec Spec { get; set; }

    /// <summary>The node the layer came from, for the generated header and messages.</summary>
    public string Node { get; }

    /// <summary>Dense: units × inputs row-major; Conv2D: [kh][kw][c_in][filters]; BatchNormalization: γ.</summary>
    public float[] Weights { get; set; } = System.Array.Empty<float>();

    /// <summary>Biases, or β.</summary>
    public float[] Biases { get; set; } = System.Array.Empty<float>();

    /// <summary>BatchNormalization's moving mean (empty for other kinds).</summary>
    public float[] Mean { get; set; } = System.Array.Empty<float>();

    /// <summary>BatchNormalization's moving variance, adjusted to Dendrite's ε (empty for other kinds).</summary>
    public float[] Variance { get; set; } = System.Array.Empty<float>();
}

/// <summary>A graph mapped onto Dendrite's layers: the input Dendrite will read and the layers in order.</summary>
internal sealed class ImportedNetwork
{
    public ImportedNetwork(InputSpec input, List<ImportedLayer> layers, string summary)
    {
        Input = input;
        Layers = layers;
        Summary = summary;
    }

    public InputSpec Input { get; }

    public List<ImportedLayer> Layers { get; }

    /// <summary>"opset 17, ir 8, pytorch 1.13.1": for the generated file's header.</summary>
    public string Summary { get; }
}

/// <summary>Why a file cannot be imported: a DN0080–DN0089 descriptor and its message arguments.</summary>
internal sealed class OnnxImportException : System.Exception
{
    public OnnxImportException(DiagnosticDescriptor descriptor, params object[] arguments)
        : base(descriptor.Id)
    {
        Descriptor = descriptor;
        Arguments = arguments;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public object[] Arguments { get; }
}
