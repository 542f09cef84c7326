using System.Collections.Immutable;
using Dendrite.Generator;
using Dendrite.Generator.Emitting;
using Dendrite.Generator.Model;
using Dendrite.Tests.Weights;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// The stub of an invalid declaration (SurfaceStubEmitter) must declare exactly the public members the real
/// emitters declare, or user code that compiles against one fails against the other. Each case builds the stub for
/// a valid declaration's spec and compares the two types' public members, signature by signature, from the
/// compilations' symbols.
/// </summary>
public class SurfaceStubMemberTests
{
    [Theory]
    [InlineData("[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)] [Input(5)] [Dense(4, Activation.ReLU)] [Dense(3)]")]
    [InlineData("[Network(Loss = Loss.CategoricalCrossentropy)] [Input(5)] [Dense(3, Activation.Softmax)]")]
    [InlineData("[Network(Loss = Loss.BinaryCrossentropy)] [Input(2)] [Dense(1, Activation.Sigmoid)]")]
    [InlineData("[Network(Loss = Loss.BinaryCrossentropy, FromLogits = true)] [Input(6)] [Dense(4)]")]
    [InlineData("[Network] [Input(3)] [Dense(7, Activation.Tanh)] [Dense(1)]")]
    [InlineData("[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)] [Input(8, 8, 2)] [Conv2D(4, kernel: 3, Activation.ReLU)] [MaxPool2D(2)] [Flatten] [Dense(3)]")]
    public void The_stub_declares_exactly_the_public_members_of_the_generated_network(string attributes)
    {
        string declaration = "using Dendrite;\nnamespace Probe;\n" + attributes + "\npublic partial class Net;\n";
        GeneratorRun run = GeneratorHarness.Run(declaration);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, GeneratorRun.Describe(run.GeneratorDiagnostics));

        string stub = StubFor(PlanOf(run.Result).Spec);
        Compilation stubbed = GeneratorHarness.CreateCompilation(declaration, stub);

        Assert.Empty(stubbed.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(PublicSurface(run.Output), PublicSurface(stubbed));
    }

