using System;
using System.Buffers;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Dendrite.Samples.WebInference;

/// <summary>
/// POST /api/predict: checks the content type and size, reads at most <see cref="MaxBodyBytes"/> of body, parses it
/// (<see cref="DigitRequest"/>), runs <c>DigitNet.Predict</c> (thread-safe, allocation-free) and answers the label
/// and the softmax probabilities. Every refusal is a 400 with a JSON message.
/// </summary>
internal static class PredictEndpoint
{
    /// <summary>
    /// The largest body read: 64 numbers written as floats with 17 significant digits and spaces fit in well under
    /// 4 KiB; anything longer is refused without reading it all.
    /// </summary>
    public const int MaxBodyBytes = 16 * 1024;

    public static async Task HandleAsync(HttpContext context, DigitNet network)
    {
        HttpRequest request = context.Request;
        if (!IsJson(request.ContentType))
        {
            await Json.WriteErrorAsync(context, $"Expected Content-Type application/json but found {(string.IsNullOrEmpty(request.ContentType) ? "none" : request.ContentType)}.");
            return;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            await Json.WriteErrorAsync(context, $"Expected a body of at most {MaxBodyBytes} bytes but Content-Length is {request.ContentLength}.");
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            int length = 0;
            while (length <= MaxBodyBytes)
            {
                int read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), context.RequestAborted);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > MaxBodyBytes)
            {
                await Json.WriteErrorAsync(context, $"Expected a body of at most {MaxBodyBytes} bytes but it is longer.");
                return;
            }

            byte[] response = Predict(buffer.AsSpan(0, length), network, out string? error);
            if (error is not null)
            {
                await Json.WriteErrorAsync(context, error);
                return;
            }

            await Json.WriteAsync(context, StatusCodes.Status200OK, response);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Predict(ReadOnlySpan<byte> body, DigitNet network, out string? error)
    {
        Span<float> features = stackalloc float[DigitRequest.Length];
        error = DigitRequest.TryParse(body, features);
        if (error is not null)
        {
            return [];
        }

        Span<float> probabilities = stackalloc float[DigitNet.OutputSize];
        network.PredictProbabilities(features, probabilities); // softmax of the logits
        return Json.Prediction(Activations.ArgMax(probabilities), probabilities);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? type)
        && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
