using System.Linq;
using Dendrite.Generator.Emitting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// Whether the stub surface of a declaration with errors (SurfaceStubEmitter) can be added to the class without
/// itself causing a compiler error. The declaration checks (partial, a class, not generic or static, ...) come
/// first, in the parser; this adds what only matters for the stub's members. When in doubt there is no stub: the
/// call sites then fail as before, but generated code never holds an error.
/// </summary>
internal static class StubSurfaceCheck
{
    public static bool CanTakeStub(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
    {
        // Explicit implementations of INetwork's static abstract members need C# 11.
        if (declaration.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp11 })
        {
            return false;
        }

        // [Network] on two declarations of the class (itself error CS0579) would give two stubs of one name.
        if (type.GetAttributes().Count(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Network) != 1)
        {
            return false;
        }

        // A primary constructor requires every other constructor, the stub's Net(int seed) too, to call it.
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax { ParameterList: not null })
            {
                return false;
            }
        }

        // A member named like the class is error CS0542.
        if (SurfaceStubEmitter.MemberNames.ContainsKey(type.Name))
        {
            return false;
        }

        foreach (System.Collections.Generic.KeyValuePair<string, int[]?> stubMember in SurfaceStubEmitter.MemberNames)
        {
            foreach (ISymbol member in type.GetMembers(stubMember.Key))
            {
                // Beside a stub property any member of the name is a duplicate (CS0102); beside a stub method, another
                // method may be an overload, and only one with as many parameters can clash (CS0111).
                if (stubMember.Value is null || member is not IMethodSymbol method || stubMember.Value.Contains(method.Parameters.Length))
                {
                    return false;
                }
            }
        }

        // The stub's constructor Net(int seed = 0).
        return !type.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared && c.Parameters.Length == 1 && c.Parameters[0].Type.SpecialType == SpecialType.System_Int32);
    }
}