    [Fact]
    public void With_compiled_in_weights_the_stub_also_declares_Pretrained_and_CreatePretrained()
    {
        (Compilation real, GeneratorDriverRunResult result) = RunWithWeights(new WeightsTestNet(seed: 1));
        Assert.Contains(result.GeneratedTrees, tree => tree.FilePath.EndsWith(".Pretrained.g.cs", StringComparison.Ordinal));

        string stub = StubFor(PlanOf(result).Spec);
        Compilation stubbed = GeneratorHarness.CreateCompilation(WeightsTestSource.Network("net.weights"), stub);

        Assert.Empty(stubbed.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(PublicSurface(real, "Sample.Net"), PublicSurface(stubbed, "Sample.Net"));
    }

    [Fact]
    public void A_refused_weights_file_leaves_Pretrained_declared_as_when_it_is_accepted()
    {
        (Compilation accepted, _) = RunWithWeights(new WeightsTestNet(seed: 1));
        (Compilation refused, GeneratorDriverRunResult result) = RunWithWeights(new OtherArchitectureNet(seed: 1));

        Assert.Contains(result.Diagnostics, d => d.Id == "DN0021");
        Assert.Empty(refused.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(PublicSurface(accepted, "Sample.Net"), PublicSurface(refused, "Sample.Net"));

        using InMemoryAssembly assembly = InMemoryAssembly.Load(refused);
        foreach (string member in new[] { "Pretrained", "CreatePretrained" })
        {
            InvalidOperationException thrown = Assert.Throws<InvalidOperationException>(() => member == "Pretrained"
                ? assembly.StaticProperty("Sample.Net", member)
                : assembly.InvokeStatic("Sample.Net", member));
            Assert.Contains("DN0021: ", thrown.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_member_the_stub_writes_is_a_reserved_name()
    {
        // The widest stub: an undefined loss (every form of Fit and Classify) and a weights file.
        var surface = NetworkSurface.Describe(
            "Probe", "Net", EquatableArray<ContainingType>.Empty, (LossKind)42, null, Array.Empty<LayerSpec>(), "net.weights", new[] { "DN0010: test" }.ToEquatableArray());
        Compilation stubbed = GeneratorHarness.CreateCompilation(SurfaceStubEmitter.Emit(surface).Source);
        INamedTypeSymbol type = stubbed.GetTypeByMetadataName("Probe.Net")!;

        foreach (ISymbol member in type.GetMembers().Where(m => !m.IsImplicitlyDeclared && m is not IMethodSymbol { AssociatedSymbol: not null }))
        {
            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } || IsExplicitImplementation(member))
            {
                continue;
            }

            // One list of reserved names keeps user members off the real network's members and the stub's alike (DN0040, DN0041).
            Assert.True(GeneratedMemberNames.IsReserved(member.Name), member.Name + " is written by the stub but not reserved in GeneratedMemberNames.");
        }
    }

    [Fact]
    public void Every_public_stub_member_is_documented()
    {
        var surface = NetworkSurface.Describe(
            "Probe", "Net", EquatableArray<ContainingType>.Empty, (LossKind)42, null, Array.Empty<LayerSpec>(), "net.weights", new[] { "DN0010: test" }.ToEquatableArray());
        CSharpCompilation stubbed = GeneratorHarness.CreateCompilation(SurfaceStubEmitter.Emit(surface).Source);
        stubbed = stubbed.WithOptions(stubbed.Options.WithSpecificDiagnosticOptions(ImmutableDictionary<string, ReportDiagnostic>.Empty));

        Assert.Empty(stubbed.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    private static (Compilation Output, GeneratorDriverRunResult Result) RunWithWeights<TNetwork>(TNetwork saved)
        where TNetwork : class, INetwork<TNetwork>
    {
        GeneratorRun run = GeneratorHarness.Run(
            GeneratorOptions.WithAdditionalFiles(AdditionalFiles.WeightsCopy("net.weights", WeightsFile.Serialize(saved))), WeightsTestSource.Network("net.weights"));
        return (run.Output, run.Result);
    }

    private static string StubFor(NetworkSpec spec) =>
        SurfaceStubEmitter.Emit(NetworkSurface.Of(spec, new[] { "DN0004: a made-up error" }.ToEquatableArray())).Source;

    private static NetworkPlan PlanOf(GeneratorDriverRunResult result)
    {
        var plans = new List<NetworkPlan>();
        foreach (GeneratorRunResult generator in result.Results)
        {
            foreach (IncrementalGeneratorRunStep step in generator.TrackedSteps[NetworkGenerator.Steps.Plan])
            {
                plans.AddRange(step.Outputs.Select(output => (NetworkPlan)output.Value));
            }
        }

        return Assert.Single(plans);
    }

    private static readonly SymbolDisplayFormat SignatureFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Included,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeAccessibility | SymbolDisplayMemberOptions.IncludeModifiers | SymbolDisplayMemberOptions.IncludeType
            | SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeExplicitInterface | SymbolDisplayMemberOptions.IncludeRef,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeDefaultValue
            | SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeOptionalBrackets,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>The interfaces and the signature of every public member and explicit interface implementation, sorted.</summary>
    private static List<string> PublicSurface(Compilation compilation, string typeName = "Probe.Net")
    {
        INamedTypeSymbol type = compilation.GetTypeByMetadataName(typeName)!;
        var surface = new List<string> { "implements " + string.Join(", ", type.AllInterfaces.Select(i => i.ToDisplayString(SignatureFormat))) };
        foreach (ISymbol member in type.GetMembers())
        {
            bool accessor = member is IMethodSymbol { AssociatedSymbol: not null };
            if (member.IsImplicitlyDeclared || accessor || (member.DeclaredAccessibility != Accessibility.Public && !IsExplicitImplementation(member)))
            {
                continue;
            }

            string kind = member switch
            {
                IFieldSymbol { IsConst: true } => "const ",
                IPropertySymbol property => "property " + (property.IsStatic ? "static " : string.Empty),
                _ => member.Kind + " ",
            };
            surface.Add(kind + member.ToDisplayString(SignatureFormat));
        }

        surface.Sort(StringComparer.Ordinal);
        return surface;
    }

    private static bool IsExplicitImplementation(ISymbol member) => member switch
    {
        IPropertySymbol property => property.ExplicitInterfaceImplementations.Length > 0,
        IMethodSymbol method => method.ExplicitInterfaceImplementations.Length > 0,
        _ => false,
    };
}
