using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Dendrite.Benchmarks;

/// <summary>
/// A short but steady job (the machine is shared), medians reported, allocations measured.
/// Results are exported as CSV (read by make-table.py) and GitHub markdown.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        // In-process: the benchmarks run in this process, which loads the patched libLibTorchSharp.so from the build
        // output (an out-of-process toolchain would rebuild the project elsewhere, from the unpatched package).
        // Thread counts are set per case in [GlobalSetup]; the vector width comes from this process's environment.
        AddJob(Job.Default.WithWarmupCount(4).WithIterationCount(12).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance).WithId("InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        AddExporter(CsvExporter.Default, MarkdownExporter.GitHub);
        WithOption(ConfigOptions.JoinSummary, true);
    }
}
