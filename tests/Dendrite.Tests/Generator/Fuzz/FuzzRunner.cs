using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.Tests.Generator.Fuzz;

/// <summary>
/// Compiles fuzz batches with the generator and says, in words a failure message can carry, what went wrong: for
/// each failure the unit that fails (found by compiling the units of the batch alone) and its source, ready to paste
/// into a test.
/// </summary>
internal static class FuzzRunner
{
    /// <summary>How many failing units to name per batch; enough to see the pattern, short enough to read.</summary>
    private const int CulpritsPerBatch = 3;

    /// <summary>
    /// Valid declarations: the generator writes code for every network, reports nothing, throws nothing, and the
    /// project (declarations, generated code and code using it) compiles with no error and no warning.
    /// </summary>
    public static List<string> CheckValid(FuzzBatch batch, string what)
    {
        GeneratorRun run = GeneratorHarness.Run(batch.Sources());
        List<string> problems = ValidProblems(run);
        if (problems.Count == 0)
        {
            return [];
        }

        var report = new StringBuilder(what + ": " + Summarise(problems) + "\n");
        int culprits = 0;
        foreach (FuzzUnit unit in batch.Units)
        {
            string[] sources = batch.SourcesAlone(unit);
            List<string> alone = ValidProblems(GeneratorHarness.Run(sources));
            if (alone.Count > 0)
            {
                AppendUnit(report, unit, alone, sources);
                if (++culprits == CulpritsPerBatch)
                {
                    break;
                }
            }
        }

        if (culprits == 0)
        {
            report.Append("  No unit fails alone: the failure needs the whole batch:\n").Append(string.Join("\n", batch.Sources()));
        }

        return [report.ToString()];
    }

    /// <summary>
    /// Invalid declarations: each gets at least one DN diagnostic located on its own declaration; every DN
    /// diagnostic points into the user's files; the generator throws nothing and nothing it generates (if anything)
    /// has an error or a warning. With <paramref name="mayBeValid"/>, a network may instead be generated without
    /// any diagnostic (for sizes the generator may either support or refuse).
    /// </summary>
    public static List<string> CheckInvalid(FuzzBatch batch, string what, string[] extraSources, bool mayBeValid = false)
    {
        string[] sources = batch.Sources().SkipLast(1).Concat(extraSources).ToArray(); // no uses: invalid types may lack members
        GeneratorRun run = GeneratorHarness.Run(sources);
        var failures = new List<string>();

        List<string> general = GeneralProblems(run);
        if (general.Count > 0)
        {
            var report = new StringBuilder(what + ": " + Summarise(general) + "\n");
            foreach (FuzzUnit unit in batch.Units)
            {
                string[] alone = [batch.Files.First(f => f.Units.Contains(unit)).RenderAlone(unit), .. extraSources];
                List<string> problems = GeneralProblems(GeneratorHarness.Run(alone));
                if (problems.Count > 0)
                {
                    AppendUnit(report, unit, problems, alone);
                    break;
                }
            }

            failures.Add(report.ToString());
        }

        IReadOnlyList<Diagnostic> located = run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("DN", StringComparison.Ordinal)).ToList();
        string generated = string.Concat(run.Sources.Select(s => s.SourceText.ToString()));
        foreach (FuzzUnit unit in batch.Units)
        {
            foreach (PlacedNetwork network in unit.Networks)
            {
                TypeDeclarationSyntax declaration = Declaration(run, network.Name);
                bool diagnosed = located.Any(d => IsIn(d.Location, declaration.SyntaxTree) && d.Location.SourceSpan.Length > 0 && declaration.Span.Contains(d.Location.SourceSpan));
                bool generatedClean = mayBeValid && generated.Contains("partial class " + network.Name + " ", StringComparison.Ordinal);
                if (!diagnosed && !generatedClean)
                {
                    string[] alone = [batch.Files.First(f => f.Units.Contains(unit)).RenderAlone(unit), .. extraSources];
                    IEnumerable<string> got = GeneratorHarness.Run(alone).GeneratorDiagnostics.Select(d => d.ToString());
                    failures.Add(what + ": no DN diagnostic on the declaration of " + network.Name + " (" + network.Draft.Mutation + ")" +
                        (mayBeValid ? " and no generated code for it" : string.Empty) + "\n  The generator reported, for it alone: " +
                        (got.Any() ? string.Join("\n    ", got) : "nothing") + "\n  Reproduce with:\n" + string.Join("\n", alone) + "\n");
                }
            }
        }

