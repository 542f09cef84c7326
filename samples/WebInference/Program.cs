// Serves the course's digit network (weights compiled in) over HTTP from a NativeAOT binary:
//   GET  /             the page: draw a digit on a canvas, see the ten probabilities as bars
//   POST /api/predict  a JSON array of 64 ink counts (0…16, 8×8, row by row) → {"label":…,"probabilities":[…10]}
//   GET  /healthz      "ok" once the server is up
// Every bad request gets a 400 with {"error": "…"} saying what was expected and what was found (DigitRequest);
// the server keeps serving.
//
//   dotnet publish samples/WebInference -c Release -r linux-x64 -o artifacts/web
//   artifacts/web/WebInference --urls http://127.0.0.1:5000
using System;
using System.Diagnostics;
using Dendrite.Samples.WebInference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning); // one line per start, not per request
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

WebApplication app = builder.Build();
DigitNet network = DigitNet.Pretrained;
byte[] page = Page.Load();

app.MapGet("/", (HttpContext context) => Page.WriteAsync(context, page));
app.MapGet("/healthz", () => "ok");
app.MapPost("/api/predict", (HttpContext context) => PredictEndpoint.HandleAsync(context, network));

await app.StartAsync();
// Start-up as the process sees it: from its start (the kernel's record) to listening, before any request.
double startUpMs = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
Console.WriteLine($"WebInference listening on {string.Join(", ", app.Urls)} after {startUpMs:0} ms (DigitNet 64-25-15-10, {DigitNet.ParameterCount} parameters compiled in)");
await app.WaitForShutdownAsync();
