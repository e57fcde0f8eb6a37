"""PyTorch float64 reference numbers for LossKit's gradients of gradients.

Writes one JSON file (the path is the only argument) in the layout of the other fixtures:
{"generator", "conventions", "cases": [...]}. Every case lists its tensors in `inputs` (class
labels as `ints`), the scalars it computes in `outputs`, and in `grad[output][input]` the
gradient of that output with respect to that input, computed by a second backward pass through
a graph that torch.autograd.grad(..., create_graph=True) recorded (or, for `hvp`, the
Hessian-vector product H·v of the loss, one entry per parameter). Run it through
make-second-order-golden.sh.
"""

import json
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
SEED = 19


def tensor_json(t):
    t = t.detach()
    if t.dtype in (torch.int64, torch.int32):
        return {"shape": list(t.shape), "ints": t.reshape(-1).tolist()}
    return {"shape": list(t.shape), "data": t.reshape(-1).tolist()}


def randn(*shape, scale=1.0):
    return (torch.randn(*shape) * scale).requires_grad_(True)


def mlp(x, params, activation):
    """Two linear layers (weights [out, in], as torch.nn.Linear) with `activation` between."""
    w1, b1, w2, b2 = params
    return F.linear(activation(F.linear(x, w1, b1)), w2, b2)


def hvp_case(case_id, loss_of, inputs, params, names, extra=None):
    """Loss value, gradient and Hessian-vector product H·v for one fixed direction v per parameter."""
    loss = loss_of(params)
    grads = torch.autograd.grad(loss, params, create_graph=True)
    vectors = [torch.randn_like(p) for p in params]
    dot = sum((g * v).sum() for g, v in zip(grads, vectors))
    products = torch.autograd.grad(dot, params)
    case = {
        "id": case_id,
        "kind": "hvp",
        "params": extra or {},
        "inputs": {**{k: tensor_json(v) for k, v in inputs.items()},
                   **{n: tensor_json(p) for n, p in zip(names, params)},
                   **{"v_" + n: tensor_json(v) for n, v in zip(names, vectors)}},
        "outputs": {"loss": tensor_json(loss)},
        "grad": {"loss": {n: tensor_json(g) for n, g in zip(names, grads)},
                 "hvp": {n: tensor_json(h) for n, h in zip(names, products)}},
    }
    return case


