using System;
using System.Globalization;
using System.Text.Json;

namespace Dendrite.Samples.WebInference;

/// <summary>
/// Reads a prediction request's body: a JSON array of exactly 64 numbers, each an ink count from 0 to 16 (row by
/// row, top left first). Anything else is refused with a message that says what was expected and what was found;
/// nothing here throws on hostile input (WebInference tests send each kind of bad body).
/// </summary>
internal static class DigitRequest
{
    /// <summary>Values per digit: 8 × 8 blocks.</summary>
    public const int Length = 64;

    /// <summary>The largest ink count: a 4×4 block with every pixel inked.</summary>
    public const double MaxInk = 16;

    /// <summary>
    /// Parses <paramref name="body"/> into <paramref name="features"/> (scaled to [0, 1] as the network was trained).
    /// Returns null on success, else the reason the body was refused.
    /// </summary>
    public static string? TryParse(ReadOnlySpan<byte> body, Span<float> features)
    {
        if (body.IsEmpty)
        {
            return "Expected a JSON array of 64 numbers but the body is empty.";
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read())
            {
                return "Expected a JSON array of 64 numbers but the body is empty.";
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return $"Expected a JSON array of 64 numbers but found {Describe(reader.TokenType)}.";
            }

            int count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.Number)
                {
                    return Invariant($"Expected element {count} to be a number from 0 to 16 but found {Describe(reader.TokenType)}.");
                }

                if (!reader.TryGetDouble(out double value) || !double.IsFinite(value) || value < 0 || value > MaxInk)
                {
                    return Invariant($"Expected element {count} to be a number from 0 to 16 but found {Number(reader)}.");
                }

                if (count < Length)
                {
                    features[count] = (float)(value / MaxInk);
                }

                count++;
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                return "The body is not valid JSON: the array is not closed.";
            }

            if (reader.Read())
            {
                return "Expected one JSON array but found more after it.";
            }

            return count == Length ? null : Invariant($"Expected 64 numbers (8 × 8 ink counts) but found {count}.");
        }
        catch (JsonException e)
        {
            return "The body is not valid JSON: " + e.Message;
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.Number => "a number",
        _ => token.ToString(),
    };

    private static string Number(Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> raw = reader.ValueSpan;
        string text = System.Text.Encoding.UTF8.GetString(raw.Length > 40 ? raw[..40] : raw);
        return raw.Length > 40 ? text + "…" : text;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
