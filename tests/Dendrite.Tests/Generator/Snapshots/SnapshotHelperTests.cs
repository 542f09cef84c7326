using Xunit;
using Xunit.Sdk;

namespace Dendrite.Tests.Generator.Snapshots;

/// <summary>
/// The snapshot helper itself (with accept: false, so a DENDRITE_ACCEPT_SNAPSHOTS run cannot rewrite the fixture): a match passes and leaves no file behind; a mismatch fails with a diff and writes the received file.
/// </summary>
public class SnapshotHelperTests
{
    private const string Name = "SnapshotHelper_Fixture";

    [Fact]
    public void Match_Passes()
    {
        Snapshot.Match("line one\nline two\nline three\n", Name, accept: false);
    }

    [Fact]
    public void Mismatch_FailsWithADiffAndWritesTheReceivedFile()
    {
        string received = Path.Combine(Snapshot.SourceDirectory(), Name + ".received.cs");
        try
        {
            XunitException failure = Assert.ThrowsAny<XunitException>(() => Snapshot.Match("line one\nline 2\nline three\n", Name, accept: false));

            Assert.Contains("@@ -1,4 +1,4 @@\n line one\n-line two\n+line 2\n line three\n", failure.Message, StringComparison.Ordinal);
            Assert.Contains(Snapshot.AcceptVariable + "=1", failure.Message, StringComparison.Ordinal);
            Assert.Equal("line one\nline 2\nline three\n", File.ReadAllText(received));
        }
        finally
        {
            File.Delete(received);
        }
    }
}
