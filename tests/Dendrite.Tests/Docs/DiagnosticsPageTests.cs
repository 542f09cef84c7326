using System.Collections.Immutable;
using System.Reflection;
using Dendrite.Generator;
using Dendrite.Generator.Diagnostics;
using Dendrite.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace Dendrite.Tests.Docs;

/// <summary>
/// Help links that resolve: docs/diagnostics.html (shipped in the package's docs/ folder) is the rendering of
/// docs/diagnostics.md, has a section anchor for every DN ID, and a project that sets DendriteDiagnosticsHelp (the
/// package's build/Dendrite.targets sets it to that file) gets file:///…/diagnostics.html#dnxxxx links to it.
/// </summary>
public class DiagnosticsPageTests
{
    private static readonly IReadOnlyList<DiagnosticDescriptor> Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToList();

    [Fact]
    public void The_checked_in_page_is_the_rendering_of_the_markdown()
    {
        string page = RepositoryFile("docs/diagnostics.html");
        string expected = DiagnosticsPage.Render(File.ReadAllText(RepositoryFile("docs/diagnostics.md")));
        if (Environment.GetEnvironmentVariable("DENDRITE_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(page, expected);
        }

        Assert.True(
            File.ReadAllText(page).Replace("\r\n", "\n", StringComparison.Ordinal) == expected,
            "docs/diagnostics.html is not the rendering of docs/diagnostics.md: run the tests with DENDRITE_ACCEPT_SNAPSHOTS=1 to rewrite it.");
    }

    [Fact]
    public void Every_ID_has_its_anchor_on_the_page()
    {
        string page = File.ReadAllText(RepositoryFile("docs/diagnostics.html"));
        Assert.All(Descriptors, d => Assert.Contains("<h2 id=\"" + d.Id.ToLowerInvariant() + "\">" + d.Id + "</h2>", page, StringComparison.Ordinal));
    }

    [Fact]
    public void With_the_property_every_link_is_a_file_uri_to_the_page_and_its_anchor()
    {
        string page = RepositoryFile("docs/diagnostics.html");
        ImmutableArray<Diagnostic> diagnostics = RunWithHelp(page, """
            using Dendrite;

            [Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
            [Input(4)]
            [Dense(3, Activation.Softmax)]
            public class Net;
            """);

        Assert.Equal(["DN0001", "DN0006"], diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal));
        foreach (Diagnostic diagnostic in diagnostics)
        {
            var link = new Uri(diagnostic.Descriptor.HelpLinkUri);
            Assert.Equal("file", link.Scheme);
            Assert.Equal(Path.GetFullPath(page), Path.GetFullPath(link.LocalPath));
            Assert.Equal("#" + diagnostic.Id.ToLowerInvariant(), link.Fragment);
            Assert.Contains("id=\"" + link.Fragment.Substring(1) + "\"", File.ReadAllText(link.LocalPath), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://docs.example.com/dendrite/diagnostics.html", "https://docs.example.com/dendrite/diagnostics.html")]
    [InlineData("", null)]
    [InlineData("relative/diagnostics.html", null)]
    [InlineData("https://example.com/page#section", null)]
    public void The_property_may_be_any_absolute_address_and_anything_else_keeps_the_default(string value, string? expected) =>
        Assert.Equal(expected, HelpLinks.ToUri(value));

    [Fact]
    public void Without_the_property_the_link_is_the_repository_page()
    {
        Diagnostic diagnostic = Assert.Single(RunWithHelp(null, """
            using Dendrite;

            [Network(Loss = Loss.MeanSquaredError)]
            [Input(4)]
            [Dense(1)]
            public class Net;
            """));

        Assert.Equal(DiagnosticDescriptors.NotPartial.HelpLinkUri, diagnostic.Descriptor.HelpLinkUri);
    }

    private static ImmutableArray<Diagnostic> RunWithHelp(string? help, string source)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(source);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new NetworkGenerator().AsSourceGenerator()],
            optionsProvider: new HelpOptions(help is null ? [] : new Dictionary<string, string> { [HelpLinks.Property] = help }),
            parseOptions: GeneratorOptions.Default.ParseOptions);
        return driver.RunGenerators(compilation).GetRunResult().Diagnostics;
    }

    private sealed class HelpOptions(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }

    internal static string RepositoryFile(string relative)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compiler.sln")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new FileNotFoundException("Cannot find the repository (Compiler.sln) above " + AppContext.BaseDirectory);
    }
}
