using System.Text;
using System.Threading;
using Dendrite.Generator.Weights.Format;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Dendrite.Generator.Weights;

/// <summary>
/// Reads a weights file given as an AdditionalFiles item. The compiler hands additional files over as decoded
/// text (UTF-8 when the bytes happen to be valid UTF-8, otherwise a single-byte fallback encoding), so the bytes are
/// recovered by encoding the text again with the encoding it was decoded with; both paths are lossless for
/// binary data. The file's own CRC-32 then proves that the recovered bytes are exactly the saved ones.
/// </summary>
internal static class AdditionalWeightsReader
{
    public static WeightsFileData Read(AdditionalText file, CancellationToken cancellationToken)
    {
        SourceText? text = file.GetText(cancellationToken);
        if (text is null)
        {
            return new WeightsFileData(file.Path, new byte[0], WeightsProblem.Truncated, "the compiler could not read it as text (binary AdditionalFiles reach generators only through the Base64 copy that Dendrite.targets makes of files ending in .weights)", null);
        }

        byte[] bytes;
        try
        {
            bytes = IsBase64Copy(file.Path)
                ? System.Convert.FromBase64String(text.ToString().Trim())
                : (text.Encoding ?? Latin1).GetBytes(text.ToString());
        }
        catch (System.Exception exception) when (exception is EncoderFallbackException or System.FormatException)
        {
            return new WeightsFileData(file.Path, new byte[0], WeightsProblem.Corrupt, "its bytes could not be recovered from the compiler's text (" + exception.Message + ")", null);
        }

        cancellationToken.ThrowIfCancellationRequested();
        WeightsProblem problem = WeightsFormat.TryRead(bytes, bytes.Length, out WeightsContent? content, out string reason);
        return new WeightsFileData(file.Path, bytes, problem, reason, content);
    }

    /// <summary>
    /// True when <paramref name="path"/> is the file <paramref name="name"/> names: the same file name, or a path
    /// ending in it, or the Base64 copy build/Dendrite.targets makes of it ("name.weights.base64").
    /// </summary>
    public static bool Matches(string path, string name)
    {
        string normalizedPath = path.Replace('\\', '/');
        if (IsBase64Copy(normalizedPath))
        {
            normalizedPath = normalizedPath.Substring(0, normalizedPath.Length - Base64Suffix.Length);
            int slash = normalizedPath.LastIndexOf('/');
            string fileName = normalizedPath.Substring(slash + 1);
            int nameSlash = name.Replace('\\', '/').LastIndexOf('/');
            return string.Equals(fileName, name.Substring(nameSlash + 1), System.StringComparison.OrdinalIgnoreCase);
        }

        string normalizedName = name.Replace('\\', '/').TrimStart('.', '/');
        return normalizedName.Length > 0
            && (normalizedPath == normalizedName || normalizedPath.EndsWith("/" + normalizedName, System.StringComparison.OrdinalIgnoreCase));
    }

    private const string Base64Suffix = ".base64";

    private static bool IsBase64Copy(string path) => path.EndsWith(Base64Suffix, System.StringComparison.OrdinalIgnoreCase);

    // ISO-8859-1 maps every byte to the char with the same value, so it round-trips any binary content.
    private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);
}
