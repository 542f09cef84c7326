using System;
using System.Buffers;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Dendrite.Samples.WebInference;

/// <summary>The two JSON answers, written with Utf8JsonWriter (no reflection, so nothing for the AOT trimmer to lose).</summary>
internal static class Json
{
    /// <summary><c>{"label":3,"probabilities":[…]}</c>.</summary>
    public static byte[] Prediction(int label, ReadOnlySpan<float> probabilities)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteNumber("label", label);
            writer.WriteStartArray("probabilities");
            foreach (float p in probabilities)
            {
                writer.WriteNumberValue(p);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>A 400 with <c>{"error":"…"}</c>.</summary>
    public static Task WriteErrorAsync(HttpContext context, string message)
    {
        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        }

        return WriteAsync(context, StatusCodes.Status400BadRequest, output.WrittenSpan.ToArray());
    }

    public static Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
