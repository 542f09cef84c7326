using System.Globalization;
using System.Reflection;
using Dendrite.Data;
using Xunit;

namespace Dendrite.Tests.Runtime;

/// <summary>
/// Every hyper-parameter and option that feeds training is checked where it is set (a property setter or
/// <c>init</c>, or a constructor argument), so a bad value can never reach the weights: it throws
/// <see cref="ArgumentOutOfRangeException"/> naming the property, the allowed range and the value.
/// </summary>
[Collection(nameof(Dendrite.Tests.Kernels.ThreadSettingCollection))] // it sets Parallelism.DefaultMaxThreads
public class HyperParameterValidationTests
{
    private static readonly double[] NotPositiveFinite = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -0.0, -0.01, -1e30];
    private static readonly double[] NotADecay = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.1, 1, 1.5];
    private static readonly double[] NotAFraction = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.1, -1e-7, 1, 2];

    /// <summary>
    /// Each settable value: the name the exception carries, the range its message states, how to set it (returning
    /// the value read back), and values outside and inside the range.
    /// </summary>
    private static readonly Dictionary<string, Setting> Settings = new()
    {
        ["Adam.LearningRate"] = new("LearningRate", "(0, ∞)", Kind.Float, v => new Adam { LearningRate = (float)v }.LearningRate, NotPositiveFinite, [1e-30, 0.001, 1e30]),
        ["Sgd.LearningRate"] = new("LearningRate", "(0, ∞)", Kind.Float, v => new Sgd { LearningRate = (float)v }.LearningRate, NotPositiveFinite, [1e-30, 0.01, 1e38]),
        ["new Adam(learningRate)"] = new("learningRate", "(0, ∞)", Kind.Float, v => new Adam(learningRate: (float)v).LearningRate, NotPositiveFinite, [0.5]),
        ["new Adam(beta1)"] = new("beta1", "[0, 1)", Kind.Float, v => new Adam(beta1: (float)v).Beta1, NotADecay, [0, 0.9, 0.99999]),
        ["new Adam(beta2)"] = new("beta2", "[0, 1)", Kind.Float, v => new Adam(beta2: (float)v).Beta2, NotADecay, [0, 0.999]),
        ["new Adam(epsilon)"] = new("epsilon", "(0, ∞)", Kind.Float, v => new Adam(epsilon: (float)v).Epsilon, NotPositiveFinite, [1e-7, 1]),
        ["new Sgd(learningRate)"] = new("learningRate", "(0, ∞)", Kind.Float, v => new Sgd(learningRate: (float)v).LearningRate, NotPositiveFinite, [0.1]),
        ["new Sgd(momentum)"] = new("momentum", "[0, 1)", Kind.Float, v => new Sgd(momentum: (float)v).Momentum, NotADecay, [0, 0.9]),
        ["Optimizer.GlobalClipNorm"] = new("GlobalClipNorm", "(0, ∞)", Kind.Float, v => new Adam { GlobalClipNorm = (float)v }.GlobalClipNorm!.Value, NotPositiveFinite, [1e-30, 1, 1e38]),
        ["Optimizer.ClipValue"] = new("ClipValue", "(0, ∞)", Kind.Float, v => new Sgd { ClipValue = (float)v }.ClipValue!.Value, NotPositiveFinite, [1e-30, 0.5, 1e38]),
        ["new AdamW(weightDecay)"] = new("weightDecay", "[0, ∞)", Kind.Float, v => new AdamW(weightDecay: (float)v).WeightDecay, [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.01], [0, 0.004, 10]),
        ["new AdamW(beta1)"] = new("beta1", "[0, 1)", Kind.Float, v => new AdamW(beta1: (float)v).Beta1, NotADecay, [0, 0.9]),
        ["new AdamW(beta2)"] = new("beta2", "[0, 1)", Kind.Float, v => new AdamW(beta2: (float)v).Beta2, NotADecay, [0, 0.999]),
        ["new AdamW(epsilon)"] = new("epsilon", "(0, ∞)", Kind.Float, v => new AdamW(epsilon: (float)v).Epsilon, NotPositiveFinite, [1e-7, 1]),
        ["new RmsProp(rho)"] = new("rho", "[0, 1)", Kind.Float, v => new RmsProp(rho: (float)v).Rho, NotADecay, [0, 0.9]),
        ["new RmsProp(momentum)"] = new("momentum", "[0, 1)", Kind.Float, v => new RmsProp(momentum: (float)v).Momentum, NotADecay, [0, 0.9]),
        ["new RmsProp(epsilon)"] = new("epsilon", "(0, ∞)", Kind.Float, v => new RmsProp(epsilon: (float)v).Epsilon, NotPositiveFinite, [1e-7, 1]),
        ["ReduceLearningRateOnPlateau.Factor"] = new("Factor", "(0, 1)", Kind.Float, v => new ReduceLearningRateOnPlateau { Factor = (float)v }.Factor, [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0, -0.5, 1, 2], [1e-30, 0.1, 0.99]),
        ["ReduceLearningRateOnPlateau.Patience"] = new("Patience", "[0, ∞)", Kind.Int, v => new ReduceLearningRateOnPlateau { Patience = (int)v }.Patience, [-1, int.MinValue], [0, 10]),
        ["ReduceLearningRateOnPlateau.Cooldown"] = new("Cooldown", "[0, ∞)", Kind.Int, v => new ReduceLearningRateOnPlateau { Cooldown = (int)v }.Cooldown, [-1, int.MinValue], [0, 3]),
        ["ReduceLearningRateOnPlateau.MinDelta"] = new("MinDelta", "[0, ∞)", Kind.Double, v => new ReduceLearningRateOnPlateau { MinDelta = v }.MinDelta, [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1e-9], [0, 1e-4]),
        ["ReduceLearningRateOnPlateau.MinLearningRate"] = new("MinLearningRate", "[0, ∞)", Kind.Float, v => new ReduceLearningRateOnPlateau { MinLearningRate = (float)v }.MinLearningRate, [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.01], [0, 1e-6]),
        ["ReduceLearningRateOnPlateau.Monitor"] = new("Monitor", "one of Loss, Accuracy, ValidationLoss, ValidationAccuracy", Kind.Enum, v => (int)new ReduceLearningRateOnPlateau { Monitor = (Metric)(int)v }.Monitor, [-1, 4], [0, 3]),
        ["FitOptions.Epochs"] = new("Epochs", "[0, ∞)", Kind.Int, v => new FitOptions { Epochs = (int)v }.Epochs, [-1, int.MinValue], [0, 1, 1000]),
        ["FitOptions.BatchSize"] = new("BatchSize", "[1, ∞)", Kind.Int, v => new FitOptions { BatchSize = (int)v }.BatchSize, [0, -1, int.MinValue], [1, 32, int.MaxValue]),
        ["FitOptions.ValidationSplit"] = new("ValidationSplit", "[0, 1)", Kind.Float, v => new FitOptions { ValidationSplit = (float)v }.ValidationSplit, NotAFraction, [0, 0.2, 0.99]),
        ["FitOptions.Verbosity"] = new("Verbosity", "one of Silent, ProgressBar, EpochLines", Kind.Enum, v => (int)new FitOptions { Verbosity = (Verbosity)(int)v }.Verbosity, [-1, 3, 99], [0, 1, 2]),
        ["EarlyStopping.Patience"] = new("Patience", "[0, ∞)", Kind.Int, v => new EarlyStopping { Patience = (int)v }.Patience, [-1, int.MinValue], [0, 5]),
        ["EarlyStopping.MinDelta"] = new("MinDelta", "[0, ∞)", Kind.Double, v => new EarlyStopping { MinDelta = v }.MinDelta, [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1e-9], [0, 1e-4, 10]),
        ["EarlyStopping.Monitor"] = new("Monitor", "one of Loss, Accuracy, ValidationLoss, ValidationAccuracy", Kind.Enum, v => (int)new EarlyStopping { Monitor = (Metric)(int)v }.Monitor, [-1, 4], [0, 3]),
        ["CsvOptions.Delimiter"] = new("Delimiter", "a character that cannot appear in a number or end a line", Kind.Char, v => new CsvOptions { Delimiter = (char)(int)v }.Delimiter, ['0', '7', '.', '-', '+', 'e', 'E', '\n', '\r'], [',', ';', '\t', ' ', '|']),
        ["ModelCheckpoint`1.Monitor"] = new("Monitor", "one of Loss, Accuracy, ValidationLoss, ValidationAccuracy", Kind.Enum, v => (int)new ModelCheckpoint<Dendrite.Tests.Networks.SineRegressor>(new Dendrite.Tests.Networks.SineRegressor(seed: 1), "x.weights") { Monitor = (Metric)(int)v }.Monitor, [-1, 4], [0, 3]),
        ["new CsvLogger(separator)"] = new("separator", "a character that cannot appear in a number, a column name or end a line", Kind.Char, v => new CsvLogger("log.csv", separator: (char)(int)v).Separator, ['0', '7', 'a', 'N', '.', '-', '+', '_', '"', '\n', '\r'], [',', ';', '\t', ' ', '|']),
        ["Parallelism.DefaultMaxThreads"] = new("DefaultMaxThreads", "[1, ∞)", Kind.Int, SetDefaultMaxThreads, [0, -1, int.MinValue], [1, 2]),
        ["FitOptions.MaxThreads"] = new("MaxThreads", "[1, ∞)", Kind.Int, v => new FitOptions { MaxThreads = (int)v }.MaxThreads!.Value, [0, -1, int.MinValue], [1, 2, int.MaxValue]),
        ["new TrainingSession(maxThreads)"] = new("maxThreads", "[1, ∞)", Kind.Int, NewSessionMaxThreads, [0, -1, int.MinValue], [1, 2, int.MaxValue]),
    };

    /// <summary>Writable properties whose every value is valid (flags, seeds, objects checked when they are used).</summary>
    private static readonly HashSet<string> AnyValueIsValid =
    [
        "FitOptions.Optimizer", "FitOptions.ValidationData", "FitOptions.Shuffle", "FitOptions.Seed", "FitOptions.StopOnNonFinite",
        "FitOptions.CancellationToken", "FitOptions.Callbacks", "FitOptions.EarlyStopping", "EarlyStopping.RestoreBestWeights", "CsvOptions.HasHeader",
        "CsvOptions.AllowNonFiniteValues", "ModelCheckpoint`1.SaveBestOnly", "Optimizer.Schedule",
    ];

    /// <summary>
    /// Records whose positional properties describe results or a declared architecture (written by Fit, the readers
    /// or generated code), not settings a caller chooses for training.
    /// </summary>
    private static readonly HashSet<string> NotSettings =
        ["EpochResult", "EvaluationResult", "TrainingPlan", "TrainingContext", "BatchProgress", "LayerInfo", "TensorShape", "IdxDatasetFiles"];

    public static TheoryData<string, double> BadValues()
    {
        var data = new TheoryData<string, double>();
        foreach ((string name, Setting setting) in Settings)
        {
            foreach (double value in setting.Bad)
            {
                data.Add(name, value);
            }
        }

        return data;
    }

    public static TheoryData<string, double> GoodValues()
    {
        var data = new TheoryData<string, double>();
        foreach ((string name, Setting setting) in Settings)
        {
            foreach (double value in setting.Good)
            {
                data.Add(name, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_value_outside_the_range_is_refused_where_it_is_set_naming_property_range_and_value(string setting, double value)
    {
        Setting s = Settings[setting];

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => s.Set(value));

        Assert.Equal(s.ParamName, error.ParamName);
        Assert.Contains(s.Range, error.Message, StringComparison.Ordinal);
        Assert.Contains("found " + Shown(s, value), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(GoodValues))]
    public void A_value_inside_the_range_is_kept(string setting, double value)
    {
        double readBack = Settings[setting].Set(value);

        Assert.Equal(Narrowed(Settings[setting], value), readBack);
    }

    [Fact]
    public void Every_writable_property_of_the_runtime_is_either_checked_or_valid_for_every_value()
    {
        Assembly runtime = typeof(FitOptions).Assembly;
        var writable = runtime.GetExportedTypes()
            .Where(type => !NotSettings.Contains(type.Name))
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(p => p.SetMethod is { IsPublic: true })
                .Select(p => $"{type.Name}.{p.Name}"))
            .ToList();
        var covered = Settings.Keys.Where(k => !k.StartsWith("new ", StringComparison.Ordinal))
            .Select(k => k.Replace("Adam.", "Optimizer.", StringComparison.Ordinal).Replace("Sgd.", "Optimizer.", StringComparison.Ordinal))
            .Concat(AnyValueIsValid)
            .ToHashSet();

        Assert.NotEmpty(writable);
        Assert.All(writable, name => Assert.Contains(name, covered));
    }

    [Fact]
    public void A_learning_rate_refused_by_the_setter_never_reaches_the_weights()
    {
        var net = new Dendrite.Tests.Networks.SpiralClassifier(seed: 1);
        float[] before = net.Parameters.ToArray();
        var adam = new Adam();

        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = float.NaN);
        net.Fit([0.1f, 0.2f, 0.3f, 0.4f], [0, 1], new FitOptions { Optimizer = adam, Epochs = 1 });

        Assert.Equal(0.001f, adam.LearningRate);
        Assert.NotEqual(before, net.Parameters.ToArray());
        Assert.All(net.Parameters.ToArray(), p => Assert.True(float.IsFinite(p)));
    }

    [Fact]
    public void Null_callbacks_are_refused_where_they_are_set()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new FitOptions { Callbacks = null! });

        Assert.Equal("Callbacks", error.ParamName);
    }

    private static double SetDefaultMaxThreads(double value) =>
        Dendrite.Tests.Kernels.ThreadSettings.WithDefaultMaxThreads((int)value, () => Parallelism.DefaultMaxThreads);

    private static double NewSessionMaxThreads(double value) =>
        new TrainingSession<Dendrite.Tests.Networks.SpiralClassifier>(new Dendrite.Tests.Networks.SpiralClassifier(seed: 1), new Adam(), (int)value).MaxThreads!.Value;

    /// <summary>The value as the property stores it (float, double, int, enum or char), as a double.</summary>
    private static double Narrowed(Setting setting, double value) => setting.Kind switch
    {
        Kind.Float => (float)value,
        Kind.Int or Kind.Enum => (int)value,
        Kind.Char => (char)(int)value,
        _ => value,
    };

    /// <summary>How the message shows the refused value: the stored type's invariant text.</summary>
    private static string Shown(Setting setting, double value) => setting.Kind switch
    {
        Kind.Float => ((float)value).ToString(CultureInfo.InvariantCulture),
        Kind.Int or Kind.Enum => ((int)value).ToString(CultureInfo.InvariantCulture),
        Kind.Char => "'" + ((char)(int)value switch { '\n' => "\\n", '\r' => "\\r", char c => c.ToString() }) + "'",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    private enum Kind
    {
        Float,
        Double,
        Int,
        Enum,
        Char,
    }

    private sealed record Setting(string ParamName, string Range, Kind Kind, Func<double, double> Set, double[] Bad, double[] Good);
}
