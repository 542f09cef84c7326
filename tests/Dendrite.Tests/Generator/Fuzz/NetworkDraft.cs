using System.Text;

namespace Dendrite.Tests.Generator.Fuzz;

/// <summary>
/// One argument of an attribute as C# text: constructor arguments carry their parameter name (so they can be
/// written named), properties carry the property name.
/// </summary>
internal sealed record DraftArgument(string Name, string Value);

/// <summary>
/// One attribute of a network declaration, kept as parts rather than text so that a mutation can change one
/// argument, and rendered in one of several equivalent spellings (positional or named arguments, short or
/// qualified name, with or without the Attribute suffix) chosen when it was drawn.
/// </summary>
internal sealed class AttributeDraft(string kind, int style)
{
    public string Kind { get; set; } = kind;

    public List<DraftArgument> Arguments { get; } = new();

    public List<DraftArgument> Properties { get; } = new();

    /// <summary>Random bits fixing the spelling: 1 named arguments, 2 reversed named arguments, 4/8 the name's form, 16 empty parentheses.</summary>
    public int Style { get; set; } = style;

    public AttributeDraft With(string name, string value)
    {
        Arguments.Add(new DraftArgument(name, value));
        return this;
    }

    public AttributeDraft Set(string property, string value)
    {
        Properties.Add(new DraftArgument(property, value));
        return this;
    }

    /// <summary>Replaces the value of a constructor argument or property, adding the property if it was not set.</summary>
    public void Replace(string name, string value)
    {
        int index = Arguments.FindIndex(a => a.Name == name);
        if (index >= 0)
        {
            Arguments[index] = new DraftArgument(name, value);
            return;
        }

        Properties.RemoveAll(p => p.Name == name);
        Properties.Add(new DraftArgument(name, value));
    }

    public string? Value(string name) =>
        Arguments.Concat(Properties).FirstOrDefault(a => a.Name == name)?.Value;

    public string Render()
    {
        string name = (Style >> 2 & 3) switch
        {
            0 => Kind,
            1 => "global::Dendrite." + Kind,
            2 => Kind + "Attribute",
            _ => "global::Dendrite." + Kind + "Attribute",
        };

        // Named constructor arguments may come in any order once all of them are named.
        IEnumerable<string> arguments = (Style & 1) != 0
            ? ((Style & 2) != 0 ? Arguments.AsEnumerable().Reverse() : Arguments).Select(a => a.Name + ": " + a.Value)
            : Arguments.Select(a => a.Value);
        string[] all = arguments.Concat(Properties.Select(p => p.Name + " = " + p.Value)).ToArray();
        if (all.Length == 0)
        {
            return (Style & 16) != 0 ? name + "()" : name;
        }

        return name + "(" + string.Join(", ", all) + ")";
    }

    public AttributeDraft Clone()
    {
        var copy = new AttributeDraft(Kind, Style);
        copy.Arguments.AddRange(Arguments);
        copy.Properties.AddRange(Properties);
        return copy;
    }
}

/// <summary>
/// A [Network] declaration as parts: its attributes in source order (the [Network] attribute among them) and the
/// class modifiers. What a fuzz unit places, nests and names.
/// </summary>
internal sealed class NetworkDraft
{
    public List<AttributeDraft> Attributes { get; } = new();

    public string Modifiers { get; set; } = "partial";

    /// <summary>Put every attribute into one list, [Network, Input(4), Dense(1)], instead of one list each.</summary>
    public bool OneAttributeList { get; set; }

    /// <summary>Write the class with an empty body, { }, instead of the C# 12 semicolon form.</summary>
    public bool BraceBody { get; set; }

    /// <summary>The input's shape as drawn (height, width, channels; a flat input is 1 × 1 × n, IsImage false).</summary>
    public (int Height, int Width, int Channels, bool IsImage) Input { get; set; }

    /// <summary>What was drawn, in words, for failure messages: "image 5×4×2 → Conv2D ... | Loss.BinaryCrossentropy".</summary>
    public string Summary { get; set; } = string.Empty;

    /// <summary>Declare the class without 'partial' (FuzzLayout picks the other modifiers).</summary>
    public bool WithoutPartial { get; set; }

    /// <summary>For a mutated draft: which mutation made it invalid.</summary>
    public string? Mutation { get; set; }

    public int IndexOf(string kind) => Attributes.FindIndex(a => a.Kind == kind);

    public IEnumerable<int> LayerIndices() =>
        Enumerable.Range(0, Attributes.Count).Where(i => Attributes[i].Kind is not ("Network" or "Input"));

    public string Render(string name, string indent)
    {
        var text = new StringBuilder();
        if (OneAttributeList && Attributes.Count > 0)
        {
            text.Append(indent).Append('[').Append(string.Join(", ", Attributes.Select(a => a.Render()))).Append("]\n");
        }
        else
        {
            foreach (AttributeDraft attribute in Attributes)
            {
                text.Append(indent).Append('[').Append(attribute.Render()).Append("]\n");
            }
        }

        text.Append(indent).Append(Modifiers).Append(Modifiers.Length > 0 ? " " : string.Empty).Append("class ").Append(name).Append(BraceBody ? " { }\n" : ";\n");
        return text.ToString();
    }

    public NetworkDraft Clone()
    {
        var copy = new NetworkDraft { Modifiers = Modifiers, OneAttributeList = OneAttributeList, BraceBody = BraceBody, WithoutPartial = WithoutPartial, Input = Input, Summary = Summary, Mutation = Mutation };
        copy.Attributes.AddRange(Attributes.Select(a => a.Clone()));
        return copy;
    }
}
