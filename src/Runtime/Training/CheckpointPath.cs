using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dendrite;

/// <summary>
/// A checkpoint file name with fields filled in per epoch, as Keras' <c>ModelCheckpoint</c> writes them:
/// <c>{epoch}</c>, <c>{loss}</c>, <c>{accuracy}</c>, <c>{val_loss}</c>, <c>{val_accuracy}</c>, each with an optional
/// Python-style format after a colon: <c>{epoch:02d}</c> (or <c>{epoch:02}</c>) pads the epoch to two digits with
/// zeros, <c>{val_loss:.4f}</c> writes four decimals. <c>{{</c> and <c>}}</c> are literal braces. Numbers are written
/// in the invariant culture, so a file name does not depend on the machine's language.
/// </summary>
internal sealed class CheckpointPath
{
    private const string EpochField = "epoch";
    private static readonly Regex EpochFormat = new(@"^(?<zero>0)?(?<width>[1-9][0-9]?)?d?$", RegexOptions.CultureInvariant);
    private static readonly Regex MetricFormat = new(@"^(?<zero>0)?(?<width>[1-9][0-9]?)?(?:\.(?<precision>[0-9]{1,2}))?(?<fixed>f)?$", RegexOptions.CultureInvariant);
    private readonly List<Part> _parts = [];

    /// <summary>Parses <paramref name="pattern"/>; a field or format it does not know is refused naming it.</summary>
    /// <exception cref="ArgumentException">An unknown field, a bad format or an unmatched brace.</exception>
    public CheckpointPath(string pattern, string paramName)
    {
        var literal = new StringBuilder();
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if ((c == '{' || c == '}') && i + 1 < pattern.Length && pattern[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                throw new ArgumentException($"Expected '}}' in the path pattern \"{pattern}\" to close a field or to be doubled (\"}}}}\") but found a lone '}}' at position {i}.", paramName);
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            int end = pattern.IndexOf('}', i + 1);
            if (end < 0)
            {
                throw new ArgumentException($"Expected '}}' to close the field opened at position {i} of the path pattern \"{pattern}\" (or \"{{{{\" for a literal brace) but found none.", paramName);
            }

            _parts.Add(Part.Text(literal.ToString()));
            literal.Clear();
            _parts.Add(ParseField(pattern.Substring(i + 1, end - i - 1), pattern, paramName));
            i = end;
        }

        _parts.Add(Part.Text(literal.ToString()));
        Pattern = pattern;
    }

    /// <summary>The pattern as given.</summary>
    public string Pattern { get; }

    /// <summary>The metrics the pattern writes, which must be measured in every epoch.</summary>
    public IEnumerable<Metric> Metrics
    {
        get
        {
            foreach (Part part in _parts)
            {
                if (part.Metric is { } metric)
                {
                    yield return metric;
                }
            }
        }
    }

    /// <summary>The file name for <paramref name="result"/>'s epoch. A metric the epoch did not measure is written <c>nan</c>, an infinite one <c>inf</c>, as Python writes them.</summary>
    public string Format(EpochResult result)
    {
        var text = new StringBuilder();
        foreach (Part part in _parts)
        {
            text.Append(part.Format(result));
        }

        return text.ToString();
    }

    private static Part ParseField(string field, string pattern, string paramName)
    {
        int colon = field.IndexOf(':', StringComparison.Ordinal);
        string name = colon < 0 ? field : field[..colon];
        string format = colon < 0 ? string.Empty : field[(colon + 1)..];
        Metric? metric = MetricNames.Parse(name);
        if (name != EpochField && metric is null)
        {
            throw new ArgumentException($"Expected a field of the path pattern \"{pattern}\" to be one of {EpochField}, {MetricNames.List} but found \"{{{field}}}\".", paramName);
        }

        Match match = (metric is null ? EpochFormat : MetricFormat).Match(format);
        bool precisionWithoutFixed = match.Success && match.Groups["precision"].Success && !match.Groups["fixed"].Success;
        if (!match.Success || precisionWithoutFixed)
        {
            string expected = metric is null ? "an integer format such as 02d or 03" : "a fixed-point format such as .4f or 06.3f";
            throw new ArgumentException($"Expected the format of {{{name}}} in the path pattern \"{pattern}\" to be {expected} but found \"{format}\".", paramName);
        }

        int width = match.Groups["width"].Success ? int.Parse(match.Groups["width"].Value, CultureInfo.InvariantCulture) : 0;
        int? decimals = match.Groups["precision"].Success
            ? int.Parse(match.Groups["precision"].Value, CultureInfo.InvariantCulture)
            : match.Groups["fixed"].Success ? 6 : null; // Python's "f" alone: six decimals
        return new Part(null, metric, metric is null, width, match.Groups["zero"].Success ? '0' : ' ', decimals);
    }

    /// <summary>Literal text, the epoch, or a metric, with Python's width, fill and precision.</summary>
    private sealed record Part(string? Literal, Metric? Metric, bool IsEpoch, int Width, char Fill, int? Decimals)
    {
        public static Part Text(string literal) => new(literal, null, false, 0, ' ', null);

        public string Format(EpochResult result)
        {
            if (Literal is not null)
            {
                return Literal;
            }

            string text;
            if (IsEpoch)
            {
                text = result.Epoch.ToString(CultureInfo.InvariantCulture);
            }
            else if (result.Get(Metric!.Value) is { } value && double.IsFinite(value))
            {
                text = Decimals is { } d ? value.ToString("F" + d.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
            }
            else if (result.Get(Metric!.Value) is { } infinite && double.IsInfinity(infinite))
            {
                text = infinite > 0 ? "inf" : "-inf";
            }
            else
            {
                text = "nan";
            }

            return text.PadLeft(Width, Fill);
        }
    }
}
