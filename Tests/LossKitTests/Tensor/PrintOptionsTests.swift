import LossKit
import Testing

/// The print format follows PyTorch's `torch._tensor_str._Formatter` (precision 4): the strings
/// below are what `print(torch.tensor(values, dtype=torch.float64))` shows, without PyTorch's
/// padding to a common width.
@Suite("Print options")
struct PrintOptionsTests {
    let standard = PrintOptions.standard

    @Test("four decimals by default, as PyTorch prints them")
    func fourDecimals() {
        #expect(standard.format([-7.297182206708461, 0.39476503169311405, 2.0]) == ["-7.2972", "0.3948", "2.0000"])
        #expect(standard.format(0.6713697636783833) == "0.6714")
        #expect(standard.format([0.1375]) == ["0.1375"])
    }

    @Test("whole numbers print whole, however many digits they have below 10⁸")
    func wholeNumbers() {
        #expect(standard.format([1, 2, 3]) == ["1.0", "2.0", "3.0"])
        #expect(standard.format([0, -7, 12345]) == ["0.0", "-7.0", "12345.0"])
        #expect(standard.format([2e8, 1]) == ["2.0000e+08", "1.0000e+00"])
    }

    @Test("scientific notation when the magnitudes span more than 1000, or fall below 10⁻⁴")
    func scientific() {
        #expect(standard.format([1.5, 2000.25]) == ["1.5000e+00", "2.0002e+03"])
        #expect(standard.format([3.204528025289114e-11]) == ["3.2045e-11"])
        #expect(standard.format([0.0, 0.5]) == ["0.0000", "0.5000"], "zero does not count as a magnitude")
        #expect(standard.format([1.5, 1499.5]) == ["1.5000", "1499.5000"], "a span of 1000 exactly stays fixed")
    }

    @Test("NaN and infinities print as PyTorch prints them, and do not change the format of the rest")
    func nonFinite() {
        #expect(standard.format([.nan, .infinity, -.infinity, 0.25]) == ["nan", "inf", "-inf", "0.2500"])
    }

    @Test("precision and notation change the format")
    func options() {
        #expect(PrintOptions(precision: 2).format([0.12345, 2.5]) == ["0.12", "2.50"])
        #expect(PrintOptions(precision: 6).format(0.6713697636783833) == "0.671370")
        #expect(PrintOptions(precision: 3, notation: .fixed).format([1e-6, 1]) == ["0.000", "1.000"])
        #expect(PrintOptions(precision: 1, notation: .scientific).format([250, 1]) == ["2.5e+02", "1.0e+00"])
    }

    @Test("string interpolation with a precision writes fixed decimals, scientific only at the extremes")
    func interpolation() {
        #expect("\(0.6713697636783833, precision: 4)" == "0.6714")
        #expect("\(2.0, precision: 3)" == "2.000")
        #expect("\(1.1893007858881553e-15, precision: 3)" == "1.189e-15")
        #expect("\(-123456789.0, precision: 1)" == "-1.2e+08")
        #expect("\([0.5, 0.25], precision: 2)" == "[0.50, 0.25]")
    }

    @Test("tensors print in the current format; the summarized entries decide it")
    func tensors() {
        #expect(Tensor([-7.297182206708461, 0.39476503169311405]).description == "tensor([-7.2972, 0.3948])")
        #expect(Tensor(0.5, requiresGrad: true).description == "tensor(0.5000, requiresGrad: true)")
        #expect(Tensor([[0.5, 1e-6], [2, 3]]).description
                == "tensor([[5.0000e-01, 1.0000e-06], [2.0000e+00, 3.0000e+00]])")
        let long = Tensor((0..<1001).map { Double($0) + 1.5 })
        #expect(long.description == "tensor([1.5000, 2.5000, 3.5000, ..., 999.5000, 1000.5000, 1001.5000])")
        // The hidden middle entries (here 10⁻⁶) do not decide the format.
        let hidden = Tensor([1.5, 2.5, 3.5] + Array(repeating: 1e-6, count: 1000) + [4.5, 5.5, 6.5])
        #expect(hidden.description == "tensor([1.5000, 2.5000, 3.5000, ..., 4.5000, 5.5000, 6.5000])")
    }
}
