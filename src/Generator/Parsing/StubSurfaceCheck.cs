using System.Linq;
using Microsoft.CodeAnalysis;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// Whether the stub surface of a declaration with errors (SurfaceStubEmitter) can be added to the class without
/// itself causing a compiler error. Everything the real network code needs from the class (C# 11, no primary
/// constructor, no member or class named like a generated member, a callable base constructor) is checked first by
/// <see cref="DeclarationCompatibility"/>: a stub is only considered when those pass, and the stub's members are
/// reserved names like the network's (SurfaceStubMemberTests). This adds what only matters for the stub.
/// </summary>
internal static class StubSurfaceCheck
{
    public static bool CanTakeStub(INamedTypeSymbol type)
    {
        // [Network] on two declarations of the class (DN0016, and compiler error CS0579) is parsed once per
        // declaration: two stubs of one type would declare every member twice.
        return type.GetAttributes().Count(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Network) == 1;
    }
}
