import LossKit
import Testing

@Suite("Elementwise math: values match NumPy, gradients match central differences")
struct ElementwiseMathTests {
    /// Forward values agree with NumPy to within a few rounding errors.
    static let numpyTolerance = 1e-14

    // A = [[0.5, -1.25, 2.0], [3.5, 0.75, -2.5]], r = [1.5, -0.5, 0.25]
    let matrix = Tensor([[0.5, -1.25, 2.0], [3.5, 0.75, -2.5]])
    let row = Tensor([1.5, -0.5, 0.25])
    // p = np.array([0.001, 0.25, 1.0, 2.5, 100.0])
    let positive = Tensor([0.001, 0.25, 1.0, 2.5, 100.0])
    // x = np.array([-30.0, -2.5, -0.75, 0.3, 1.7, 4.2, 25.0])
    let mixed = Tensor([-30.0, -2.5, -0.75, 0.3, 1.7, 4.2, 25.0])

    @Test("pow matches np.power, with a number, a broadcast tensor, or a number base")
    func powerValues() {
        // np.power(A, 2)
        #expect(pow(matrix, 2).scalars == [0.25, 1.5625, 4.0, 12.25, 0.5625, 6.25])
        // np.power(np.abs(A), r)
        let broadcast = pow(abs(matrix), row)
        #expect(broadcast.shape == [2, 3])
        #expect(allClose(broadcast.scalars, [0.3535533905932738, 0.8944271909999159, 1.189207115002721,
                                             6.547900426854397, 1.1547005383792515, 1.2574334296829355], tolerance: Self.numpyTolerance))
        // np.power(2.0, A)
        #expect(allClose(pow(2, matrix).scalars, [1.4142135623730951, 0.42044820762685725, 4.0,
                                                  11.313708498984761, 1.681792830507429, 0.1767766952966369], tolerance: Self.numpyTolerance))
    }

    @Test("exp, log, log1p and sqrt match NumPy")
    func exponentialsAndLogarithms() {
        // np.exp(x)
        #expect(allClose(exp(mixed).scalars, [9.357622968840175e-14, 0.0820849986238988, 0.4723665527410147, 1.3498588075760032,
                                              5.4739473917272, 66.68633104092515, 72004899337.38586], tolerance: Self.numpyTolerance))
        // np.log(p), np.log1p(p), np.sqrt(p)
        #expect(allClose(log(positive).scalars, [-6.907755278982137, -1.3862943611198906, 0.0, 0.9162907318741551, 4.605170185988092],
                         tolerance: Self.numpyTolerance))
        #expect(allClose(log1p(positive).scalars, [0.0009995003330835331, 0.22314355131420976, 0.6931471805599453,
                                                   1.252762968495368, 4.61512051684126], tolerance: Self.numpyTolerance))
        #expect(allClose(sqrt(positive).scalars, [0.03162277660168379, 0.5, 1.0, 1.5811388300841898, 10.0], tolerance: Self.numpyTolerance))
        // np.log1p(1e-10): log(1 + x) would lose every digit here.
        #expect(isClose(log1p(Tensor(1e-10)).item, 9.999999999500001e-11, tolerance: 1e-15))
        #expect(log(Tensor([0])).item == -.infinity)
        #expect(log(Tensor([-1])).item.isNaN)
    }

    @Test("abs and sign match NumPy")
    func absoluteValueAndSign() {
        #expect(abs(mixed).scalars == [30.0, 2.5, 0.75, 0.3, 1.7, 4.2, 25.0])
        #expect(sign(mixed).scalars == [-1.0, -1.0, -1.0, 1.0, 1.0, 1.0, 1.0])
        #expect(sign(Tensor([0, -0.0])).scalars == [0, 0])
        #expect(sign(Tensor([.nan])).item.isNaN)
    }

    @Test("Gradients of one-input functions", arguments: ["exp", "tanh", "abs", "pow 3", "pow -1.5", "pow 0"])
    func unaryGradients(_ name: String) {
        GradientCheck.expectGradientsMatch(shapes: [[2, 3]], seed: 31) { inputs in
            let x = inputs[0]
            switch name {
            case "exp": return exp(x)
            case "tanh": return tanh(x)
            case "abs": return abs(x)
            case "pow 3": return pow(x, 3)
            case "pow -1.5": return pow(abs(x), -1.5)
            default: return pow(x, 0)
            }
        }
    }

    @Test("Gradients of functions defined for positive inputs", arguments: ["log", "log1p", "sqrt", "pow 0.5"])
    func positiveGradients(_ name: String) {
        GradientCheck.expectGradientsMatch(shapes: [[3, 2]], seed: 32, positive: true) { inputs in
            let x = inputs[0]
            switch name {
            case "log": return log(x)
            case "log1p": return log1p(x)
            case "sqrt": return sqrt(x)
            default: return pow(x, 0.5)
            }
        }
    }

    @Test("pow of two tensors: gradients for base and exponent, with broadcasting",
          arguments: [([2, 3], [2, 3]), ([2, 3], [3]), ([3], [2, 3]), ([2, 1], [1, 3]), ([2, 3], [])] as [([Int], [Int])])
    func powerOfTensors(_ baseShape: [Int], _ exponentShape: [Int]) {
        var sampler = SampleValues(seed: 33)
        let base = Tensor(shape: baseShape, scalars: sampler.nextPositive(count: baseShape.reduce(1, *)), requiresGrad: true)
        let exponent = Tensor(shape: exponentShape, scalars: sampler.next(count: exponentShape.reduce(1, *)), requiresGrad: true)
        GradientCheck.expectGradientsMatch(inputs: [base, exponent]) { inputs in pow(inputs[0], inputs[1]) }
        // A number raised to a tensor.
        GradientCheck.expectGradientsMatch(inputs: [exponent]) { inputs in pow(2.5, inputs[0]) }
    }

    @Test("sign is flat: its gradient is zero everywhere")
    func signGradient() throws {
        let x = Tensor([-2, 0.5, 3], requiresGrad: true)
        let y = sign(x)
        #expect(y.requiresGrad)
        (y * Tensor([1, 2, 3])).sum().backward()
        #expect(try #require(x.grad).scalars == [0, 0, 0])
    }

    @Test("At the kinks: abs has gradient 0 at 0, sqrt has gradient ∞ at 0 (as in PyTorch)")
    func kinks() throws {
        let x = Tensor([-1, 0, 2], requiresGrad: true)
        abs(x).sum().backward()
        #expect(try #require(x.grad).scalars == [-1, 0, 1])
        let root = Tensor([0, 4], requiresGrad: true)
        sqrt(root).sum().backward()
        #expect(try #require(root.grad).scalars == [.infinity, 0.25])
    }

    @Test("pow conventions at zero, as in PyTorch")
    func powerAtZero() throws {
        // x⁰ has gradient 0 even at x = 0; d(0^y)/dy is 0 for y ≥ 0.
        let x = Tensor([0, 2], requiresGrad: true)
        pow(x, 0).sum().backward()
        #expect(try #require(x.grad).scalars == [0, 0])
        let base = Tensor([0, 0, 2], requiresGrad: true)
        let exponent = Tensor([0, 2, 3], requiresGrad: true)
        pow(base, exponent).sum().backward()
        #expect(try #require(exponent.grad).scalars[0...1] == [0, 0])
        #expect(isClose(try #require(exponent.grad).scalars[2], 8 * 0.6931471805599453, tolerance: 1e-15))
        #expect(try #require(base.grad).scalars == [0, 0, 12])
    }
}
