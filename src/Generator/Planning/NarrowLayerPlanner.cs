namespace Dendrite.Generator.Planning;

/// <summary>
/// Chooses the Dense layers whose batch forward runs as outer products (<c>Emitting/DenseNarrowKernelEmitter</c>): at
/// most 16 units, so one 512-bit vector holds all of a sample's units, and few inputs, so the outer products cost less
/// than the dot products they replace.
/// <para>
/// Why: a dot-product kernel ends every unit's sum with a horizontal sum of its vector's lanes, and a narrow layer has
/// few vectors per sum to spread that over: the course's 25 → 15 and 15 → 10 layers spend most of their time in it. The
/// outer-product kernel keeps one accumulator per lane class (the dot kernels' vector lane an input falls in) holding
/// every unit at once, and adds the lane classes in the dot kernels' tree at the end, so each unit's value keeps its
/// bits (NarrowForwardTests) and a sample pays one tree for all its units instead of one per unit.
/// </para>
/// <para>
/// The rule: a unit's dot product costs about one multiply-add per vector of inputs plus two for its horizontal sum; the
/// outer products cost one (512-bit) multiply-add per input for all the units together. The layer is narrow when the
/// second is no more than the first, with 2 to 16 units and one whole vector of inputs or more (a shorter row is summed
/// by the dot kernels' scalar loop, whose order the outer products do not reproduce), at most
/// <see cref="MaximumInputs"/> (the copy of W lives on the stack: 65 × 16 floats, 4 KB).
/// </para>
/// </summary>
internal static class NarrowLayerPlanner
{
    /// <summary>Most inputs of a narrow layer.</summary>
    public const int MaximumInputs = 64;

    /// <summary>
    /// Fewest samples a forward call takes through the outer products: each call first copies W (inputs × units moves),
    /// which costs about what two samples save, so a lone sample (Predict) keeps the dot kernels.
    /// </summary>
    public const int MinimumSamples = 4;

    /// <summary>Most units of a narrow layer: one 512-bit vector.</summary>
    public const int MaximumUnits = VectorWidthPlanner.WideLanes;

    /// <summary>Multiply-adds a dot product's horizontal sum costs, about (three or four adds and shuffles, shared in part between sums).</summary>
    private const int HorizontalSumCost = 2;

    /// <summary>
    /// The dot kernels' vector width over the inputs (8 or 16) when the layer's batch forward runs as outer products;
    /// 0 when it keeps the dot products.
    /// </summary>
    public static int LaneClasses(int units, int inputs)
    {
        int lanes = VectorWidthPlanner.Prefers512(inputs) ? VectorWidthPlanner.WideLanes : VectorWidthPlanner.PortableLanes;
        if (units < 2 || units > MaximumUnits || inputs < lanes || inputs > MaximumInputs)
        {
            return 0;
        }

        int vectorsPerRow = (inputs + lanes - 1) / lanes;
        return inputs <= units * (vectorsPerRow + HorizontalSumCost) ? lanes : 0;
    }
}
