using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// A compilation emitted to memory and loaded into its own collectible load context, so a test can run what the
/// generator wrote for a declaration it made up. Dendrite.Runtime resolves to the copy the tests use, so values
/// such as <see cref="NetworkArchitecture"/> cross over as the same types.
/// </summary>
internal sealed class InMemoryAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private InMemoryAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>Emits <paramref name="compilation"/>; fails the test with the compiler's errors when it does not emit.</summary>
    public static InMemoryAssembly Load(Compilation compilation)
    {
        using var image = new MemoryStream();
        EmitResult result = compilation.Emit(image);
        Assert.True(result.Success, "The compilation does not emit:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        var context = new AssemblyLoadContext("Dendrite in-memory test assembly", isCollectible: true);
        return new InMemoryAssembly(context, context.LoadFromStream(image));
    }

    public Type Type(string fullName) => Assembly.GetType(fullName, throwOnError: true)!;

    /// <summary>A public static property's value.</summary>
    public object? StaticProperty(string typeName, string property) =>
        Unwrap(() => Type(typeName).GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.GetValue(null));

    /// <summary>Calls a public static method; an exception it throws is rethrown as itself, not wrapped.</summary>
    public object? InvokeStatic(string typeName, string method, params object?[] arguments) =>
        Unwrap(() => Type(typeName).GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments));

    public void Dispose() => _context.Unload();

    private static object? Unwrap(Func<object?> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(wrapped.InnerException).Throw();
            throw;
        }
    }
}
