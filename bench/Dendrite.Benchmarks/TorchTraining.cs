using TorchSharp;
using static TorchSharp.torch;

namespace Dendrite.Benchmarks;

/// <summary>One TorchSharp training step as every TorchSharp benchmark measures it.</summary>
internal static class TorchTraining
{
    /// <summary>zero_grad, forward, loss, backward, optimizer step, and the loss read back (as an app would log it).</summary>
    public static float Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, nn.Module<Tensor, Tensor, Tensor> lossFunction, Tensor x, Tensor y)
    {
        using DisposeScope scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        Tensor loss = lossFunction.call(model.call(x), y);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }
}
