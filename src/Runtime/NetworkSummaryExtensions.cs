using System;
using System.IO;

namespace Dendrite;

/// <summary><c>model.Summary()</c> on every generated network, as Keras' <c>model.summary()</c>.</summary>
public static class NetworkSummaryExtensions
{
    /// <summary>
    /// Prints <typeparamref name="TNetwork"/>'s <see cref="NetworkArchitecture.Summary"/> table (layers, output
    /// shapes, parameter counts, trainable and non-trainable totals) to <see cref="Console.Out"/>. For the text, to log
    /// it, use <c>TNetwork.Architecture.Summary()</c>.
    /// </summary>
    public static void Summary<TNetwork>(this TNetwork network)
        where TNetwork : class, INetwork<TNetwork>
        => Summary(network, Console.Out);

    /// <summary>Writes <typeparamref name="TNetwork"/>'s <see cref="NetworkArchitecture.Summary"/> table to <paramref name="writer"/>.</summary>
    public static void Summary<TNetwork>(this TNetwork network, TextWriter writer)
        where TNetwork : class, INetwork<TNetwork>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(TNetwork.Architecture.Summary());
        writer.Flush();
    }
}
