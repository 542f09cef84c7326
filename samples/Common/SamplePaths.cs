using System;
using System.IO;

namespace Dendrite.Samples;

/// <summary>Where a sample writes its results when no --out is given.</summary>
internal static class SamplePaths
{
    /// <summary>
    /// <c>out/</c> beside the sample's project file (found by walking up from the program, which runs from
    /// <c>bin/Release/net10.0</c>), so results stay inside the ignored <c>samples/*/out/</c>; else <c>./out</c>.
    /// </summary>
    public static string DefaultOutput(string projectName)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, projectName + ".csproj")))
            {
                return Path.Combine(dir.FullName, "out");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "out");
    }
}
