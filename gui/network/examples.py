"""The Network tab's prepared examples: a data set, a network, η and batch size each,
loaded through the model's own setters and trained from scratch."""
from __future__ import annotations

# name, data set, sizes, activation, learning rate, batch size
EXAMPLES = [
    ("XOR · 2-4-1 tanh", "xor", "2-4-1", "tanh", 1.0, None),
    ("Circles · deep sigmoid 2-8-8-8-8-1 (vanishing gradients)", "circles", "2-8-8-8-8-1", "sigmoid", 0.1, None),
    ("Circles · deep tanh 2-8-8-8-8-1 (it learns)", "circles", "2-8-8-8-8-1", "tanh", 1.0, None),
    ("Circles · 2-8-8-1 tanh", "circles", "2-8-8-1", "tanh", 1.0, None),
    ("XOR · no non-linearity 2-8-8-1 none", "xor", "2-8-8-1", "none", 0.1, None),
    ("Two moons · no non-linearity: a straight boundary", "moons", "2-8-8-1", "none", 0.1, None),
    ("Two moons · SGD, one example per step", "moons", "2-8-8-1", "tanh", 0.1, 1),
    ("Two moons · mini-batches of 20", "moons", "2-8-8-1", "tanh", 0.3, 20),
    ("Linearly separable · one neuron 2-1", "linear", "2-1", "sigmoid", 1.0, None),
]


def load_example(model, example) -> None:
    """Pause `model` (a NetworkModel), set up `example` (an EXAMPLES row), back to step 0."""
    _, data, sizes, activation, lr, batch = example
    model.pause()
    model.set_data(name=data)
    model.set_sizes(sizes)
    model.set_activation(activation)
    model.set_lr(lr)
    model.set_batch_size(batch)
    model.reset()
