using Dendrite.Generator.Model;

namespace Dendrite.Generator.Emitting;

/// <summary>
/// Save and Load members: thin, typed entry points into Dendrite.WeightsFile, which owns the file format and
/// every check. Load builds the network only after the whole file has been validated.
/// </summary>
internal static class WeightsFileEmitter
{
    public static void Write(CodeWriter w, NetworkPlan plan)
    {
        string name = CodeWriter.Identifier(plan.Spec.ClassName);
        w.Line("// ───────────────────────────── Weights files ─────────────────────────────");
        w.Line();
        w.Summary("Saves the parameters to <paramref name=\"path\"/> in the Dendrite weights format, atomically (a failure never leaves a half-written file).");
        w.Line("/// <param name=\"path\">The file to create or replace.</param>");
        w.Line("public void Save(string path) => global::Dendrite.WeightsFile.Save(this, path);");
        w.Line();
        w.Summary("Writes the parameters to <paramref name=\"stream\"/> in the Dendrite weights format.");
        w.Line("/// <param name=\"stream\">Where to write, from its current position.</param>");
        w.Line("public void Save(global::System.IO.Stream stream) => global::Dendrite.WeightsFile.Save(this, stream);");
        w.Line();
        w.Summary("Loads a network saved by <see cref=\"Save(string)\"/>; an <see cref=\"global::System.IO.InvalidDataException\"/> says why a file is refused.");
        w.Line("/// <param name=\"path\">A weights file saved from a network with this architecture.</param>");
        w.Line("public static " + name + " Load(string path) => new(global::Dendrite.WeightsFile.ReadParameters<" + name + ">(path));");
        w.Line();
        w.Summary("Loads a network from a weights file read from <paramref name=\"stream\"/> to its end; refusals as <see cref=\"Load(string)\"/>.");
        w.Line("/// <param name=\"stream\">A stream positioned at the start of a weights file.</param>");
        w.Line("public static " + name + " Load(global::System.IO.Stream stream) => new(global::Dendrite.WeightsFile.ReadParameters<" + name + ">(stream));");
        w.Line();
        w.Comment("Builds a network from parameters that were already checked; skips the random initialisation.");
        w.Open("private " + name + "(global::System.ReadOnlySpan<float> parameters)");
        w.Line("parameters.CopyTo(_parameters);");
        w.Close();
        w.Line();
    }
}
