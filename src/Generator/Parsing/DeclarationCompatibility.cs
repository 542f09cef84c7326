using System.Collections.Generic;
using System.Linq;
using Dendrite.Generator.Diagnostics;
using Dendrite.Generator.Emitting;
using Dendrite.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Dendrite.Generator.Parsing;

/// <summary>
/// What the user's own declaration must leave free for the generated part of the class to compile beside it: the
/// language version, the names of the generated members, and the constructors. Each conflict is one DN diagnostic
/// on the user's code instead of CS errors inside the generated file (DeclarationCompatibilityTests).
/// </summary>
internal static class DeclarationCompatibility
{
    /// <summary>
    /// The oldest C# the generated code compiles with: it implements the runtime's static abstract interface members
    /// (C# 11). Everything else it uses is older (file-scoped namespaces 10, nuint 9, ??= 8).
    /// </summary>
    public const LanguageVersion RequiredLanguageVersion = LanguageVersion.CSharp11;

    public static bool Check(INamedTypeSymbol type, TypeDeclarationSyntax declaration, LocationInfo? nameLocation, List<DiagnosticInfo> diagnostics)
    {
        int before = diagnostics.Count;
        if (declaration.SyntaxTree.Options is CSharpParseOptions options && options.LanguageVersion < RequiredLanguageVersion)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooLow, nameLocation, type.Name, RequiredLanguageVersion.ToDisplayString(), options.LanguageVersion.ToDisplayString()));
        }

        if (GeneratedMemberNames.IsReserved(type.Name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNameIsGeneratedMember, nameLocation, type.Name, GeneratedMemberNames.Description));
        }

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is TypeDeclarationSyntax { ParameterList: { } parameters })
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PrimaryConstructor, LocationInfo.From(parameters), type.Name, parameters.ToString()));
            }
        }

        CheckOwnMembers(type, diagnostics);
        CheckBaseClass(type, nameLocation, diagnostics);
        CheckRequiredMembers(type, nameLocation, diagnostics);
        return diagnostics.Count == before;
    }

    private static void CheckOwnMembers(INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared)
            {
                continue;
            }

            LocationInfo? location = LocationInfo.From(member.Locations.FirstOrDefault(l => l.IsInSource));
            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
            {
                // A primary constructor is DN0042 already, whatever its parameters.
                bool primary = constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax);
                if (!primary && IsGeneratedConstructorSignature(constructor))
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.ConstructorConflict,
                        location,
                        type.Name,
                        "declares a constructor with the parameters of a generated one (" + type.Name + "(int seed = 0) and a private " + type.Name + "(ReadOnlySpan<float>))",
                        "no constructor taking (int) or (ReadOnlySpan<float>) (construct with new " + type.Name + "(seed) or give yours other parameters)",
                        Describe(constructor)));
                }

                continue;
            }

            // Accessors, operators and explicit interface implementations have names no generated member can take.
            if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary } || !GeneratedMemberNames.IsReserved(member.Name))
            {
                continue;
            }

            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberCollidesWithGenerated, location, type.Name, "declares a member named", member.Name, GeneratedMemberNames.Description, Describe(member)));
        }
    }

    /// <summary>
    /// A base class can get in the way twice: a member it lets the class see under a generated name would be hidden
    /// (warning CS0108), and without a constructor callable with no arguments the generated ones cannot call it (CS7036).
    /// </summary>
    private static void CheckBaseClass(INamedTypeSymbol type, LocationInfo? nameLocation, List<DiagnosticInfo> diagnostics)
    {
        INamedTypeSymbol? direct = type.BaseType;
        if (direct is null || direct.SpecialType == SpecialType.System_Object || direct.TypeKind == TypeKind.Error)
        {
            return;
        }

        for (INamedTypeSymbol? ancestor = direct; ancestor is not null && ancestor.SpecialType != SpecialType.System_Object; ancestor = ancestor.BaseType)
        {
            foreach (ISymbol member in ancestor.GetMembers())
            {
                if (member.DeclaredAccessibility != Accessibility.Private && member is not IMethodSymbol { MethodKind: not MethodKind.Ordinary } && GeneratedMemberNames.IsReserved(member.Name))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberCollidesWithGenerated, nameLocation, type.Name, "inherits a member named", member.Name, GeneratedMemberNames.Description, Describe(member) + " of base class '" + ancestor.ToDisplayString() + "'"));
                }
            }
        }

        bool callable = direct.InstanceConstructors.Any(c =>
            c.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal
                || (c.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedAndInternal && SymbolEqualityComparer.Default.Equals(c.ContainingAssembly, type.ContainingAssembly))
            ? c.Parameters.All(p => p.IsOptional || p.IsParams)
            : false);
        if (!callable)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ConstructorConflict,
                nameLocation,
                type.Name,
                "derives from '" + direct.ToDisplayString() + "', which has no constructor the generated constructors can call",
                "a base class with an accessible constructor that takes no arguments",
                string.Join(", ", direct.InstanceConstructors.Select(Describe))));
        }
    }

    /// <summary>
    /// Load and CreatePretrained construct the network themselves and cannot set a required member, which would be
    /// CS9035 in generated code; marking their constructor [SetsRequiredMembers] would instead leave it silently unset.
    /// </summary>
    private static void CheckRequiredMembers(INamedTypeSymbol type, LocationInfo? nameLocation, List<DiagnosticInfo> diagnostics)
    {
        for (INamedTypeSymbol? owner = type; owner is not null && owner.SpecialType != SpecialType.System_Object; owner = owner.BaseType)
        {
            foreach (ISymbol member in owner.GetMembers())
            {
                if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                {
                    bool own = SymbolEqualityComparer.Default.Equals(owner, type);
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.ConstructorConflict,
                        own ? LocationInfo.From(member.Locations.FirstOrDefault(l => l.IsInSource)) : nameLocation,
                        type.Name,
                        (own ? "declares" : "inherits") + " the required member '" + member.Name + "', which the generated Load and CreatePretrained cannot set when they construct the network",
                        "no required members (give the member a default value, or set it after construction)",
                        Describe(member) + " marked required"));
                }
            }
        }
    }

    private static bool IsGeneratedConstructorSignature(IMethodSymbol constructor)
    {
        if (constructor.Parameters.Length != 1)
        {
            return false;
        }

        ITypeSymbol parameter = constructor.Parameters[0].Type;
        return parameter.SpecialType == SpecialType.System_Int32
            || parameter is INamedTypeSymbol { Name: "ReadOnlySpan", Arity: 1 } span
                && span.ContainingNamespace.ToDisplayString() == "System"
                && span.TypeArguments[0].SpecialType == SpecialType.System_Single;
    }

    private static string Describe(ISymbol member)
    {
        string kind = member switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor } => "the constructor",
            IMethodSymbol => "the method",
            IPropertySymbol => "the property",
            IFieldSymbol => "the field",
            IEventSymbol => "the event",
            INamedTypeSymbol => "the nested type",
            _ => "the member",
        };
        return kind + " " + member.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
    }
}