        return failures;
    }

    /// <summary>
    /// Whether <paramref name="location"/> is in <paramref name="tree"/>'s file. The generator's diagnostics carry
    /// file locations (path and span, which cache across runs) rather than syntax-tree ones, so compare paths.
    /// </summary>
    public static bool IsIn(Location location, SyntaxTree tree) =>
        location.Kind is LocationKind.SourceFile or LocationKind.ExternalFile && location.GetLineSpan().Path == tree.FilePath;

    private static TypeDeclarationSyntax Declaration(GeneratorRun run, string name) =>
        run.Input.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            .Single(d => d.Identifier.ValueText == name.TrimStart('@'));

    /// <summary>Anything at all: exceptions, any generator diagnostic, any warning or error of the compilation.</summary>
    private static List<string> ValidProblems(GeneratorRun run) =>
        run.Exceptions.Select(e => "generator exception: " + e.GetType().Name + ": " + e.Message)
            .Concat(run.GeneratorDiagnostics.Select(d => d.ToString()))
            .Concat(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d + InGenerated(run, d)))
            .ToList();

    /// <summary>What may never happen, valid input or not: an exception, a CS error or warning inside generated code, a DN diagnostic outside the user's files.</summary>
    private static List<string> GeneralProblems(GeneratorRun run)
    {
        HashSet<SyntaxTree> generated = run.Output.SyntaxTrees.Except(run.Input.SyntaxTrees).ToHashSet();
        HashSet<SyntaxTree> input = run.Input.SyntaxTrees.ToHashSet();
        return run.Exceptions.Select(e => "generator exception: " + e.GetType().Name + ": " + e.Message)
            .Concat(run.GeneratorDiagnostics.Where(d => d.Id == "CS8785").Select(d => d.ToString()))
            .Concat(run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("DN", StringComparison.Ordinal) && !input.Any(tree => IsIn(d.Location, tree)))
                .Select(d => "DN diagnostic without a location in the user's files: " + d))
            .Concat(run.Output.GetDiagnostics()
                .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generated.Contains(tree))
                .Select(d => d + InGenerated(run, d)))
            .ToList();
    }

    private static string InGenerated(GeneratorRun run, Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree is { } tree && !run.Input.SyntaxTrees.Contains(tree)
            ? " [in generated " + Path.GetFileName(tree.FilePath) + ": " + tree.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim() + "]"
            : string.Empty;

    /// <summary>"CS0117 ×18, DN0009 ×1" then the first message of each.</summary>
    private static string Summarise(List<string> problems)
    {
        var byId = problems.GroupBy(p => Id(p)).OrderByDescending(g => g.Count()).ToList();
        return string.Join(", ", byId.Select(g => g.Key + " ×" + g.Count())) + "\n" + string.Join("\n", byId.Select(g => "    " + Shorten(g.First())));
    }

    /// <summary>"CS0117" or "DN0009" from a diagnostic's text, or "exception".</summary>
    private static string Id(string problem) =>
        System.Text.RegularExpressions.Regex.Match(problem, @"\b(CS|DN)[0-9]{4}\b") is { Success: true } match ? match.Value : "exception";

    private static void AppendUnit(StringBuilder report, FuzzUnit unit, List<string> problems, string[] sources)
    {
        report.Append("  Unit (").Append(unit.Description).Append(") fails alone:\n");
        foreach (PlacedNetwork network in unit.Networks)
        {
            report.Append("    ").Append(network.Name).Append(": ").Append(network.Draft.Summary).Append(network.Draft.Mutation is { } m ? " | " + m : string.Empty).Append('\n');
        }

        foreach (string problem in problems.Take(6))
        {
            report.Append("    ").Append(Shorten(problem)).Append('\n');
        }

        report.Append("  Reproduce with:\n").Append(string.Join("\n// next file\n", sources)).Append('\n');
    }

    private static string Shorten(string text) => text.Length > 400 ? text[..400] + "…" : text;
}
