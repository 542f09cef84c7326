namespace Dendrite.Benchmarks;

/// <summary>
/// The passes of workload B's training step after its gradients, each timed alone at 1 and 2 threads, split as a
/// TrainingSession splits them (SlicedPasses over ParameterPartition.ByLayers): the finiteness scan of the gradients,
/// the scan of the parameters, and Adam's update. `step-times update-parts B N`.
/// </summary>
internal static class UpdateParts
{
    public static void Run(int rounds)
    {
        (float[] images, int[] labels) = FashionMnist.Load(WorkloadShape.B.BatchSize);
        foreach (int threads in new[] { 1, 2 })
        {
            var network = new WorkloadB(seed: 1);
            var gradients = new AlignedBuffer(WorkloadB.ParameterCount);
            float[] outputs = new float[WorkloadShape.B.BatchSize * WorkloadB.OutputSize];
            var slices = new SlicedPasses(ParameterPartition.ByLayers(WorkloadB.Architecture));
            var adam = new Adam(0.001f);
            using Parallelism.ThreadLimitScope limit = Parallelism.Limit(threads);
            network.ComputeGradients(images, TargetBatch.FromLabels(labels), gradients, outputs);
            slices.FiniteMaxAbs(gradients, out float maxAbsGradient);
            foreach ((string name, Action call) in new (string, Action)[]
            {
                ("scan g", () => slices.FiniteMaxAbs(gradients, out _)),
                ("scan θ", () => slices.FiniteMaxAbs(network.Parameters, out _)),
                ("Adam update", () => adam.StepWithGradientBound(network.Parameters, gradients, maxAbsGradient, slices)),
                ("all three", () =>
                {
                    slices.FiniteMaxAbs(gradients, out _);
                    slices.FiniteMaxAbs(network.Parameters, out _);
                    adam.StepWithGradientBound(network.Parameters, gradients, maxAbsGradient, slices);
                }),
            })
            {
                StepTimes.WarmUp(call);
                Console.WriteLine($"B threads={threads} {name} (µs): {StepTimes.Percentiles(rounds, call)}");
            }
        }
    }
}
