using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Dendrite.WebTests;

/// <summary>
/// Starts the published WebInference binary (path in DENDRITE_WEB_SERVER) on a free loopback port, waits until
/// /healthz answers, and stops that process (by its id) when disposed. Shared by every test class in the run.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    public const string BinaryVariable = "DENDRITE_WEB_SERVER";

    private readonly Process process;

    public ServerProcess()
    {
        string? binary = Environment.GetEnvironmentVariable(BinaryVariable);
        if (string.IsNullOrEmpty(binary) || !File.Exists(binary))
        {
            throw new InvalidOperationException(
                $"{BinaryVariable} must name the published WebInference binary but is '{binary ?? "(not set)"}'. " +
                "Run samples/WebInference/browser-test.sh, which publishes it and runs these tests.");
        }

        int port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var clock = Stopwatch.StartNew();
        process = Process.Start(new ProcessStartInfo(binary, ["--urls", BaseAddress.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {binary}.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (Output) { Output.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (Output) { Output.Add(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}: {string.Join('\n', Output)}");
            }

            try
            {
                if (Client.GetStringAsync("healthz").GetAwaiter().GetResult() == "ok")
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"The server did not answer /healthz within 30 s: {string.Join('\n', Output)}");
            }

            Thread.Sleep(5);
        }

        StartUp = clock.Elapsed;
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>From Process.Start to the first successful /healthz.</summary>
    public TimeSpan StartUp { get; }

    public List<string> Output { get; } = [];

    public bool HasExited => process.HasExited;

    public void Dispose()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerProcess>, ICollectionFixture<Chromium>
{
    public const string Name = "WebInference server";
}
