using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace Dendrite.Tests.Generator.Snapshots;

/// <summary>
/// Snapshot assertions for generated code (what Verify.SourceGenerators does, which this registry lacks).
/// The expected text lives beside the calling test file as <c>&lt;name&gt;.verified.cs</c>. On a mismatch the
/// test fails with a line diff and writes <c>&lt;name&gt;.received.cs</c> beside it (git-ignored), so the two
/// files can be compared with any diff tool. Setting <c>DENDRITE_ACCEPT_SNAPSHOTS=1</c> rewrites the verified
/// files instead of failing: run once, then review the change with <c>git diff</c>.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "DENDRITE_ACCEPT_SNAPSHOTS";

    /// <summary>Lines of the diff shown in a failure message; the received file holds the rest.</summary>
    private const int MaxDiffLines = 80;

    public static void Match(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        string directory = Path.GetDirectoryName(ResolveSourcePath(callerFile))!;
        string verifiedPath = Path.Combine(directory, name + ".verified.cs");
        string receivedPath = Path.Combine(directory, name + ".received.cs");

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            File.WriteAllText(receivedPath, actual);
            throw new XunitException(
                "No snapshot " + verifiedPath + " yet. The generated text was written to " + receivedPath +
                "; review it and run the tests with " + AcceptVariable + "=1 to accept it.");
        }

        // Git may check the snapshot out with CRLF on Windows; the generator always writes "\n".
        string expected = File.ReadAllText(verifiedPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        throw new XunitException(
            "Generated code differs from " + verifiedPath + " (received text written to " + receivedPath + ").\n" +
            "If the change is intended, run the tests with " + AcceptVariable + "=1 and review 'git diff'.\n\n" +
            LineDiff.Format(expected, actual, "verified", "received", MaxDiffLines));
    }

    /// <summary>
    /// [CallerFilePath] is the path the compiler saw. A CI build maps it to "/_/..." (deterministic paths), so
    /// when it does not exist, find the same relative path under the repository root above the test binaries.
    /// </summary>
    private static string ResolveSourcePath(string callerFile)
    {
        if (File.Exists(callerFile))
        {
            return callerFile;
        }

        string relative = callerFile.Replace('\\', '/');
        if (relative.StartsWith("/_/", StringComparison.Ordinal))
        {
            relative = relative.Substring(3);
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new XunitException("Cannot find the test source file '" + callerFile + "' to locate its snapshots.");
    }
}
