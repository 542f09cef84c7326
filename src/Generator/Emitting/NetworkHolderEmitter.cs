namespace Dendrite.Generator.Emitting;

/// <summary>
/// The nested classes that carry a network to other threads (<c>PredictShards</c>, <c>FirstLayerParts</c>,
/// <c>StepShards</c>) hold it the same way: a read-only field and a plain constructor, not a primary one, so that the
/// generated code compiles as C# 11 (see StepPlumbingEmitter.WriteShards).
/// </summary>
internal static class NetworkHolderEmitter
{
    /// <summary>"private readonly Net network;" and the constructor of <paramref name="className"/> that sets it.</summary>
    public static void Write(CodeWriter w, string className, string networkName)
    {
        w.Line("private readonly " + networkName + " network;");
        w.Line();
        w.Open("public " + className + "(" + networkName + " network)");
        w.Line("this.network = network;");
        w.Close();
        w.Line();
    }
}
