// Compiled into the runtime and, linked, into the source generator; separate namespaces keep the two copies
// apart in projects that see both (the tests).
#if DENDRITE_GENERATOR
namespace Dendrite.Generator.Weights.Format;
#else
namespace Dendrite.Weights;
#endif

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of zip and PNG. Written here rather than
/// taken from System.IO.Hashing because this file is also compiled into the netstandard2.0 source generator,
/// which must not carry package dependencies into the compiler.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
    public static uint Compute(byte[] data, int offset, int count)
    {
        uint crc = 0xFFFFFFFFu;
        int end = offset + count;
        for (int i = offset; i < end; i++)
        {
            crc = Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