def cases():
    torch.manual_seed(SEED)
    out = []
    names = ["w1", "b1", "w2", "b2"]

    # 1. Cross-entropy through a tanh MLP.
    x = torch.randn(6, 4)
    y = torch.tensor([0, 2, 1, 1, 0, 2])
    params = [randn(5, 4, scale=0.7), randn(5, scale=0.3), randn(3, 5, scale=0.7), randn(3, scale=0.3)]
    out.append(hvp_case("hvp/cross-entropy/tanh-mlp",
                        lambda p: F.cross_entropy(mlp(x, p, torch.tanh), y),
                        {"x": x, "labels": y}, params, names))

    # 2. Weighted, smoothed cross-entropy through a softplus MLP.
    x = torch.randn(5, 3)
    y = torch.tensor([1, 0, 3, 3, 2])
    weight = torch.tensor([0.5, 2.0, 1.0, 1.5])
    params = [randn(6, 3, scale=0.8), randn(6, scale=0.3), randn(4, 6, scale=0.6), randn(4, scale=0.3)]
    out.append(hvp_case("hvp/cross-entropy/softplus-mlp-weighted-smoothed",
                        lambda p: F.cross_entropy(mlp(x, p, F.softplus), y, weight=weight, label_smoothing=0.1),
                        {"x": x, "labels": y, "class_weight": weight}, params, names,
                        {"label_smoothing": 0.1}))

    # 3. MSE through a sigmoid MLP.
    x = torch.randn(5, 3)
    target = torch.randn(5, 2)
    params = [randn(6, 3, scale=0.8), randn(6, scale=0.3), randn(2, 6, scale=0.6), randn(2, scale=0.3)]
    out.append(hvp_case("hvp/mse/sigmoid-mlp",
                        lambda p: F.mse_loss(mlp(x, p, torch.sigmoid), target),
                        {"x": x, "target": target}, params, names))

    # 4. MSE through a small convolutional network: conv (padding 1) → GELU → 2×2 max pool →
    #    flatten → linear.
    images = torch.randn(2, 1, 4, 4)
    target = torch.randn(2, 2)
    conv_params = [randn(2, 1, 3, 3, scale=0.5), randn(2, scale=0.2), randn(2, 8, scale=0.4), randn(2, scale=0.2)]

    def conv_net(p):
        k, kb, w, b = p
        features = F.max_pool2d(F.gelu(F.conv2d(images, k, kb, padding=1)), 2)
        return F.mse_loss(F.linear(features.reshape(2, -1), w, b), target)

    out.append(hvp_case("hvp/mse/conv-gelu-maxpool", conv_net, {"images": images, "target": target},
                        conv_params, ["kernel", "kernel_bias", "w", "b"]))

    # 5. A gradient-norm penalty on the parameters: L + ½·Σ‖∂L/∂θ‖², backward through create_graph.
    x = torch.randn(6, 3)
    target = torch.randn(6, 2)
    params = [randn(5, 3, scale=0.8), randn(5, scale=0.3), randn(2, 5, scale=0.6), randn(2, scale=0.3)]
    loss = F.mse_loss(mlp(x, params, torch.tanh), target)
    grads = torch.autograd.grad(loss, params, create_graph=True)
    penalty = sum((g * g).sum() for g in grads)
    total = loss + 0.5 * penalty
    total_grads = torch.autograd.grad(total, params)
    out.append({
        "id": "penalty/parameter-gradient-norm/tanh-mlp-mse", "kind": "parameter-gradient-penalty",
        "params": {"penalty_weight": 0.5},
        "inputs": {"x": tensor_json(x), "target": tensor_json(target), **{n: tensor_json(p) for n, p in zip(names, params)}},
        "outputs": {"loss": tensor_json(loss), "penalty": tensor_json(penalty), "total": tensor_json(total)},
        "grad": {"total": {n: tensor_json(g) for n, g in zip(names, total_grads)}},
    })

    # 6. A penalty on the gradient with respect to the input (double backpropagation):
    #    CE + 0.1·‖∂CE/∂x‖², differentiated with respect to the parameters and the input.
    x = randn(4, 3)
    y = torch.tensor([2, 0, 1, 2])
    params = [randn(5, 3, scale=0.8), randn(5, scale=0.3), randn(3, 5, scale=0.6), randn(3, scale=0.3)]
    loss = F.cross_entropy(mlp(x, params, F.relu), y)
    (input_gradient,) = torch.autograd.grad(loss, x, create_graph=True)
    penalty = (input_gradient * input_gradient).sum()
    total = loss + 0.1 * penalty
    total_grads = torch.autograd.grad(total, params + [x])
    out.append({
        "id": "penalty/input-gradient-norm/relu-mlp-cross-entropy", "kind": "input-gradient-penalty",
        "params": {"penalty_weight": 0.1},
        "inputs": {"x": tensor_json(x), "labels": tensor_json(y), **{n: tensor_json(p) for n, p in zip(names, params)}},
        "outputs": {"loss": tensor_json(loss), "penalty": tensor_json(penalty), "total": tensor_json(total)},
        "grad": {"total": {n: tensor_json(g) for n, g in zip(names + ["x"], total_grads)}},
    })

    # 7. WGAN-GP (Gulrajani et al. 2017): λ·E[(‖∇f(x̂)‖₂ − 1)²] at x̂ = ε·real + (1 − ε)·fake, for a
    #    critic Linear(2, 8) → leaky ReLU(0.2) → Linear(8, 8) → tanh → Linear(8, 1).
    real = torch.randn(6, 2) + torch.tensor([2.0, -1.0])
    fake = randn(6, 2)
    epsilon = torch.rand(6)
    critic_names = ["w1", "b1", "w2", "b2", "w3", "b3"]
    critic = [randn(8, 2, scale=0.7), randn(8, scale=0.2), randn(8, 8, scale=0.4), randn(8, scale=0.2),
              randn(1, 8, scale=0.5), randn(1, scale=0.1)]

    def critic_of(samples):
        w1, b1, w2, b2, w3, b3 = critic
        hidden = torch.tanh(F.linear(F.leaky_relu(F.linear(samples, w1, b1), 0.2), w2, b2))
        return F.linear(hidden, w3, b3)

    mixed = epsilon.reshape(6, 1) * real + (1 - epsilon.reshape(6, 1)) * fake
    scores = critic_of(mixed)
    (slopes,) = torch.autograd.grad(scores.sum(), mixed, create_graph=True)
    penalty = 10.0 * ((slopes.reshape(6, -1).norm(2, dim=1) - 1) ** 2).mean()
    critic_loss = critic_of(fake).mean() - critic_of(real).mean() + penalty
    penalty_grads = torch.autograd.grad(penalty, critic + [fake], retain_graph=True, allow_unused=True,
                                        materialize_grads=True)  # b3 does not move the slopes: 0
    loss_grads = torch.autograd.grad(critic_loss, critic + [fake])
    out.append({
        "id": "wgan-gp/leaky-tanh-critic", "kind": "wgan-gradient-penalty", "params": {"lambda": 10.0},
        "inputs": {"real": tensor_json(real), "fake": tensor_json(fake), "epsilon": tensor_json(epsilon),
                   **{n: tensor_json(p) for n, p in zip(critic_names, critic)}},
        "outputs": {"penalty": tensor_json(penalty), "critic_loss": tensor_json(critic_loss)},
        "grad": {"penalty": {n: tensor_json(g) for n, g in zip(critic_names + ["fake"], penalty_grads)},
                 "critic_loss": {n: tensor_json(g) for n, g in zip(critic_names + ["fake"], loss_grads)}},
    })

    # 8. Gradient harmonisation: three tasks on a shared tanh layer; gᵢ = ∂Lᵢ/∂(shared weight, bias),
    #    flattened; penalty = Σ_{i<j} max(0, −cos(gᵢ, gⱼ)); total = ΣLᵢ + 0.5·penalty.
    #    Seeds are tried in order until at least one pair conflicts clearly (cos < −0.1).
    for attempt in range(100):
        torch.manual_seed(1000 + attempt)
        x = torch.randn(6, 4)
        shared = [randn(5, 4, scale=0.7), randn(5, scale=0.3)]
        heads = [randn(2, 5, scale=0.6), randn(2, scale=0.2), randn(3, 5, scale=0.6), randn(3, scale=0.2),
                 randn(1, 5, scale=0.6), randn(1, scale=0.2)]
        regression_target = torch.randn(6, 2)
        labels = torch.tensor([0, 2, 1, 1, 2, 0])
        binary_target = torch.tensor([[1.0], [0.0], [0.0], [1.0], [1.0], [0.0]])
        hidden = torch.tanh(F.linear(x, *shared))
        losses = [F.mse_loss(F.linear(hidden, heads[0], heads[1]), regression_target),
                  F.cross_entropy(F.linear(hidden, heads[2], heads[3]), labels),
                  F.binary_cross_entropy_with_logits(F.linear(hidden, heads[4], heads[5]), binary_target)]
        task_grads = [torch.cat([g.reshape(-1) for g in torch.autograd.grad(l, shared, create_graph=True)])
                      for l in losses]
        cosines = [[torch.dot(a, b) / (a.norm() * b.norm()) for b in task_grads] for a in task_grads]
        if min(cosines[i][j].item() for i in range(3) for j in range(3) if i < j) < -0.1:
            break
    penalty = sum(torch.clamp(-cosines[i][j], min=0) for i in range(3) for j in range(3) if i < j)
    total = sum(losses) + 0.5 * penalty
    all_params = shared + heads
    param_names = ["shared_weight", "shared_bias", "regression_weight", "regression_bias",
                   "class_weight", "class_bias", "binary_weight", "binary_bias"]
    total_grads = torch.autograd.grad(total, all_params)
    out.append({
        "id": "harmonization/three-tasks-shared-tanh", "kind": "gradient-harmonization",
        "params": {"penalty_weight": 0.5, "seed": 1000 + attempt},
        "inputs": {"x": tensor_json(x), "regression_target": tensor_json(regression_target),
                   "labels": tensor_json(labels), "binary_target": tensor_json(binary_target),
                   **{n: tensor_json(p) for n, p in zip(param_names, all_params)}},
        "outputs": {"task_losses": tensor_json(torch.stack(losses)), "penalty": tensor_json(penalty),
                    "cosines": tensor_json(torch.stack([torch.stack(row) for row in cosines])),
                    "total": tensor_json(total)},
        "grad": {"total": {n: tensor_json(g) for n, g in zip(param_names, total_grads)}},
    })

    # 9. A third derivative: T(v, v) = ∇⟨∇⟨∇f, v⟩, v⟩ for f(x) = Σ c·log_softmax(tanh(x)·A) along rows.
    torch.manual_seed(SEED + 1)
    x = randn(3, 4)
    a = torch.randn(4, 4)
    c = torch.randn(3, 4)
    v = torch.randn(3, 4)
    f = (c * F.log_softmax(torch.tanh(x) @ a, dim=1)).sum()
    (g1,) = torch.autograd.grad(f, x, create_graph=True)
    (g2,) = torch.autograd.grad((g1 * v).sum(), x, create_graph=True)
    (g3,) = torch.autograd.grad((g2 * v).sum(), x)
    out.append({
        "id": "third-order/log-softmax-tanh", "kind": "third-order", "params": {},
        "inputs": {"x": tensor_json(x), "a": tensor_json(a), "c": tensor_json(c), "v": tensor_json(v)},
        "outputs": {"f": tensor_json(f)},
        "grad": {"f": {"x": tensor_json(g1)}, "hvp": {"x": tensor_json(g2)}, "third": {"x": tensor_json(g3)}},
    })
    return out


def main():
    document = {
        "generator": f"PyTorch {torch.__version__}, float64, seed {SEED} (Tests/Tooling/second_order_golden.py)",
        "conventions": (
            "inputs: every tensor of the case (class labels as ints; parameters under their names; "
            "for kind hvp, v_<name> is the direction for parameter <name>). outputs: the scalars computed. "
            "grad[output][input] is d(output)/d(input), computed through a graph recorded with "
            "torch.autograd.grad(..., create_graph=True); grad[hvp][name] is the Hessian-vector product "
            "(H v) of the loss for parameter <name>; grad[third][x] is grad of <grad of <grad f, v>, v>. "
            "Linear layers follow torch.nn.functional.linear: weight [out, in]."
        ),
        "cases": cases(),
    }
    with open(sys.argv[1], "w") as file:
        json.dump(document, file)
        file.write("\n")


if __name__ == "__main__":
    main()
