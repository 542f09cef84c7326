using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Dendrite.WebTests;

/// <summary>Every kind of bad request gets a 400 naming expected and found, and the server keeps serving.</summary>
[Collection(ServerCollection.Name)]
public class BadRequestTests(ServerProcess server)
{
    // scikit-learn's first digit (a 0), 8×8 ink counts.
    private static readonly int[] Zero =
    [
        0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
        0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0,
    ];

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "wrong length", "[" + string.Join(',', Enumerable.Repeat(1, 63)) + "]", "Expected 64 numbers (8 × 8 ink counts) but found 63." },
        { "too many", "[" + string.Join(',', Enumerable.Repeat(1, 65)) + "]", "Expected 64 numbers (8 × 8 ink counts) but found 65." },
        { "a string", "[\"NaN\"" + string.Concat(Enumerable.Repeat(",1", 63)) + "]", "Expected element 0 to be a number from 0 to 16 but found a string." },
        { "NaN literal", "[NaN" + string.Concat(Enumerable.Repeat(",1", 63)) + "]", "The body is not valid JSON:" },
        { "out of range", "[1,2,17" + string.Concat(Enumerable.Repeat(",1", 61)) + "]", "Expected element 2 to be a number from 0 to 16 but found 17." },
        { "overflow", "[1e999" + string.Concat(Enumerable.Repeat(",1", 63)) + "]", "Expected element 0 to be a number from 0 to 16 but found 1e999." },
        { "negative", "[-1" + string.Concat(Enumerable.Repeat(",1", 63)) + "]", "Expected element 0 to be a number from 0 to 16 but found -1." },
        { "object", "{\"pixels\":[1,2]}", "Expected a JSON array of 64 numbers but found an object." },
        { "nested", "[[1]]", "Expected element 0 to be a number from 0 to 16 but found an array." },
        { "empty", "", "Expected a JSON array of 64 numbers but the body is empty." },
        { "truncated", "[1,2,3", "The body is not valid JSON:" },
        { "two arrays", "[" + string.Join(',', Enumerable.Repeat(1, 64)) + "][1]", "The body is not valid JSON:" },
        { "not JSON", "hello", "The body is not valid JSON:" },
    };

    [Fact]
    public async Task A_real_digit_is_predicted_with_ten_probabilities_summing_to_one()
    {
        (HttpStatusCode status, JsonElement answer) = await PostAsync(JsonSerializer.Serialize(Zero));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, answer.GetProperty("label").GetInt32());
        float[] probabilities = answer.GetProperty("probabilities").EnumerateArray().Select(p => p.GetSingle()).ToArray();
        Assert.Equal(10, probabilities.Length);
        Assert.Equal(1.0, probabilities.Sum(), 4);
        Assert.Equal(0, Array.IndexOf(probabilities, probabilities.Max()));
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_gets_400_with_a_message_and_the_server_keeps_serving(string kind, string body, string message)
    {
        (HttpStatusCode status, JsonElement answer) = await PostAsync(body);
        Assert.True(status == HttpStatusCode.BadRequest, $"{kind}: {status}");
        Assert.StartsWith(message, answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("text/plain", "Expected Content-Type application/json but found text/plain")]
    [InlineData("application/x-www-form-urlencoded", "Expected Content-Type application/json but found application/x-www-form-urlencoded")]
    [InlineData(null, "Expected Content-Type application/json but found none.")]
    public async Task A_wrong_content_type_gets_400(string? contentType, string message)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Zero)));
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using HttpResponseMessage response = await server.Client.PostAsync("api/predict", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message, (await ReadJsonAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_10_MB_body_gets_400_with_its_length_and_the_server_keeps_serving()
    {
        byte[] big = new byte[10 * 1024 * 1024];
        Array.Fill(big, (byte)' ');
        big[0] = (byte)'[';
        using var content = new ByteArrayContent(big);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await server.Client.PostAsync("api/predict", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Expected a body of at most 16384 bytes but Content-Length is 10485760.", (await ReadJsonAsync(response)).GetProperty("error").GetString());
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task A_10_MB_body_without_a_length_is_cut_off_at_the_limit()
    {
        using var content = new StreamContent(new RepeatingStream(10 * 1024 * 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/predict") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using HttpResponseMessage response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Expected a body of at most 16384 bytes but it is longer.", (await ReadJsonAsync(response)).GetProperty("error").GetString());
        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        Assert.False(server.HasExited, string.Join('\n', server.Output));
        (HttpStatusCode status, JsonElement answer) = await PostAsync(JsonSerializer.Serialize(Zero));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, answer.GetProperty("label").GetInt32());
    }

    private async Task<(HttpStatusCode Status, JsonElement Answer)> PostAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await server.Client.PostAsync("api/predict", content);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>A body of spaces after '[' whose length the client does not know (sent chunked).</summary>
    private sealed class RepeatingStream(long length) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, length - position);
            Array.Fill(buffer, (byte)' ', offset, n);
            if (position == 0 && n > 0)
            {
                buffer[offset] = (byte)'[';
            }

            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
