#!/usr/bin/env bash
# Package-consumer check: packs the `Dendrite` NuGet package into a local folder feed, then builds and runs two
# fresh console projects OUTSIDE the repository that reference only that package:
#   1. trainer:    declares a tiny network with attributes, trains it on a separable data set, Evaluate, Predict,
#                  Classify, Save + Load round trip; fails below the accuracy threshold or on any mismatch.
#   2. pretrained: compiles the trainer's tiny.weights into the network type (Weights = "tiny.weights" plus an
#                  AdditionalFiles item), which only works if the package's build/Dendrite.targets was imported,
#                  and checks Pretrained's outputs are bit-identical to the trained model's.
#   3. misspelled: names "tiny.weight"; the build must fail with DN0020 on the string, a did-you-mean, and a help
#                  link (from the SARIF error log) into the package's own docs/diagnostics.html that has the section.
# Restores use a private NuGet packages folder in the temporary directory, so a stale cached Dendrite of the
# same version is never used; the machine's configured package source(s) stay in force (no <clear/>).
#
#   bash .ci/package-check.sh            (DENDRITE_VERSION overrides the packed version; KEEP=1 keeps the temp dir)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
version="${DENDRITE_VERSION:-0.1.0}"
min_accuracy=0.95

work="$(mktemp -d -t dendrite-package-check.XXXXXX)"
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi
fail() { echo "package-check: FAILED: $*" >&2; exit 1; }
step() { echo "== package-check: $*"; }

feed="$work/feed"

step "pack Dendrite $version into $feed"
dotnet pack "$repo/src/Package/Dendrite.Package.csproj" -c Release -o "$feed" -p:Version="$version" -warnaserror \
  >"$work/pack.log" 2>&1 || { tail -30 "$work/pack.log"; fail "dotnet pack failed (log above)"; }
nupkg="$feed/Dendrite.$version.nupkg"
[ -f "$nupkg" ] || fail "expected $nupkg, found: $(ls "$feed")"

step "package layout"
entries="$(unzip -Z1 "$nupkg")"
for expected in lib/net10.0/Dendrite.Runtime.dll lib/net10.0/Dendrite.Runtime.xml \
                lib/net10.0/Dendrite.Attributes.dll lib/net10.0/Dendrite.Attributes.xml \
                analyzers/dotnet/cs/Dendrite.Generator.dll analyzers/dotnet/cs/Dendrite.CodeFixes.dll \
                docs/diagnostics.html docs/diagnostics.md \
                build/Dendrite.targets buildTransitive/Dendrite.targets README.md; do
  grep -qx "$expected" <<<"$entries" || fail "package lacks $expected"
done
# The code fixes: one provider per repair the docs promise, in the analyzer folder (names are in the metadata).
fixes_dll="$(unzip -p "$nupkg" analyzers/dotnet/cs/Dendrite.CodeFixes.dll | strings)"
for provider in MakePartialCodeFix OutputActivationCodeFix InsertFlattenCodeFix PositiveSizeCodeFix InputFirstCodeFix WeightsFileNameCodeFix; do
  grep -qx "$provider" <<<"$fixes_dll" || fail "Dendrite.CodeFixes.dll lacks $provider"
done
if grep -qx "Microsoft.CodeAnalysis.Workspaces.dll" <<<"$entries"; then fail "Roslyn's Workspaces assembly is packed"; fi
# The package page shows README.md but cannot follow relative links: every link is absolute or an anchor.
relative_links="$(unzip -p "$nupkg" README.md | grep -oE '\]\([^)]+\)' | grep -vE '^\]\((https://|#)' || true)"
[ -z "$relative_links" ] || fail "the packed README has relative links: $relative_links"
if grep -q '^lib/.*Generator' <<<"$entries"; then fail "the generator is packed as a lib reference"; fi
if grep -qi '\.Package\.dll' <<<"$entries"; then fail "the packing project's own assembly is in the package"; fi
nuspec="$(unzip -p "$nupkg" Dendrite.nuspec)"
if grep -q '<dependency ' <<<"$nuspec"; then fail "package has dependencies: $(grep '<dependency ' <<<"$nuspec")"; fi
for field in '<license type="expression">MIT</license>' '<readme>README.md</readme>' \
             'url="https://github.com/dendrite-nn/dendrite"' "<version>$version</version>"; do
  grep -qF "$field" <<<"$nuspec" || fail "nuspec lacks $field"
done
echo "$entries" | sed 's/^/  /'
echo "  no dependencies; MIT; readme (absolute links); repository url; version $version; code fixes: 6 providers"

# From here on restores use a private packages folder, so the Dendrite they see is the one just packed.
export NUGET_PACKAGES="$work/packages"

# The local feed is added to the machine's own sources (inherited from the user's NuGet.Config), not replacing them.
cat >"$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="dendrite-local" value="feed" />
  </packageSources>
