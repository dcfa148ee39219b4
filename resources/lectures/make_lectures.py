"""Build the two sample lectures through the app itself, so they stay valid files.

    python3 resources/lectures/make_lectures.py     (needs a display, or Xvfb)

Each scene is set up with the app's own models (the same setters the controls call),
captured with "Add this as a scene", given its notes and steps, and the lecture is
saved with the session code. Nothing numeric is typed into the notes: every number a
lecturer shows (formulas, critical points, iterates, losses, gradients, Jacobians)
is computed live by the app when the scene opens.

Lecture 1 follows the course text "Derivatives and Gradients"; lecture 2 follows
"The Mathematical Intuition Behind Deep Learning, Chapter 3" (both in the course notes).
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))      # run from anywhere: the app's own packages


def explorer(w, text, window, start, methods=("gd",), lr=0.1, max_steps=100, noise=0.0,
             focus="both"):
    m = w.model
    m.set_state({"text": text, "window": window, "start": start, "frame": 0, "speed": 10.0,
                 "descent": {"methods": list(methods), "lr": lr, "hyper": {}, "noise": noise,
                             "clip": None, "max_steps": max_steps, "seed": 0}})
    assert m.wait_for_analysis(30000), text
    w.show_tab("explorer")
    if m.dimension == 2:
        w.set_focus_mode(focus)


def scene(lecture, title, notes, steps=()):
    lecture.add_current(title)
    lecture.scene.notes = notes
    lecture.scene.camera = None          # each scene frames its own surface
    lecture.set_steps(lecture.index, list(steps))


def derivatives_lecture(w, lec):
    explorer(w, "x^3", [[-2.5, 2.5]], [1.5], lr=0.05, max_steps=40)
    scene(lec, "The derivative: the slope at a point",
          "A derivative answers: if I nudge the input a little, how much does the output "
          "change? Show the secant shrinking into the tangent on the curve; the formulas bar "
          "gives f'(x) = 3x² (power rule). At x = 0 the slope is zero but it is no extremum.")
    explorer(w, "x e^x", [[-5, 1.5]], [0.5], lr=0.3, max_steps=80)
    scene(lec, "Rules: sum and product",
          "Product rule: (uv)' = u'v + uv'. Read the derivative off the formulas bar and "
          "point at where it is zero: the minimum at x = −1. PageDown: descent walks there.",
          [{"play_to": 30}])
    explorer(w, "(x^2+1)^3", [[-1.5, 1.5]], [1], lr=0.02, max_steps=80)
    scene(lec, "The chain rule: the MVP of deep learning",
          "Outer derivative times inner derivative: 3(x²+1)² · 2x. Backpropagation is this "
          "rule applied again and again. PageDown reveals the descent step by step.",
          [{"reveal": 1}, {"reveal": 1}, {"play_to": 40}])
    explorer(w, "x^4 - 4x^3 + 4x^2", [[-1, 3]], [2.8], lr=0.02, max_steps=100)
    scene(lec, "Critical points of x⁴ − 4x³ + 4x²",
          "Example 1 of the notes. f'(x) = 4x(x−1)(x−2): the app finds the critical points "
          "and classifies them with f''. Ask the class which one descent from the right ends "
          "in, then PageDown.",
          [{"play_to": 60}])
    explorer(w, "x^4 - 4x^3 + 4x^2", [[-1, 3]], [0.9], lr=0.02, max_steps=100)
    scene(lec, "Where you start decides where you end",
          "Same function, start just left of the maximum: descent rolls to the other minimum. "
          "Both minima have the same value: two global minima.",
          [{"play_to": 80}])
    explorer(w, "x^2 + y^2", [[-2, 2], [-2, 2]], [1, 1], lr=0.1, max_steps=60)
    scene(lec, "Partial derivatives and the gradient",
          "Hold y fixed and differentiate in x, then the other way round: the gradient stacks "
          "the partials. The arrows point uphill and cross every contour at a right angle.")
    explorer(w, "x^2 + 2y^2", [[-4, 4], [-3, 3]], [3, 2], lr=0.1, max_steps=100)
    scene(lec, "Gradient descent on x² + 2y² from (3, 2)",
          "Example 2 of the notes with learning rate 0.1. PageDown reveals one iterate at a "
          "time: compare the table with the hand computation, then let it run to the minimum.",
          [{"reveal": 1}, {"reveal": 1}, {"play_to": 40}])
    explorer(w, "x^2 + 2y^2", [[-4, 4], [-3, 3]], [3, 2], lr=0.55, max_steps=30)
    scene(lec, "Too large a learning rate",
          "The same bowl with learning rate η = 0.55: along y each step overshoots by more "
          "than it gains, and the iterates zig-zag outwards. Con of derivative methods: the "
          "learning rate η matters.",
          [{"play_to": 12}])
    explorer(w, "(x-5)^2 + (y-3)^2 + 2xy", [[-2, 6], [-4, 4]], [1, 1], lr=0.1, max_steps=40)
    scene(lec, "The delivery-route cost",
          "Exercise 3: the gradient at (1, 1) tells which way to move the depot. The Hessian "
          "is singular: this cost has no minimum, descent slides downhill for ever.",
          [{"reveal": 1}, {"play_to": 40}])
    w.neuron_model.set_state({"x": 2.0, "w": 0.5, "b": 0.1, "target": 0.7, "lr": 0.1,
                              "activation": "sigmoid", "stage": 0, "start": [0.5, 0.1],
                              "trained_steps": 0})
    w.show_tab("neuron")
    scene(lec, "A sigmoid neuron: the forward pass",
          "Example 3 of the notes: x = 2, w = 0.5, b = 0.1, target 0.7. PageDown walks "
          "through z = wx + b, the sigmoid and the loss, each number computed by the app.",
          [{"stage": 1}, {"stage": 1}, {"stage": 1}])
    w.neuron_model.set_stage(3)
    scene(lec, "The backward pass: the chain rule on a neuron",
          "From the loss back to w and b: multiply the local slopes along each path. "
          "PageDown: one factor at a time, then the update of w and b.",
          [{"stage": 1}, {"stage": 1}, {"stage": 1}, {"stage": 1}, {"stage": 1},
           {"stage": 1}, {"stage": 1}])
    w.neuron_model.set_stage(0)
    scene(lec, "Training the neuron",
          "Repeat forward, backward, update: the loss landscape in (w, b) shows the run. "
          "PageDown trains 20 steps, then 200 more.",
          [{"train": 20}, {"train": 200}])


def network_lecture(w, lec):
    net = w.network_model
    net.set_data("xor", 0.1, 0, 200)
    net.set_sizes((2, 4, 1))
    net.set_activation("tanh")
    net.set_lr(1.0)
    net.set_batch_size(None)
    net.reset()
    w.show_tab("network")
    scene(lec, "A network is a chain of functions",
          "Layer after layer: an affine map, then an activation. The diagram is the chain; "
          "the output is a function of every weight. PageDown trains 300 steps.",
          [{"train": 300}])
    net.set_activation("none")
    net.reset()
    scene(lec, "Why non-linearity is non-negotiable",
          "Without activations the chain of affine maps collapses to one affine map: a "
          "straight boundary cannot separate XOR. PageDown trains; the cost stalls.",
          [{"train": 500}])
    # the app orders variables alphabetically: (b, w), so the window and start are b first
    mse = "((w+b-2)^2 + (2w+b-3.9)^2 + (3w+b-6.2)^2)/3"
    explorer(w, mse, [[-3, 3], [-1, 4]], [-2, 0], lr=0.05, max_steps=200)
    scene(lec, "The cost: mean squared error",
          "Fit a line through three points: the MSE as a function of the weight w and bias b "
          "is a bowl. Training means walking down it. PageDown: gradient descent.",
          [{"play_to": 60}])
    explorer(w, mse, [[-3, 3], [-1, 4]], [-2, 0], methods=("gd", "newton"), lr=0.05,
             max_steps=200)
    scene(lec, "Gradient descent vs Newton's method",
          "On a quadratic bowl Newton lands on the minimum in one step (it uses the Hessian); "
          "GD takes many. Why not always Newton? The Hessian of a real network is huge.",
          [{"reveal": 1}, {"play_to": 60}])
    explorer(w, "x^2 - y^2", [[-2, 2], [-2, 2]], [1.5, 0.01], methods=("gd", "newton"),
             lr=0.1, max_steps=60)
    scene(lec, "Saddles: where Newton goes wrong",
          "∇f = 0 at the origin, but it is a saddle. Newton jumps straight onto it; GD slowly "
          "escapes along y. High-dimensional losses are full of saddles.",
          [{"reveal": 1}, {"play_to": 40}])
    explorer(w, "(x^2+y-11)^2 + (x+y^2-7)^2", [[-5, 5], [-5, 5]], [0, 0], methods=("gd", "adam"),
             lr=0.01, max_steps=300)
    scene(lec, "Non-convexity: where you start decides",
          "Himmelblau's function: four minima. Click another start on the contour map and run "
          "again to show a different ending.",
          [{"play_to": 150}])
    explorer(w, "0.1(x^2 + y^2) + sin(2x) sin(2y)", [[-4, 4], [-4, 4]], [3, 2.5],
             methods=("gd", "momentum", "adam"), lr=0.05, max_steps=300)
    scene(lec, "Local minima and momentum",
          "A bumpy bowl: plain GD stops in the nearest dip; momentum can roll through small "
          "ones.", [{"play_to": 150}])
    explorer(w, "x^2 + 2y^2", [[-4, 4], [-3, 3]], [3, 2], lr=0.1, max_steps=100, noise=0.5)
    scene(lec, "Stochastic gradients",
          "SGD uses the gradient of a random part of the data: a noisy estimate. Here noise is "
          "added to the true gradient: the path jitters but still heads for the minimum.",
          [{"play_to": 60}])
    net.set_data("circles", 0.1, 0, 200)
    net.set_activation("tanh")
    net.set_sizes((2, 6, 1))
    net.set_batch_size(None)
    net.reset()
    w.show_tab("network")
    scene(lec, "Full batch: one step per pass over the data",
          "Every step uses all 200 points: a smooth cost curve. PageDown trains 400 steps.",
          [{"train": 400}])
    net.set_batch_size(8)
    net.reset()
    scene(lec, "Mini-batches of 8",
          "Each step sees 8 points: cheaper steps, a noisier cost curve, and often a faster "
          "start. Compare the cost curve with the previous scene.", [{"train": 400}])
    net.set_batch_size(None)
    net.set_sizes((2, 4, 3, 1))
    net.reset()
    net.set_jacobian_layer(1)
    scene(lec, "Jacobians and the vector chain rule",
          "Between layers the derivative is a matrix: the Jacobian. Backpropagation multiplies "
          "them, last layer first. Move the input point to see them change; PageDown trains.",
          [{"train": 300}])


def main() -> int:
    from PySide6.QtCore import QSettings, QTemporaryDir

    from gui.app.application import build_window, make_application

    app = make_application([sys.argv[0]])
    scratch = QTemporaryDir()
    settings = QSettings(scratch.filePath("make.ini"), QSettings.Format.IniFormat)
    for name, build in (("1-derivatives-and-gradients", derivatives_lecture),
                        ("2-networks-as-chains-of-functions", network_lecture)):
        model, w = build_window(settings=settings)
        w.resize(1280, 720)
        w.show_for_export()
        assert model.wait_for_analysis(30000)
        lec = w.lecture_commands.lecture
        build(w, lec)
        lec.go_to(0)
        assert model.wait_for_analysis(30000)
        path = w.session.save(HERE / f"{name}.gradlab.json")
        path.chmod(0o644)        # shipped with the app: readable by every user
        print(f"wrote {path} ({len(lec.scenes)} scenes)")
        model.shutdown()
        w.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
