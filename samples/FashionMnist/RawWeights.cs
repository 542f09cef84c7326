using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Dendrite.Samples.FashionMnist;

/// <summary>
/// Saves a network's parameters as raw little-endian floats, in the order of <c>Parameters</c>. A stand-in
/// until the runtime's weights file format (with a header and checks) lands: only this class changes then.
/// </summary>
internal static class RawWeights
{
    /// <summary>Writes <paramref name="parameters"/> to <paramref name="path"/>, replacing the file only once the new one is complete.</summary>
    public static void Save(string path, ReadOnlySpan<float> parameters)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The raw weights dump is little-endian only.");
        }

        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            file.Write(MemoryMarshal.AsBytes(parameters));
        }

        File.Move(temporary, path, overwrite: true);
    }
}
