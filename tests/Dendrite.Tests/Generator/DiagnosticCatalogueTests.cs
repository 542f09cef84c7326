using System.Reflection;
using Dendrite.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// Every descriptor's help link must lead somewhere: docs/diagnostics.md needs a "## DNxxxx" heading (GitHub turns
/// it into the #dnxxxx anchor the link uses) with a wrong and a right declaration, and the IDs must be unique.
/// </summary>
public class DiagnosticCatalogueTests
{
    private static readonly IReadOnlyList<DiagnosticDescriptor> Descriptors = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToList();

    [Fact]
    public void IdsAreUniqueAndLinkToTheirOwnSection()
    {
        Assert.True(Descriptors.Count >= 13);
        Assert.Equal(Descriptors.Count, Descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(Descriptors, d => Assert.EndsWith("docs/diagnostics.md#" + d.Id.ToLowerInvariant(), d.HelpLinkUri, StringComparison.Ordinal));
    }

    [Fact]
    public void EveryIdHasASectionWithAWrongAndARightDeclaration()
    {
        string docs = File.ReadAllText(FindRepositoryFile("docs/diagnostics.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (DiagnosticDescriptor descriptor in Descriptors)
        {
            string heading = "\n## " + descriptor.Id + "\n";
            int start = docs.IndexOf(heading, StringComparison.Ordinal);
            Assert.True(start >= 0, "docs/diagnostics.md has no '## " + descriptor.Id + "' section.");
            int end = docs.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
            string section = end < 0 ? docs.Substring(start) : docs.Substring(start, end - start);
            Assert.Contains("// Wrong", section, StringComparison.Ordinal);
            Assert.Contains("// Right", section, StringComparison.Ordinal);
        }
    }

    private static string FindRepositoryFile(string relative)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Cannot find " + relative + " above " + AppContext.BaseDirectory);
    }
}
