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

    @Test("retainGrad() keeps the gradient of an intermediate tensor, and it accumulates")
    func retainGrad() throws {
        let x = Tensor([1, 2, 3], requiresGrad: true)
        let doubled = x * 2
        let squared = doubled * doubled
        doubled.retainGrad()
        #expect(doubled.retainsGrad && !squared.retainsGrad)
        let loss = squared.sum()
        loss.backward()
        // d(sum(d²))/dd = 2d = [4, 8, 12]; dx = 2 · that.
        #expect(try #require(doubled.grad).scalars == [4, 8, 12])
        #expect(squared.grad == nil)
        #expect(try #require(x.grad).scalars == [8, 16, 24])
        loss.backward()
        #expect(try #require(doubled.grad).scalars == [8, 16, 24])
        // On a leaf it changes nothing: leaves keep their gradient anyway.
        x.retainGrad()
        #expect(!x.retainsGrad)
    }

    @Test("withoutGradients records nothing, like torch.no_grad()")
    func noGradientScope() {
        let weight = Tensor([1, 2], requiresGrad: true)
        #expect(isRecordingGradients)
        let (inside, wasRecording) = withoutGradients { (weight * 3 + 1, isRecordingGradients) }
        #expect(!wasRecording)
        #expect(!inside.requiresGrad && inside.isLeaf)
        #expect(inside.scalars == [4, 7])
        #expect(isRecordingGradients)
        #expect((weight * 3).requiresGrad)
        // Nested scopes, and errors thrown through the scope.
        struct Stop: Error {}
        #expect(throws: Stop.self) { try withoutGradients { throw Stop() } }
        #expect(isRecordingGradients)
    }

    @Test("Gradients accumulate in place: grad stays the same tensor across backward calls")
    func inPlaceAccumulation() throws {
        let x = Tensor([1, 2], requiresGrad: true)
        (x * 3).sum().backward()
        let gradient = try #require(x.grad)
        (x * x).sum().backward()
        #expect(x.grad === gradient)
        #expect(gradient.scalars == [5, 7])
    }

    @Test("A gradient reaching a tensor along many paths is added up once per path")
    func manyPaths() throws {
        let x = Tensor([1, -1], requiresGrad: true)
        var total = x
        for _ in 0..<9 {
            total = total + x
        }
        (total * Tensor([1, 2])).sum().backward()
        #expect(try #require(x.grad).scalars == [10, 20])
    }

    @Test("subtract(_:scaledBy:) updates a parameter in place, keeping its identity and gradient")
    func parameterUpdate() throws {
        let weight = Tensor([1, 2], requiresGrad: true)
        let sameWeight = weight
        (weight * weight).sum().backward()
        let gradient = try #require(weight.grad)
        weight.subtract(gradient, scaledBy: 0.1)
        #expect(sameWeight.scalars == [0.8, 1.6])
        #expect(weight.requiresGrad && weight.isLeaf)
        #expect(weight.grad === gradient)
        weight.add(Tensor(1), scaledBy: 0.5)
        #expect(weight.scalars == [1.3, 2.1])
        weight.update { values in
            for index in values.indices { values[index] *= 10 }
        }
        #expect(weight.scalars == [13, 21])
        // A detached copy made before the update keeps the old values.
        let snapshot = weight.detached()
        weight.subtract(Tensor([1, 1]))
        #expect(snapshot.scalars == [13, 21])
        #expect(weight.scalars == [12, 20])
    }

    @Test("A training loop: gradient descent fits a line")
    func trainingLoop() throws {
        // y = 3x − 1, learned by full-batch gradient descent on the mean squared error.
        let inputs = Tensor([[0], [1], [2], [3]])
        let targets = inputs * 3 - 1
        let weight = Tensor.zeros([1, 1], requiresGrad: true)
        let bias = Tensor.zeros([1], requiresGrad: true)
        for _ in 0..<2000 {
            weight.zeroGrad()
            bias.zeroGrad()
            let loss = mseLoss(matmul(inputs, weight) + bias, targets)
            loss.backward()
            weight.subtract(try #require(weight.grad), scaledBy: 0.05)
            bias.subtract(try #require(bias.grad), scaledBy: 0.05)
        }
        #expect(isClose(weight.item, 3, tolerance: 1e-9))
        #expect(isClose(bias.item, -1, tolerance: 1e-9))
    }

    @Test("A gradient can be assigned, as with p.grad = … in PyTorch; backward() then adds to it")
    func assignedGradient() throws {
        let weight = Tensor([1, 2], requiresGrad: true)
        weight.grad = Tensor([0.5, 0.5])
        (weight * 2).sum().backward()
        #expect(try #require(weight.grad).scalars == [2.5, 2.5])
        weight.grad = nil
        #expect(weight.grad == nil)
    }
}
