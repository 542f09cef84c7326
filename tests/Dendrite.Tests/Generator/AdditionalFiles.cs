using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Dendrite.Tests.Generator;

/// <summary>AdditionalFiles items made in memory, as the compiler hands them to the generator.</summary>
internal static class AdditionalFiles
{
    /// <summary>A weights file as the build passes it: the Base64 copy made by Dendrite.targets.</summary>
    public static AdditionalText WeightsCopy(string fileName, byte[] bytes) =>
        InMemory("/project/obj/Release/net10.0/dendrite-weights/" + fileName + ".base64", Convert.ToBase64String(bytes));

    /// <summary>Any item: <paramref name="path"/> with <paramref name="content"/>.</summary>
    public static AdditionalText InMemory(string path, string content) => new InMemoryText(path, SourceText.From(content, Encoding.UTF8));

    private sealed class InMemoryText(string path, SourceText text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }
}
