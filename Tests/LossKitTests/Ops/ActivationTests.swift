import LossKit
import Testing

@Suite("Activations: values match NumPy, gradients match central differences")
struct ActivationTests {
    // x = np.array([-30.0, -2.5, -0.75, 0.3, 1.7, 4.2, 25.0])
    let x = Tensor([-30.0, -2.5, -0.75, 0.3, 1.7, 4.2, 25.0])
    static let tolerance = 1e-14

    @Test("relu and leakyRelu match np.maximum(x, 0) and np.where(x > 0, x, 0.01 * x)")
    func rectifiers() {
        #expect(relu(x).scalars == [0.0, 0.0, 0.0, 0.3, 1.7, 4.2, 25.0])
        #expect(allClose(leakyRelu(x).scalars, [-0.3, -0.025, -0.0075, 0.3, 1.7, 4.2, 25.0], tolerance: Self.tolerance))
        #expect(leakyRelu(x, negativeSlope: 0.2).scalars[1] == -0.5)
        #expect(relu(Tensor([.nan])).item.isNaN)
    }

    @Test("sigmoid, tanh, softplus and logSigmoid match NumPy (in extended precision)")
    func smoothFunctions() {
        // 1 / (1 + np.exp(-x)) in np.longdouble
        #expect(allClose(sigmoid(x).scalars, [9.357622968839299e-14, 0.07585818002124355, 0.320821300824607, 0.574442516811659,
                                              0.8455347349164652, 0.9852259683067269, 0.9999999999861121], tolerance: Self.tolerance))
        // np.tanh(x)
        #expect(allClose(tanh(x).scalars, [-1.0, -0.9866142981514303, -0.6351489523872873, 0.2913126124515909,
                                           0.935409070603099, 0.9995503664595334, 1.0], tolerance: Self.tolerance))
        // np.log1p(np.exp(x)) in np.longdouble, and x itself where x > 20 (PyTorch's threshold)
        #expect(allClose(softplus(x).scalars, [9.357622968839737e-14, 0.07888973429254963, 0.38687100611489994, 0.8543552444685271,
                                               1.8677860293862658, 4.214884254671919, 25.0], tolerance: Self.tolerance))
        // np.log1p(np.exp(2x)) / 2 in np.longdouble, and x where 2x > 20
        #expect(allClose(softplus(x, beta: 2).scalars, [4.37825538134826e-27, 0.003357674244559034, 0.1007066389913762,
                                                        0.5187439752429428, 1.7164142352124325, 4.200112421022656, 25.0], tolerance: Self.tolerance))
        // -np.log1p(np.exp(-x)) in np.longdouble
        #expect(allClose(logSigmoid(x).scalars, [-30.000000000000092, -2.5788897342925496, -1.1368710061148999, -0.5543552444685271,
                                                 -0.1677860293862659, -0.014884254671918125, -1.3887943864867583e-11], tolerance: Self.tolerance))
    }

    @Test("The sigmoid family neither overflows nor loses the tail for huge inputs")
    func stability() {
        let extreme = Tensor([-1000, 1000])
        #expect(sigmoid(extreme).scalars == [0, 1])
        #expect(logSigmoid(extreme).scalars == [-1000, 0])
        #expect(softplus(extreme).scalars == [0, 1000])
        #expect(tanh(extreme).scalars == [-1, 1])
    }

    @Test("Gradients", arguments: ["relu", "leakyRelu", "leakyRelu 0.3", "sigmoid", "tanh", "softplus", "softplus beta 12", "logSigmoid"])
    func gradients(_ name: String) {
        GradientCheck.expectGradientsMatch(shapes: [[3, 4]], seed: 41) { inputs in
            let x = inputs[0]
            switch name {
            case "relu": return relu(x)
            case "leakyRelu": return leakyRelu(x)
            case "leakyRelu 0.3": return leakyRelu(x, negativeSlope: 0.3)
            case "sigmoid": return sigmoid(x)
            case "tanh": return tanh(x)
            case "softplus": return softplus(x)
            // β·x reaches past the threshold 20 for the larger inputs, covering both regimes.
            case "softplus beta 12": return softplus(x, beta: 12)
            default: return logSigmoid(x)
            }
        }
    }

    @Test("Gradients stay accurate for large inputs")
    func gradientsOfLargeInputs() {
        let large = Tensor([-40, -12, 12, 40], requiresGrad: true)
        GradientCheck.expectGradientsMatch(inputs: [large]) { inputs in logSigmoid(inputs[0]) }
        GradientCheck.expectGradientsMatch(inputs: [large]) { inputs in sigmoid(inputs[0]) }
        GradientCheck.expectGradientsMatch(inputs: [large]) { inputs in softplus(inputs[0]) }
    }

    @Test("At 0: relu passes no gradient, leakyRelu passes the negative slope (as in PyTorch)")
    func kinkConventions() throws {
        let x = Tensor([-1, 0, 1], requiresGrad: true)
        relu(x).sum().backward()
        #expect(try #require(x.grad).scalars == [0, 0, 1])
        x.zeroGrad()
        leakyRelu(x, negativeSlope: 0.1).sum().backward()
        #expect(try #require(x.grad).scalars == [0.1, 0.1, 1])
    }

    @Test("Derivatives at known points: σ′(0) = 1/4, tanh′(0) = 1, softplus′(0) = 1/2, (log σ)′(0) = 1/2")
    func derivativesAtZero() throws {
        for (function, expected) in [(sigmoid, 0.25), (tanh, 1), ({ softplus($0) }, 0.5), (logSigmoid, 0.5)] as [((Tensor) -> Tensor, Double)] {
            let zero = Tensor(0, requiresGrad: true)
            function(zero).backward()
            #expect(try #require(zero.grad).item == expected)
        }
    }
}
