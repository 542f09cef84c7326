using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Model;
using Dendrite.Generator.Weights.Format;

namespace Dendrite.Generator.Weights;

/// <summary>Pairs a network that names a weights file with that file and checks one against the other.</summary>
internal static class WeightsBinder
{
    public static CompiledWeights Bind(WeightsRequest request, ImmutableArray<WeightsFileData> files, EquatableArray<string> additionalFilePaths)
    {
        NetworkPlan plan = request.Plan;
        LocationInfo? location = request.Location;
        NetworkSpec spec = plan.Spec;
        string name = spec.WeightsFile!;
        List<WeightsFileData> matches = files.Where(file => AdditionalWeightsReader.Matches(file.Path, name)).OrderBy(file => file.Path, System.StringComparer.Ordinal).ToList();
        if (matches.Count == 0)
        {
            string? suggestion = WeightsNameSuggestion.Closest(name, additionalFilePaths);
            if (suggestion is null)
            {
                return Fail(plan, location, name, DiagnosticDescriptors.WeightsFileNotFound, spec.ClassName, name, "none");
            }

            DiagnosticInfo notFound = DiagnosticInfo.Create(DiagnosticDescriptors.WeightsFileNotFound, location, spec.ClassName, name, "none (did you mean '" + suggestion + "'?)")
                .WithProperty(DiagnosticProperties.SuggestedWeightsName, suggestion);
            return new CompiledWeights(plan, name, null, notFound);
        }

        if (matches.Count > 1)
        {
            return Fail(plan, location, name, DiagnosticDescriptors.WeightsFileAmbiguous, spec.ClassName, name, string.Join(", ", matches.Select(m => "'" + m.Path + "'")));
        }

        WeightsFileData file = matches[0];
        if (file.Problem != WeightsProblem.None)
        {
            return Fail(plan, location, name, DiagnosticDescriptors.WeightsFileInvalid, name, spec.ClassName, file.Reason);
        }

        string? mismatch = WeightsFormat.CompareArchitecture(file.Content!, ArchitectureFingerprint.Of(plan), ArchitectureFingerprint.Shapes(plan), plan.NonTrainableCount);
        if (mismatch is not null)
        {
            return Fail(plan, location, name, DiagnosticDescriptors.WeightsArchitectureMismatch, name, spec.ClassName, mismatch);
        }

        return new CompiledWeights(plan, name, file, null);
    }

    private static CompiledWeights Fail(NetworkPlan plan, LocationInfo? location, string name, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params object[] arguments) =>
        new(plan, name, null, DiagnosticInfo.Create(descriptor, location, arguments));
}