</configuration>
XML

project() { # name, extra csproj items
  mkdir -p "$work/$1"
  cat >"$work/$1/$1.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Dendrite" Version="[$version]" />
$2
  </ItemGroup>
</Project>
XML
}

# ---- 1. trainer -------------------------------------------------------------------------------------------------
project trainer ""
cat >"$work/trainer/Program.cs" <<'CS'
using System.Globalization;
using Dendrite;

// Three well-separated clusters in 4 dimensions: class c is centred on 2 * e_c, with uniform noise in [-0.5, 0.5].
static (float[] X, int[] Y) Make(int count, int seed)
{
    var random = new Random(seed);
    var x = new float[count * Tiny.InputSize];
    var y = new int[count];
    for (int i = 0; i < count; i++)
    {
        y[i] = i % 3;
        for (int j = 0; j < Tiny.InputSize; j++)
        {
            x[i * Tiny.InputSize + j] = (j == y[i] ? 2f : 0f) + (float)(random.NextDouble() - 0.5);
        }
    }
    return (x, y);
}

double minAccuracy = double.Parse(args[0], CultureInfo.InvariantCulture);
string weightsPath = args[1], probePath = args[2];

var (trainX, trainY) = Make(300, 1);
var (testX, testY) = Make(150, 2);

var model = new Tiny(seed: 42);
TrainingHistory history = model.Fit(trainX, trainY, new FitOptions
{
    Epochs = 20, BatchSize = 16, Optimizer = new Adam(learningRate: 0.01f), Seed = 7,
});
EvaluationResult result = model.Evaluate(testX, testY);
double accuracy = result.Accuracy ?? 0;
Console.WriteLine(FormattableString.Invariant(
    $"trainer: {history.Epochs.Count} epochs, test loss {result.Loss:0.0000}, test accuracy {accuracy:0.0000} (minimum {minAccuracy:0.00})"));

int classifyAgrees = 0;
Span<float> logits = stackalloc float[Tiny.OutputSize];
for (int i = 0; i < testY.Length; i++)
{
    ReadOnlySpan<float> x = testX.AsSpan(i * Tiny.InputSize, Tiny.InputSize);
    model.Predict(x, logits);
    int argMax = 0;
    for (int k = 1; k < Tiny.OutputSize; k++) { if (logits[k] > logits[argMax]) argMax = k; }
    if (model.Classify(x) == argMax) classifyAgrees++;
}

model.Save(weightsPath);
Tiny loaded = Tiny.Load(weightsPath);
int mismatches = 0;
Span<float> a = stackalloc float[Tiny.OutputSize], b = stackalloc float[Tiny.OutputSize];
using var probe = new StreamWriter(probePath);
for (int i = 0; i < testY.Length; i++)
{
    ReadOnlySpan<float> x = testX.AsSpan(i * Tiny.InputSize, Tiny.InputSize);
    model.Predict(x, a);
    loaded.Predict(x, b);
    if (!a.SequenceEqual(b)) mismatches++;
    // One line per sample: inputs then the trained model's logits, as exact float bit patterns.
    probe.WriteLine(string.Join(' ', x.ToArray().Concat(a.ToArray()).Select(v => BitConverter.SingleToInt32Bits(v).ToString(CultureInfo.InvariantCulture))));
}
Console.WriteLine($"trainer: Classify agrees with arg max of Predict on {classifyAgrees}/{testY.Length}; " +
    $"Save -> Load ({new FileInfo(weightsPath).Length} bytes): {testY.Length - mismatches}/{testY.Length} predictions bit-identical");

bool ok = accuracy >= minAccuracy && mismatches == 0 && classifyAgrees == testY.Length;
if (!ok) Console.Error.WriteLine("trainer: FAILED (accuracy below the minimum, a Classify/Predict disagreement or a round-trip mismatch)");
return ok ? 0 : 1;

[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3)]
public partial class Tiny;
CS

step "build and run a fresh console project that references only Dendrite $version"
(cd "$work/trainer" && dotnet build -c Release >"$work/trainer-build.log" 2>&1) \
  || { tail -30 "$work/trainer-build.log"; fail "the consumer project did not build against the package"; }
cached="$NUGET_PACKAGES/dendrite/$version/dendrite.$version.nupkg.sha512"
[ -f "$cached" ] && [ "$(cat "$cached")" = "$(openssl dgst -sha512 -binary "$nupkg" | base64 -w0)" ] \
  || fail "the consumer did not restore the just-packed Dendrite $version into the private packages folder"
grep -qF "\"$NUGET_PACKAGES\": {}" "$work/trainer/obj/project.assets.json" \
  || fail "the consumer's restore did not use the private packages folder $NUGET_PACKAGES"
