using Dendrite.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Dendrite.Tests.CodeFixes;

/// <summary>One code action the fix offered, and the source after applying it.</summary>
internal sealed record AppliedFix(string Title, string EquivalenceKey, string Source);

/// <summary>
/// Applies a code fix as an IDE does: the generator runs on the source (GeneratorHarness) and reports its DN
/// diagnostic; the document goes into an AdhocWorkspace; the provider registers its actions for that diagnostic; each
/// action's operations are computed (which is where Roslyn simplifies and formats) and the changed document read back.
/// <see cref="AssertRepaired"/> then runs the generator again on the result: no diagnostic, and generated code that
/// compiles with every warning on.
/// </summary>
internal static class CodeFixHarness
{
    /// <summary>Every fix <paramref name="provider"/> offers for the one <paramref name="id"/> diagnostic of <paramref name="source"/>.</summary>
    public static IReadOnlyList<AppliedFix> Fixes(CodeFixProvider provider, string id, string source, GeneratorOptions? options = null)
    {
        options ??= GeneratorOptions.Default;
        GeneratorRun run = GeneratorHarness.Run(options, source);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == id);
        Assert.Contains(id, provider.FixableDiagnosticIds);
        return Apply(provider, diagnostic, run, options).GetAwaiter().GetResult();
    }

    /// <summary>The single fix offered; fails when there are none or several.</summary>
    public static AppliedFix SingleFix(CodeFixProvider provider, string id, string source, GeneratorOptions? options = null) =>
        Assert.Single(Fixes(provider, id, source, options));

    /// <summary>The generator on the repaired source: no DN diagnostic, nothing but clean, compiling code.</summary>
    public static void AssertRepaired(string source, GeneratorOptions? options = null)
    {
        GeneratorRun run = GeneratorHarness.Run(options ?? GeneratorOptions.Default, source);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, "The fixed source still has diagnostics:\n" + GeneratorRun.Describe(run.GeneratorDiagnostics) + "\n" + source);
        Assert.True(run.CompilationProblems().Count == 0, "The fixed source does not compile cleanly:\n" + GeneratorRun.Describe(run.CompilationProblems()) + "\n" + source);
    }

    private static async Task<IReadOnlyList<AppliedFix>> Apply(CodeFixProvider provider, Diagnostic diagnostic, GeneratorRun run, GeneratorOptions options)
    {
        using var workspace = new AdhocWorkspace();
        SyntaxTree tree = run.Input.SyntaxTrees[0];
        ProjectInfo projectInfo = ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "FixTest", "FixTest", LanguageNames.CSharp,
            compilationOptions: run.Input.Options, parseOptions: options.ParseOptions, metadataReferences: run.Input.References);
        Project project = workspace.AddProject(projectInfo);
        Document document = workspace.AddDocument(DocumentInfo.Create(
            DocumentId.CreateNewId(project.Id), tree.FilePath,
            loader: TextLoader.From(TextAndVersion.Create(await tree.GetTextAsync(), VersionStamp.Create())),
            filePath: tree.FilePath));

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);

        var applied = new List<AppliedFix>();
        foreach (CodeAction action in actions)
        {
            ApplyChangesOperation change = Assert.Single((await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>());
            Document changed = change.ChangedSolution.GetDocument(document.Id)!;
            SourceText text = await changed.GetTextAsync();
            applied.Add(new AppliedFix(action.Title, action.EquivalenceKey ?? "", text.ToString()));
        }

        return applied;
    }
}
