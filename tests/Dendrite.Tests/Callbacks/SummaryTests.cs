using System.Globalization;
using Dendrite.Tests.Cnn;
using Dendrite.Tests.Networks;
using Xunit;

namespace Dendrite.Tests.Callbacks;

/// <summary>
/// Summary(): Keras 3's model.summary() table for every generated network, with the counts Keras prints for the
/// same layers (the digit network's 20,175 parameters; the Fashion-MNIST CNN's 225,034, as CnnShapeTests checks).
/// </summary>
public class SummaryTests
{
    private const string DigitSummary = """
        Model: "DigitClassifier"
        ┏━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━┓
        ┃ Layer (type)          ┃ Output Shape ┃ Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━┩
        │ input (Input)         │ (None, 784)  │       0 │
        ├───────────────────────┼──────────────┼─────────┤
        │ dense (Dense, ReLU)   │ (None, 25)   │  19,625 │
        ├───────────────────────┼──────────────┼─────────┤
        │ dense_1 (Dense, ReLU) │ (None, 15)   │     390 │
        ├───────────────────────┼──────────────┼─────────┤
        │ dense_2 (Dense)       │ (None, 10)   │     160 │
        └───────────────────────┴──────────────┴─────────┘
         Total params: 20,175 (78.81 KB)
         Trainable params: 20,175 (78.81 KB)
         Non-trainable params: 0 (0.00 B)

        """;

    private const string CnnSummary = """
        Model: "FashionCnn"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┓
        ┃ Layer (type)             ┃ Output Shape       ┃ Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━┩
        │ input (Input)            │ (None, 28, 28, 1)  │       0 │
        ├──────────────────────────┼────────────────────┼─────────┤
        │ conv2d (Conv2D, ReLU)    │ (None, 26, 26, 32) │     320 │
        ├──────────────────────────┼────────────────────┼─────────┤
        │ max_pool2d (MaxPool2D)   │ (None, 13, 13, 32) │       0 │
        ├──────────────────────────┼────────────────────┼─────────┤
        │ conv2d_1 (Conv2D, ReLU)  │ (None, 11, 11, 64) │  18,496 │
        ├──────────────────────────┼────────────────────┼─────────┤
        │ max_pool2d_1 (MaxPool2D) │ (None, 5, 5, 64)   │       0 │
        ├──────────────────────────┼────────────────────┼─────────┤
        │ flatten (Flatten)        │ (None, 1600)       │       0 │
        ├──────────────────────────┼────────────────────┼─────────┤
        │ dense (Dense, ReLU)      │ (None, 128)        │ 204,928 │
        ├──────────────────────────┼────────────────────┼─────────┤
        │ dense_1 (Dense)          │ (None, 10)         │   1,290 │
        └──────────────────────────┴────────────────────┴─────────┘
         Total params: 225,034 (879.04 KB)
         Trainable params: 225,034 (879.04 KB)
         Non-trainable params: 0 (0.00 B)

        """;

    [Fact]
    public void The_digit_network_prints_the_keras_table()
    {
        Assert.Equal(DigitSummary, DigitClassifier.Architecture.Summary());
    }

    [Fact]
    public void A_cnn_prints_image_shapes_batch_first_and_numbers_repeated_layer_kinds()
    {
        Assert.Equal(CnnSummary, FashionCnn.Architecture.Summary());
    }

    [Fact]
    public void Summary_on_the_model_ToString_and_the_text_are_the_same_in_any_culture()
    {
        var writer = new StringWriter();
        CultureInfo culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // "20.175" with a group dot
            new FashionCnn(seed: 1).Summary(writer);
            Assert.Equal(CnnSummary, FashionCnn.Architecture.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Equal(CnnSummary, writer.ToString());
    }

    [Fact]
    public void The_trainable_split_adds_up_over_the_layers()
    {
        NetworkArchitecture architecture = FashionCnn.Architecture;

        Assert.Equal(architecture.Layers.Sum(l => l.NonTrainableParameterCount), architecture.NonTrainableParameterCount);
        Assert.Equal(FashionCnn.ParameterCount, architecture.ParameterCount);
    }

    [Fact]
    public void Every_layer_kind_has_a_lower_case_keras_style_name()
    {
        Assert.Equal("max_pool2d", ArchitectureSummary.SnakeCase(nameof(LayerKind.MaxPool2D)));
        Assert.Equal("batch_normalization", ArchitectureSummary.SnakeCase("BatchNormalization"));
        Assert.All(Enum.GetNames<LayerKind>(), kind => Assert.Matches("^[a-z][a-z0-9_]*$", ArchitectureSummary.SnakeCase(kind)));
    }
}
