"""PyTorch (float64) reference numbers of the adamw-warmup-cosine exercise.

Writes the JSON file named on the command line: the schedule's learning rates for five
settings (those the public checks use), AdamW trajectories with fixed gradients (one
learning rate per step, set on the parameter group before each step, as a schedule does) and
AdamW with the linear warm-up + cosine schedule on a small regression problem, where the
gradients come from the loss at each step. Run it through make-adamw-exercise-reference.sh.
"""
import json
import math
import sys

import torch

torch.set_default_dtype(torch.float64)


def warmup_cosine(step, peak, minimum, warmup, total):
    """The exercise's schedule: 0 → peak linearly over `warmup` steps, then a half cosine to
    `minimum` at step `total`, then `minimum`."""
    if step < warmup:
        return peak * step / warmup
    if step >= total:
        return minimum
    progress = (step - warmup) / (total - warmup)
    return minimum + (peak - minimum) * 0.5 * (1 + math.cos(math.pi * progress))


def tensor_json(t):
    return {"shape": list(t.shape), "data": t.detach().reshape(-1).tolist()}


def fixed_gradient_case(case_id, seed, shapes, steps, learning_rates, betas, eps, weight_decay):
    generator = torch.Generator().manual_seed(seed)
    parameters = {name: torch.randn(*shape, generator=generator) for name, shape in shapes.items()}
    initial = {name: tensor_json(p) for name, p in parameters.items()}
    for p in parameters.values():
        p.requires_grad_(True)
    optimizer = torch.optim.AdamW(list(parameters.values()), lr=learning_rates[0], betas=betas, eps=eps,
                                  weight_decay=weight_decay)
    gradients, trajectory = [], []
    for step in range(steps):
        step_gradients = {}
        for name, p in parameters.items():
            g = torch.randn(*p.shape, generator=generator) * (1 + 2 * step % 3)
            p.grad = g.clone()
            step_gradients[name] = g.reshape(-1).tolist()
        optimizer.param_groups[0]["lr"] = learning_rates[step]
        optimizer.step()
        gradients.append(step_gradients)
        trajectory.append({name: p.detach().reshape(-1).tolist() for name, p in parameters.items()})
    return {"id": case_id, "learning rates": learning_rates, "betas": list(betas), "epsilon": eps,
            "weight decay": weight_decay, "initial": initial, "gradients": gradients, "trajectory": trajectory}


def regression_case():
    generator = torch.Generator().manual_seed(2019)
    inputs = torch.randn(32, 4, generator=generator)
    true_weight = torch.randn(4, 2, generator=generator)
    targets = inputs @ true_weight + 0.5 + 0.2 * torch.randn(32, 2, generator=generator)
    weight = (0.1 * torch.randn(4, 2, generator=generator)).requires_grad_(True)
    bias = torch.zeros(2, requires_grad=True)
    initial = {"weight": tensor_json(weight), "bias": tensor_json(bias)}
    schedule = {"peak": 0.05, "minimum": 0.001, "warmup": 10, "total": 60}
    betas, eps, weight_decay = (0.9, 0.999), 1e-8, 0.1
    optimizer = torch.optim.AdamW([weight, bias], lr=schedule["peak"], betas=betas, eps=eps, weight_decay=weight_decay)
    rates, losses, trajectory = [], [], []
    for step in range(schedule["total"]):
        rate = warmup_cosine(step, schedule["peak"], schedule["minimum"], schedule["warmup"], schedule["total"])
        optimizer.param_groups[0]["lr"] = rate
        optimizer.zero_grad()
        loss = ((inputs @ weight + bias - targets) ** 2).mean()
        loss.backward()
        optimizer.step()
        rates.append(rate)
        losses.append(loss.item())
        trajectory.append({"weight": weight.detach().reshape(-1).tolist(), "bias": bias.detach().reshape(-1).tolist()})
    return {"inputs": tensor_json(inputs), "targets": tensor_json(targets), "initial": initial, "schedule": schedule,
            "betas": list(betas), "epsilon": eps, "weight decay": weight_decay, "learning rates": rates,
            "losses": losses, "trajectory": trajectory}


def schedule_case(peak, minimum, warmup, total, count):
    return {"peak": peak, "minimum": minimum, "warmup": warmup, "total": total,
            "learning rates": [warmup_cosine(step, peak, minimum, warmup, total) for step in range(count)]}


def main():
    shapes = {"matrix": (2, 3), "vector": (4,)}
    constant = [0.01] * 12
    varying = [0.0, 0.004, 0.008, 0.012, 0.016, 0.02, 0.018, 0.014, 0.009, 0.005, 0.002, 0.001]
    reference = {
        "generator": f"PyTorch {torch.__version__}, float64, torch.optim.AdamW; "
                     "Tests/Tooling/make-adamw-exercise-reference.sh",
        "schedules": [
            schedule_case(0.01, 0.0, 10, 100, 110),
            schedule_case(3e-4, 1e-5, 0, 50, 60),
            schedule_case(0.5, 0.05, 25, 40, 45),
            schedule_case(0.05, 0.001, 10, 60, 60),
            schedule_case(0.05, 0.0, 20, 300, 300),
        ],
        "fixed gradients": [
            fixed_gradient_case("AdamW defaults at learning rate 0.01", 7, shapes, 12, constant, (0.9, 0.999), 1e-8, 0.01),
            fixed_gradient_case("a learning rate that rises and falls, β = (0.8, 0.99), ε = 1e-3, λ = 0.2", 8, shapes, 12,
                                varying, (0.8, 0.99), 1e-3, 0.2),
        ],
        "regression": regression_case(),
    }
    with open(sys.argv[1], "w") as file:
        json.dump(reference, file, indent=1)
        file.write("\n")


if __name__ == "__main__":
    main()
