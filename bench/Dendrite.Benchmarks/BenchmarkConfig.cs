using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using Perfolizer.Metrology;

namespace Dendrite.Benchmarks;

/// <summary>
/// A short but steady job (the machine is shared), medians reported, allocations measured. Exports a CSV with
/// plain numbers (ns, bytes) for make-table.py, and a GitHub markdown report for reading.
/// </summary>
public static class BenchmarkConfig
{
    public static IConfig Create()
    {
        var csvStyle = new SummaryStyle(CultureInfo.InvariantCulture, printUnitsInHeader: true, sizeUnit: SizeUnit.B, timeUnit: TimeUnit.Nanosecond, printUnitsInContent: false);
        return ManualConfig.CreateMinimumViable()

            // In-process: the benchmarks run in this process, which loads the patched libLibTorchSharp.so from the
            // build output (an out-of-process toolchain would rebuild the project elsewhere, from the unpatched
            // package). Thread counts are set per case in [GlobalSetup]; the vector width comes from this
            // process's environment (DOTNET_MaxVectorTBitWidth).
            .AddJob(Job.Default.WithWarmupCount(4).WithIterationCount(15).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance).WithId("InProcess"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
            .AddExporter(new CsvExporter(CsvSeparator.Comma, csvStyle), MarkdownExporter.GitHub)
            .WithOption(ConfigOptions.JoinSummary, true);
    }
}