dotnet "$work/trainer/bin/Release/net10.0/trainer.dll" "$min_accuracy" "$work/tiny.weights" "$work/probe.txt" \
  || fail "the trained consumer's checks failed (output above)"

# ---- 2. pretrained: weights compiled in through the package's build/Dendrite.targets ---------------------------
project pretrained '    <AdditionalFiles Include="../tiny.weights" />'
cat >"$work/pretrained/Program.cs" <<'CS'
using System.Globalization;
using Dendrite;

int mismatches = 0, samples = 0;
Span<float> logits = stackalloc float[Tiny.OutputSize];
foreach (string line in File.ReadLines(args[0]))
{
    float[] values = line.Split(' ').Select(s => BitConverter.Int32BitsToSingle(int.Parse(s, CultureInfo.InvariantCulture))).ToArray();
    Tiny.Pretrained.Predict(values.AsSpan(0, Tiny.InputSize), logits);
    if (!logits.SequenceEqual(values.AsSpan(Tiny.InputSize, Tiny.OutputSize))) mismatches++;
    samples++;
}
Console.WriteLine($"pretrained: weights compiled in from tiny.weights; {samples - mismatches}/{samples} predictions bit-identical to the trained model");
return mismatches == 0 && samples > 0 ? 0 : 1;

[Network(Loss = Loss.SparseCategoricalCrossentropy, FromLogits = true, Weights = "tiny.weights")]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3)]
public partial class Tiny;
CS

step "build a second consumer with tiny.weights compiled in (needs the package's build/Dendrite.targets)"
(cd "$work/pretrained" && dotnet build -c Release >"$work/pretrained-build.log" 2>&1) \
  || { tail -30 "$work/pretrained-build.log"; fail "the compiled-in weights consumer did not build"; }
ls "$work/pretrained/obj/Release/net10.0/dendrite-weights/tiny.weights.base64" >/dev/null 2>&1 \
  || fail "build/Dendrite.targets from the package did not encode tiny.weights"
dotnet "$work/pretrained/bin/Release/net10.0/pretrained.dll" "$work/probe.txt" \
  || fail "Pretrained's predictions differ from the trained model's"

# ---- 3. a misspelled weights file: DN0020 on the string, with a did-you-mean and a help link that opens offline --
project misspelled '    <AdditionalFiles Include="../tiny.weights" />'
sed -i 's#<TreatWarningsAsErrors>true</TreatWarningsAsErrors>#&\n    <ErrorLog>diagnostics.sarif,version=2.1</ErrorLog>#' "$work/misspelled/misspelled.csproj"
sed -e 's/Weights = "tiny.weights"/Weights = "tiny.weight"/' "$work/pretrained/Program.cs" >"$work/misspelled/Program.cs"
grep -q 'Weights = "tiny.weight"' "$work/misspelled/Program.cs" || fail "could not write the misspelled consumer"

step "build a consumer naming 'tiny.weight' (expect DN0020 with a did-you-mean and a help link into the package's docs)"
if (cd "$work/misspelled" && dotnet build -c Release >"$work/misspelled-build.log" 2>&1); then
  fail "the consumer with a misspelled weights file built"
fi
grep -q "error DN0020: .*found none (did you mean 'tiny.weights'?)" "$work/misspelled-build.log" \
  || { tail -20 "$work/misspelled-build.log"; fail "no DN0020 with a did-you-mean in the build output"; }
# The squiggle is on the string: the error's column is where "tiny.weight" starts in its line.
line="$(grep -n 'Weights = "tiny.weight"' "$work/misspelled/Program.cs" | cut -d: -f1)"
column="$(( $(sed -n "${line}p" "$work/misspelled/Program.cs" | grep -ob '"tiny.weight"' | cut -d: -f1) + 1 ))"
grep -q "Program.cs($line,$column): error DN0020" "$work/misspelled-build.log" \
  || { grep DN0020 "$work/misspelled-build.log" | head -2; fail "DN0020 is not at the Weights string (expected Program.cs($line,$column))"; }
help_uri="$(grep -o '"helpUri": *"[^"]*"' "$work/misspelled/diagnostics.sarif" | grep -i dn0020 | head -1 | sed 's/.*"\(file:[^"]*\)"/\1/')"
case "$help_uri" in
  file://*"/dendrite/$version/docs/diagnostics.html#dn0020") ;;
  *) fail "DN0020's help link is not the package's docs/diagnostics.html#dn0020: '$help_uri'" ;;
esac
help_file="${help_uri#file://}"; help_file="${help_file%%#*}"
grep -q '<h2 id="dn0020">DN0020</h2>' "$help_file" || fail "the help link's page $help_file has no #dn0020 section"
echo "  DN0020 at Program.cs($line,$column) with a did-you-mean; help link $help_uri resolves"

echo "package-check: OK (Dendrite $version: layout, code fixes, consumer build, training, Save/Load, compiled-in weights, DN0020 and its help link)"
