using System;
using System.Linq;
using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// The names of the members the emitters declare inside a network class. A class named like one of them (CS0542),
/// or a user member of the same name (CS0102, CS0111, or a silent overload the generated calls would pick up), would
/// break the generated code, so the parser reports DN0040 or DN0041 instead of generating it.
/// GeneratedNameTests.Every_member_the_generator_declares_is_reserved compares this list with what is generated, and
/// SurfaceStubMemberTests does the same for the stand-in surface of a declaration with errors. The micro-kernels are not
/// among them: they live in the project's shared kernels class (<see cref="SharedKernelsEmitter"/>) and are called by
/// their global:: name, so no member of the user's can capture them.
/// </summary>
internal static class GeneratedMemberNames
{
    /// <summary>Names that do not depend on the layers, in the order a reader meets them in the generated file.</summary>
    private static readonly string[] Fixed =
    {
        "InputSize", "OutputSize", "ParameterCount", "OutputLogits", "WorkspaceSize", "_parameters", "_trainingWorkspace",
        "t_inferenceScratch", "Architecture", "Parameters", "Predict", "PredictBatch", InferencePlumbingEmitter.ChunksMethod, "PredictProbabilities", "Classify",
        "InferenceChunk", "Forward", "FoldedForward", "FoldNormalization", "t_foldedParameters", "RequireLength", "Fit", "Evaluate", "MultiplyAddsPerSample", "ComputeGradients",
        "TrainingFirstLayer", "TrainingSamples", "SampleBoundary", "TrainingParts", "TrainingPart", "TrainingPartShards", "TrainingWeightGradients", "_sampleLosses", "_stepLabels", "_stepTargets",
        "_stepSamples", "_stepShards", "RunShards", "SumInOrder", "RequireWholeSamples", "Grown", "StepShards", InferencePlumbingEmitter.WorkField, InferencePlumbingEmitter.WorkClass, ThreadedPredictEmitter.FirstLayerPartsField, ThreadedPredictEmitter.FirstLayerPartsClass, "TrainingWorkspace", "ComputeLoss", "Save",
        "Load", "RequireAtLeast", PlumbingFileEmitter.WrongLength, PlumbingFileEmitter.TooFewValues, DropoutStreamEmitter.SeedField, DropoutStreamEmitter.KeyField, DropoutStreamEmitter.StepProperty,
        "get_" + DropoutStreamEmitter.StepProperty, "set_" + DropoutStreamEmitter.StepProperty, "CreatePretrained", "Pretrained", "PretrainedHolder", "PretrainedParameterBytes",
        // Networks with BatchNormalization: the moving statistics beside the parameters.
        "NonTrainableParameterCount", "NonTrainableParameters", "get_NonTrainableParameters",
        // The getters of the generated properties: a user method of that name is CS0082.
        "get_Architecture", "get_Parameters", "get_Pretrained", "get_PretrainedParameterBytes",
        // Only in the stand-in surface of a declaration with errors (SurfaceStubEmitter).
        SurfaceStubEmitter.ErrorsMethod, SurfaceStubEmitter.PretrainedErrorsMethod,
    };

    /// <summary>Layer kinds, which name each layer's members: Dense1Forward, Conv2D2Weights, t_Conv2D2TransposedWeights.</summary>
    private static readonly string[] LayerKinds = Enum.GetNames(typeof(LayerType));

    /// <summary>The reserved names as a message lists them.</summary>
    public static string Description { get; } =
        string.Join(", ", Fixed)
        + ", and any name made of a layer kind and a number (" + string.Join(", ", LayerKinds.Select(k => k + "1…")) + ", also after \"t_\")";

    /// <summary>Whether the generated code may declare a member named <paramref name="name"/> in a network class.</summary>
    public static bool IsReserved(string name)
    {
        if (Array.IndexOf(Fixed, name) >= 0)
        {
            return true;
        }

        string rest = name.StartsWith("t_", StringComparison.Ordinal) ? name.Substring(2) : name;
        foreach (string kind in LayerKinds)
        {
            if (rest.StartsWith(kind, StringComparison.Ordinal) && rest.Length > kind.Length && char.IsDigit(rest[kind.Length]))
            {
                return true;
            }
        }

        return false;
    }
}
