"""A small course for the browser check: five chapters with figures, math, a hidden cell, a
failing cell and a searchable term in chapter 5, plus one exercise copied from the real course."""

import pathlib
import shutil

#: A word that only chapter 5 uses, for the search check.
SEARCH_TERM = "heteroscedastic"

#: The course title: long enough to overflow a 390 px header unless it is cut.
LONG_TITLE = "A test course about loss functions, with a title far too long for a phone"

FENCE = "```"


def cell(code, options=""):
    return f"{FENCE}swift{' ' + options if options else ''}\n{code}\n{FENCE}\n"


CELL_1 = cell('let xs = stride(from: -2.0, through: 2.0, by: 0.25).map { $0 }\nlet parabola = Figure(width: 560, height: 320)\nparabola.axes.title = "Squared error"\nparabola.axes.xLabel = "residual"\nparabola.axes.plot(xs, xs.map { $0 * $0 }, label: "r²")\ndisplay(parabola)')
CELL_2 = cell('let both = Figure(width: 560, height: 320)\nboth.axes.title = "Absolute and squared error"\nboth.axes.plot(xs, xs.map { abs($0) }, label: "|r|")\nboth.axes.plot(xs, xs.map { $0 * $0 }, label: "r²")\ndisplay(both)')
CELL_3 = cell('let p = Tensor([1.0, 2.0], requiresGrad: true)\nlet loss = mseLoss(p, Tensor([0.0, 0.0]))\nloss.backward()\np.grad?.scalars ?? []')
CELL_4 = cell('let secret = 21 * 2', 'hide')
CELL_5 = cell('print("the answer is", secret)')
CELL_6 = cell('let never = 1 / 0', 'no-run')
CELL_7 = cell('let numbers = [1, 2, 3]\nprint(numbers.count)')
CELL_8 = cell('print(numbers[7])')
CELL_9 = cell('print("after")')
CELL_WIDE_CODE = cell('let aVeryLongNameForALearningRateThatDoesNotFitOnANarrowScreen = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0]\nprint(aVeryLongNameForALearningRateThatDoesNotFitOnANarrowScreen.count)')
CELL_WIDE_TABLE = cell('display(Table(["learning rate", "final training loss", "test accuracy", "weight norm at the end", "steps until the loss falls below 0.1"], [[0.001, 0.25, 0.91, 12.5, 300], [0.01, 0.05, 0.95, 14.25, 80]]))')
CELL_10 = cell('func huber(_ r: Double, delta: Double = 1) -> Double {\n    abs(r) <= delta ? 0.5 * r * r : delta * (abs(r) - 0.5 * delta)\n}\nlet rs = stride(from: -3.0, through: 3.0, by: 0.1).map { $0 }\nlet figure = Figure(width: 560, height: 320)\nfigure.axes.title = "Huber loss, δ = 1"\nfigure.axes.plot(rs, rs.map { huber($0) }, label: "huber")\ndisplay(figure)')

LESSONS = {
    "01-figures.md": f"""# Figures

Cells draw figures with LossPlot; the site shows them below the cell.

## A parabola

{CELL_1}
## Two curves

{CELL_2}
""",
    "02-math.md": f"""# Math

The mean squared error is $\\mathrm{{MSE}} = \\frac{{1}}{{N}} \\sum_{{i=1}}^{{N}} (p_i - y_i)^2$, and its
gradient with respect to one prediction is

$$
\\frac{{\\partial\\, \\mathrm{{MSE}}}}{{\\partial p_i}} = \\frac{{2}}{{N}} (p_i - y_i).
$$

Prices such as $5 or $10 stay text, and so does `let price = "$5"`.

## Checking it

{CELL_3}
""",
    "03-hidden-cells.md": f"""# Hidden cells

A cell marked `hide` runs, but its code is folded away.

## Setting up

{CELL_4}
The hidden cell made a value:

{CELL_5}
## Shown only

{CELL_6}
""",
    "04-a-failing-cell.md": f"""# A failing cell

The second cell traps; the site shows its message, and the cell after it did not run.

{CELL_7}
{CELL_8}
{CELL_9}
""",
    "05-robust-losses.md": f"""# Robust losses

## The Huber loss

When the noise is {SEARCH_TERM} — larger for some samples than for others — a few large
residuals dominate the squared error. The Huber loss is quadratic near zero and linear beyond
$\\delta$.

{CELL_10}
## Wide content

Long lines scroll inside their block, like `aVeryLongNameForALearningRateThatDoesNotFitOnANarrowScreen`:

{CELL_WIDE_CODE}
{CELL_WIDE_TABLE}
| loss | gradient near zero | gradient far away | robust to outliers | smooth everywhere | typical use |
|---|---|---|---|---|---|
| squared error | proportional to the residual | grows without bound | no | yes | clean data with Gaussian noise |
| Huber | proportional to the residual | capped at δ | yes | only once | mostly clean data with a few outliers |

## Summary

Robust losses trade a little efficiency for a lot of safety.
""",
}


def write_test_course(folder, exercise):
    """Writes the lessons into `folder/lessons` and copies `exercise` into `folder/exercises`."""
    lessons = pathlib.Path(folder) / "lessons"
    lessons.mkdir(parents=True, exist_ok=True)
    for name, text in LESSONS.items():
        (lessons / name).write_text(text, encoding="utf-8")
    # A title too long for a phone's header, which must not widen the page.
    chapters = ", ".join(f'{{"file": "{name}", "prerequisites": []}}' for name in sorted(LESSONS))
    (lessons / "course.json").write_text(
        f'{{"title": "{LONG_TITLE}", "chapters": [{chapters}]}}', encoding="utf-8")
    exercises = pathlib.Path(folder) / "exercises"
    exercises.mkdir(exist_ok=True)
    shutil.copytree(exercise, exercises / pathlib.Path(exercise).name,
                    ignore=shutil.ignore_patterns("Solution.swift", "HiddenTests.swift"))
