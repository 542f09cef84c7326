using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Dendrite.Samples.WebInference;

/// <summary>The drawing page, embedded in the binary as a resource (wwwroot/index.html).</summary>
internal static class Page
{
    public static byte[] Load()
    {
        using Stream stream = typeof(Page).Assembly.GetManifestResourceStream("index.html")
            ?? throw new InvalidDataException("The page resource 'index.html' is missing from the binary: check the EmbeddedResource item in WebInference.csproj.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static Task WriteAsync(HttpContext context, byte[] page)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = page.Length;
        return context.Response.Body.WriteAsync(page).AsTask();
    }
}
