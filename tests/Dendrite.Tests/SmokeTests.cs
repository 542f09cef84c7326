using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests;

public class SmokeTests
{
    [Fact]
    public void XorTrains()
    {
        float[] x = [0, 0, 0, 1, 1, 0, 1, 1];
        float[] y = [0, 1, 1, 0];
        var net = new XorNet(seed: 1);
        var history = net.Fit(x, y, new FitOptions { Epochs = 500, BatchSize = 4, Optimizer = new Adam(0.05f) });
        Assert.True(history.Epochs[^1].Accuracy == 1.0, $"accuracy {history.Epochs[^1].Accuracy} loss {history.Epochs[^1].Loss}");
    }
}
