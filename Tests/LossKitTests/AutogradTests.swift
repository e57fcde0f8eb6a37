import LossKit
import Testing

@Suite("Automatic differentiation")
struct AutogradTests {
    @Test("Only operations on tensors that require gradients record history")
    func historyIsRecordedOnlyWhenNeeded() {
        let plain = Tensor([1, 2])
        let tracked = Tensor([3, 4], requiresGrad: true)
        let untracked = plain * 2
        #expect(!untracked.requiresGrad)
        #expect(untracked.isLeaf)
        let result = plain * tracked
        #expect(result.requiresGrad)
        #expect(!result.isLeaf)
    }

    @Test("backward() on a scalar fills the leaves' gradients")
    func simpleGradient() throws {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let y = Tensor(2, requiresGrad: true)
        (x * x * y).sum().backward()
        // d/dx sum(x² y) = 2xy, d/dy = sum(x²)
        #expect(try #require(x.grad).scalars == [4, 8, 12])
        #expect(try #require(y.grad).item == 14)
    }

    @Test("Gradients accumulate across backward calls until zeroGrad")
    func accumulation() throws {
        let x = Tensor([1, -2], requiresGrad: true)
        (x * x).sum().backward()
        #expect(try #require(x.grad).scalars == [2, -4])
        // A second forward and backward adds to the gradient, like PyTorch.
        (x * 3).sum().backward()
        #expect(try #require(x.grad).scalars == [5, -1])
        // Going backward twice through the same graph adds twice.
        let loss = (x * x).sum()
        x.zeroGrad()
        #expect(x.grad == nil)
        loss.backward()
        loss.backward()
        #expect(try #require(x.grad).scalars == [4, -8])
    }

    @Test("zeroGrad starts the gradient again from nothing")
    func zeroGrad() throws {
        let w = Tensor(3, requiresGrad: true)
        (w * w).backward()
        #expect(w.grad?.item == 6)
        w.zeroGrad()
        #expect(w.grad == nil)
        (w * 5).backward()
        #expect(try #require(w.grad).item == 5)
    }

    @Test("The gradient itself does not track gradients")
    func gradientIsPlain() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        (x * x).sum().backward()
        let gradient = try #require(x.grad)
        #expect(!gradient.requiresGrad)
        #expect(gradient.isLeaf)
    }

    @Test("detached() stops gradients")
    func detachedStopsGradients() throws {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let frozen = (x * 2).detached()
        #expect(!frozen.requiresGrad)
        #expect(frozen.isLeaf)
        #expect(frozen.scalars == [2, 4, 6])
        // Only the x factor carries a gradient: d/dx sum(frozen * x) = frozen.
        (frozen * x).sum().backward()
        #expect(try #require(x.grad).scalars == [2, 4, 6])
    }

    @Test("Intermediate tensors do not keep a gradient")
    func nonLeavesKeepNoGradient() {
        let x = Tensor([1, 2], requiresGrad: true)
        let doubled = x * 2
        let loss = doubled.sum()
        loss.backward()
        #expect(doubled.grad == nil)
        #expect(loss.grad == nil)
        #expect(x.grad?.scalars == [2, 2])
    }

    @Test("backward() on a leaf gives it a gradient of one")
    func backwardOnLeaf() {
        let x = Tensor(4, requiresGrad: true)
        x.backward()
        #expect(x.grad?.item == 1)
    }

    @Test("backward(gradient:) weights each output element")
    func backwardWithGradient() throws {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let y = x * x
        y.backward(gradient: Tensor([1, 0.5, -1]))
        #expect(try #require(x.grad).scalars == [2, 2, -6])
    }

    @Test("A tensor reached along several paths collects the gradient of every path")
    func diamond() throws {
        // a = 2x, b = a + a·a, loss = sum(b · x); dloss/dx = b + x·(2 + 8x) = 2x + 4x² + 2x + 8x²
        let x = Tensor([1, -1, 0.5], requiresGrad: true)
        let a = x * 2
        let b = a + a * a
        (b * x).sum().backward()
        let expected = x.scalars.map { 4 * $0 + 12 * $0 * $0 }
        #expect(allClose(try #require(x.grad).scalars, expected, tolerance: 1e-15))
    }

    @Test("Inputs that do not require gradients get none")
    func constantsGetNoGradient() {
        let constant = Tensor([1, 2])
        let weight = Tensor([3, 4], requiresGrad: true)
        (constant * weight).sum().backward()
        #expect(constant.grad == nil)
        #expect(weight.grad?.scalars == [1, 2])
    }

    @Test("Very long chains of operations neither overflow the stack going backward nor when released")
    func longChain() throws {
        let x = Tensor(1, requiresGrad: true)
        var y = x
        for _ in 0..<100_000 {
            y = y * 1.00001 + 0
        }
        y.backward()
        let gradient = try #require(x.grad).item
        #expect(isClose(gradient, 2.718268237, tolerance: 1e-8))
    }
}
