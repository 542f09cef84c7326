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

        // The class's own members clash (CS0102, CS0111); a base class's visible ones would be hidden (warning CS0108).
        for (INamedTypeSymbol? owner = type; owner is not null && owner.SpecialType != SpecialType.System_Object; owner = owner.BaseType)
        {
            if (ClashesWithStub(owner, inherited: !SymbolEqualityComparer.Default.Equals(owner, type)))
            {
                return false;
            }
        }

        // The stub's constructor Net(int seed = 0) calls the base class's parameterless constructor (else CS7036).
        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType
            && !baseType.InstanceConstructors.Any(c => c.DeclaredAccessibility != Accessibility.Private && c.Parameters.All(p => p.IsOptional || p.IsParams)))
        {
            return false;
        }

        return !type.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared && c.Parameters.Length == 1 && c.Parameters[0].Type.SpecialType == SpecialType.System_Int32);
    }

    private static bool ClashesWithStub(INamedTypeSymbol owner, bool inherited)
    {
        foreach (System.Collections.Generic.KeyValuePair<string, int[]?> stubMember in SurfaceStubEmitter.MemberNames)
        {
            foreach (ISymbol member in owner.GetMembers(stubMember.Key))
            {
                if (inherited && member.DeclaredAccessibility == Accessibility.Private)
                {
                    continue; // invisible in the derived class: nothing is hidden
                }

                // Beside a stub property any member of the name clashes; beside a stub method, another method may be
                // an overload, and only one with as many parameters can have the same signature.
                if (stubMember.Value is null || member is not IMethodSymbol method || stubMember.Value.Contains(method.Parameters.Length))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
