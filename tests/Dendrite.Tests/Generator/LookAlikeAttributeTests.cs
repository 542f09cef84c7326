using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Dendrite.Tests.Generator;

/// <summary>
/// The generator finds its attributes by metadata name, so a user's own <c>Dendrite.Conv2DAttribute</c> with any
/// constructor reaches it. Every attribute × every way its look-alike can differ (no arguments, wrong types, too many,
/// a params array, named arguments of the wrong type or unknown to Dendrite) must give one DN0014 on the attribute
/// (or on the named argument) naming the expected and the found signature — never an exception, never silence.
/// </summary>
public class LookAlikeAttributeTests
{
    /// <summary>Each attribute: a look-alike constructor Dendrite accepts, and arguments that fit it.</summary>
    private static readonly (string Name, string GoodParameters, string GoodArguments, string Usage, (string Name, string Type, string WrongType, string WrongValue)[] Properties)[] Attributes =
    {
        ("Network", "", "", "Network", new[] { ("Loss", "Loss", "string", "\"mse\""), ("FromLogits", "bool", "int", "1"), ("Weights", "string", "int", "3"), ("Onnx", "string", "int", "4") }),
        ("Input", "int height, int width, int channels", "4, 4, 1", "Input(int size) or Input(int height, int width, int channels)", System.Array.Empty<(string, string, string, string)>()),
        ("Dense", "int units, Activation activation", "1, Activation.Linear", "Dense(int units[, Activation activation])", new[] { ("Slope", "float", "double", "0.1"), ("L2", "float", "double", "0.5") }),
        ("Conv2D", "int filters, int kernel, Activation activation", "2, 3, Activation.ReLU", "Conv2D(int filters, int kernel[, Activation activation])", new[] { ("Stride", "int", "long", "2L"), ("Padding", "Padding", "int", "1"), ("Slope", "float", "double", "0.1"), ("L2", "float", "double", "0.5") }),
        ("MaxPool2D", "int poolSize", "2", "MaxPool2D(int poolSize)", new[] { ("Stride", "int", "double", "2.0"), ("Padding", "Padding", "Dendrite.Activation", "Dendrite.Activation.ReLU") }),
        ("Flatten", "", "", "Flatten", System.Array.Empty<(string, string, string, string)>()),
    };

    /// <summary>Ways a look-alike constructor can differ: its parameters, the arguments given, and the found text.</summary>
    private static readonly (string What, string Parameters, string Arguments, string Found)[] ConstructorMismatches =
    {
        ("no arguments", "", "", ""),
        ("string", "string value", "\"x\"", "string"),
        ("long", "long value", "1L", "long"),
        ("double", "double value", "2.5", "double"),
        ("enum of another type", "Other value", "Other.A", "Dendrite.Other"),
        ("array", "params int[] values", "1, 2", "int[]"),
        ("too many arguments", "int a, int b, int c, int d", "1, 2, 3, 4", "int, int, int, int"),
    };

    public static TheoryData<string, string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var attribute in Attributes)
        {
            foreach (var mismatch in ConstructorMismatches)
            {
                if (mismatch.Parameters.Length == 0 && attribute.GoodParameters.Length == 0)
                {
                    continue; // [Network] and [Flatten] take no arguments: "no arguments" is their good form
                }

                string arguments = mismatch.Arguments.Length == 0 ? string.Empty : "(" + mismatch.Arguments + ")";
                data.Add(attribute.Name + ", " + mismatch.What, LookAlike(attribute.Name, mismatch.Parameters, string.Empty), attribute.Name + arguments, "found Dendrite." + attribute.Name + "Attribute(" + mismatch.Found + ")", attribute.Name + arguments);
            }

            string good = attribute.GoodArguments.Length == 0 ? string.Empty : attribute.GoodArguments;
            foreach (var property in attribute.Properties)
            {
                string declaration = LookAlike(attribute.Name, attribute.GoodParameters, "public " + property.WrongType + " " + property.Name + " { get; set; }");
                data.Add(attribute.Name + ", " + property.Name + " of the wrong type", declaration, attribute.Name + "(" + Join(good, property.Name + " = " + property.WrongValue) + ")", "with " + property.Name + " of type " + property.WrongType, property.Name + " = " + property.WrongValue);
            }

            string unknown = LookAlike(attribute.Name, attribute.GoodParameters, "public int Dropout { get; set; }");
            data.Add(attribute.Name + ", unknown named argument", unknown, attribute.Name + "(" + Join(good, "Dropout = 1") + ")", "with the named argument Dropout (int)", "Dropout = 1");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_look_alike_attribute_gives_DN0014_naming_the_expected_and_found_signature(string what, string lookAlike, string usage, string found, string on)
    {
        string name = what.Substring(0, what.IndexOf(',', StringComparison.Ordinal));
        string source = "using Dendrite;\n" + lookAlike + "\n" + Network(name, usage);
        GeneratorRun run = GeneratorHarness.Run(source);

        Assert.True(run.Exceptions.Count == 0, what + ": the generator threw " + string.Join("\n", run.Exceptions));
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("DN0014", diagnostic.Id);
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        string expected = Attributes.Single(a => a.Name == name).Usage;
        Assert.Contains("[" + name + "] on 'Net' does not match Dendrite's " + name + "Attribute: expected " + expected, message, StringComparison.Ordinal);
        Assert.Contains(found, message, StringComparison.Ordinal);

        // On the attribute, or on the named argument that does not fit.
        int at = source.IndexOf(on, source.IndexOf("[" + usage + "]", StringComparison.Ordinal), StringComparison.Ordinal);
        TextSpan span = new(at, on.Length);
        Assert.True(span == diagnostic.Location.SourceSpan, what + ": expected the diagnostic on '" + source.Substring(span.Start, span.Length) + "', found it on '" + source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length) + "'");
        run.AssertOnlyStubsGenerated();
    }

    /// <summary>A user-declared Dendrite.{Name}Attribute with the given constructor parameters and members.</summary>
    private static string LookAlike(string name, string parameters, string members) =>
        "namespace Dendrite { public enum Other { A = 1 } [System.AttributeUsage(System.AttributeTargets.Class, AllowMultiple = true)] public sealed class "
        + name + "Attribute : System.Attribute { public " + name + "Attribute(" + parameters + ") { } " + members + " } }";

    /// <summary>A valid image network whose one use of <paramref name="name"/> is replaced by <paramref name="usage"/>.</summary>
    private static string Network(string name, string usage)
    {
        var attributes = new List<string> { "Network", "Input(4, 4, 1)", "Conv2D(2, 3, Activation.ReLU)", "MaxPool2D(2)", "Flatten", "Dense(1)" };
        int index = attributes.FindIndex(a => a == name || a.StartsWith(name + "(", StringComparison.Ordinal));
        attributes[index] = usage;
        return string.Concat(attributes.Select(a => "[" + a + "]\n")) + "public partial class Net;\n";
    }

    private static string Join(string first, string second) => first.Length == 0 ? second : first + ", " + second;
}
