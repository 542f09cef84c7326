namespace Dendrite;

/// <summary>A network's average loss and accuracy on a set of samples.</summary>
/// <param name="Loss">Average loss per sample.</param>
/// <param name="Accuracy">Accuracy (see <see cref="AccuracyKind"/>), or null for a regression.</param>
/// <param name="ExactMatch">Fraction of samples with every output right; differs from Accuracy only for multi-label networks.</param>
/// <param name="SampleCount">Number of samples evaluated.</param>
public sealed record EvaluationResult(double Loss, double? Accuracy, double? ExactMatch, int SampleCount);
