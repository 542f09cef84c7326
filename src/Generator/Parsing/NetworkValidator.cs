using System.Collections.Generic;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;
using Dendrite.Generator.Planning;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// Rules about how the declared layers and the loss fit together: the mistakes the course warns about
/// (softmax twice, a linear output without from_logits) become compile errors with a fix in the message.
/// </summary>
internal static class NetworkValidator
{
    /// <summary>
    /// Judges the declaration. When it is valid, <paramref name="geometry"/> is the one checked 64-bit shape walk the
    /// verdict was made on, and the planner lays the network out from that same walk.
    /// </summary>
    public static bool Validate(NetworkSpec spec, List<DiagnosticInfo> diagnostics, out NetworkGeometry? geometry)
    {
        geometry = null;
        int before = diagnostics.Count;
        if (spec.Layers.Count == 0)
        {
            return true;
        }

        if (spec.Layers.Count > GeneratedNumberLimits.MaxLayers)
        {
            LayerSpec first = spec.Layers[GeneratedNumberLimits.MaxLayers];
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyLayers, first.Location, spec.ClassName, GeneratedNumberLimits.MaxLayers, spec.Layers.Count));
            return false;
        }

        // A non-positive size was reported by the parser (DN0004); no shape follows from it.
        if (!ShapeValidator.HasPositiveSizes(spec))
        {
            return false;
        }

        // Image layers first: shapes must fit before the loss can be checked against the output (ShapeValidator.cs).
        NetworkGeometry walked = NetworkGeometry.Compute(spec);
        if (!ShapeValidator.Validate(spec, walked, diagnostics))
        {
            return false;
        }

        for (int i = 0; i < spec.Layers.Count - 1; i++)
        {
            LayerSpec hidden = spec.Layers[i];
            if (hidden.Activation == ActivationKind.Softmax)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxOnHiddenLayer, hidden.Location, Describe(hidden, i), i + 1, spec.Layers.Count));
            }
        }

        CheckLoss(spec, diagnostics);
        GeneratedNumberLimits.Check(spec, walked, diagnostics);
        if (diagnostics.Count != before)
        {
            return false;
        }

        geometry = walked;
        return true;
    }

    private static void CheckLoss(NetworkSpec spec, List<DiagnosticInfo> diagnostics)
    {
        int last = spec.Layers.Count - 1;
        LayerSpec output = spec.Layers[last];
        string outputName = "The output layer (" + Describe(output, last) + ")";
        string lossName = "Loss." + spec.Loss;
        ActivationKind activation = output.Activation;

        // An undefined loss or output activation was already reported (DN0010); judging the pair would only add a
        // second, confusing diagnostic naming a value like "Loss.42".
        if (!EnumValues.IsDefined<LossKind>((int)spec.Loss) || !EnumValues.IsDefined<ActivationKind>((int)activation))
        {
            return;
        }

        // FromLogits = true with mean squared error (DN0012) is reported by the parser, at the FromLogits setting.
        if (spec.Loss == LossKind.MeanSquaredError)
        {
            return;
        }

        bool binary = spec.Loss == LossKind.BinaryCrossentropy;
        ActivationKind probabilityActivation = binary ? ActivationKind.Sigmoid : ActivationKind.Softmax;
        if (spec.FromLogits && activation == probabilityActivation)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ActivationAppliedTwice, output.Location, outputName, activation));
            return;
        }

        if (!spec.FromLogits && activation == ActivationKind.Linear)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LinearOutputWithoutLogits, output.Location, outputName, lossName)
                .WithProperty(DiagnosticProperties.ProbabilityActivation, probabilityActivation.ToString()));
            return;
        }

        if (activation != probabilityActivation && activation != ActivationKind.Linear)
        {
            string expected = binary
                ? "Activation.Sigmoid (probabilities), or Activation.Linear with FromLogits = true"
                : "Activation.Softmax (probabilities), or Activation.Linear with FromLogits = true";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossDoesNotFitOutput, output.Location, lossName, OutputInSentence(output, last), expected, "Activation." + activation));
            return;
        }

        if (!binary && output.Units < 2)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.LossDoesNotFitOutput,
                output.Location,
                lossName,
                OutputInSentence(output, last),
                "at least 2 output units (one per class; for two classes with one output use Loss.BinaryCrossentropy)",
                output.Units + " unit"));
        }
    }

    /// <summary>"the output layer (layer 3, Dense(10, Tanh))", for use mid-sentence.</summary>
    private static string OutputInSentence(LayerSpec output, int index) => "the output layer (" + Describe(output, index) + ")";

    public static string Describe(LayerSpec layer, int index) => layer.Describe(index);
}
