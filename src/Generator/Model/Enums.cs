namespace Dendrite.Generator.Model;

// Mirrors of the public enums in Dendrite.Attributes, with the same numeric values. The generator reads
// attribute arguments as integers and must not load the attributes assembly into the compiler.

internal enum ActivationKind
{
    Linear = 0,
    ReLU = 1,
    Sigmoid = 2,
    Softmax = 3,
    Tanh = 4,
    LeakyReLU = 5,
    ELU = 6,
    GELU = 7,
    GELUTanh = 8,
    SiLU = 9,
    Softplus = 10,
}

internal enum LossKind
{
    MeanSquaredError = 0,
    BinaryCrossentropy = 1,
    SparseCategoricalCrossentropy = 2,
    CategoricalCrossentropy = 3,
}

internal enum PaddingKind
{
    Valid = 0,
    Same = 1,
}

internal enum LayerType
{
    Dense,
    Conv2D,
    MaxPool2D,
    Flatten,
    AveragePooling2D,
    GlobalAveragePooling2D,
    Dropout,
    BatchNormalization,
}
