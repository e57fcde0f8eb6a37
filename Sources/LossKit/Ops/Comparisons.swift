// Elementwise comparisons that produce masks: tensors of 0 and 1.
//
// The operators are the dotted ones Swift already uses for elementwise comparison of SIMD vectors:
// `.<`, `.<=`, `.>`, `.>=`, `.==`, `.!=`. The plain operators (`<`, `==`) keep their usual meaning
// and still return a `Bool`, so `if loss.item < 0.1` is unaffected. A mask is an ordinary tensor:
// multiply by it to keep some elements, or pass it to `Tensor.where(_:_:_:)`.
//
//     let positive = x .> 0                 // 1 where x > 0, else 0
//     let kept = x * positive               // zero out the rest
//     let fraction = (x .>= 0.5).mean()     // how many pass the test
//
// Masks never require gradients: a comparison is flat almost everywhere.

extension Tensor {
    /// Compares two tensors elementwise after broadcasting, giving 1 where `test` holds and 0 elsewhere.
    @inline(__always)
    private static func mask(_ left: Tensor, _ right: Tensor, symbol: String, _ test: (Double, Double) -> Bool) -> Tensor {
        let (shape, values) = combineElementwise(left, right, symbol: symbol) { test($0, $1) ? 1 : 0 }
        return Tensor.plain(values, shape: shape)
    }

    /// 1 where `left > right` elementwise (after broadcasting), 0 elsewhere.
    public static func .> (left: Tensor, right: Tensor) -> Tensor { mask(left, right, symbol: ".>") { $0 > $1 } }
    /// 1 where `left ≥ right` elementwise (after broadcasting), 0 elsewhere.
    public static func .>= (left: Tensor, right: Tensor) -> Tensor { mask(left, right, symbol: ".>=") { $0 >= $1 } }
    /// 1 where `left < right` elementwise (after broadcasting), 0 elsewhere.
    public static func .< (left: Tensor, right: Tensor) -> Tensor { mask(left, right, symbol: ".<") { $0 < $1 } }
    /// 1 where `left ≤ right` elementwise (after broadcasting), 0 elsewhere.
    public static func .<= (left: Tensor, right: Tensor) -> Tensor { mask(left, right, symbol: ".<=") { $0 <= $1 } }
    /// 1 where `left == right` elementwise (after broadcasting), 0 elsewhere. NaN equals nothing.
    public static func .== (left: Tensor, right: Tensor) -> Tensor { mask(left, right, symbol: ".==") { $0 == $1 } }
    /// 1 where `left ≠ right` elementwise (after broadcasting), 0 elsewhere.
    public static func .!= (left: Tensor, right: Tensor) -> Tensor { mask(left, right, symbol: ".!=") { $0 != $1 } }

    /// 1 where an element is greater than `right`, 0 elsewhere.
    public static func .> (left: Tensor, right: Double) -> Tensor { left .> Tensor(right) }
    /// 1 where an element is at least `right`, 0 elsewhere.
    public static func .>= (left: Tensor, right: Double) -> Tensor { left .>= Tensor(right) }
    /// 1 where an element is less than `right`, 0 elsewhere.
    public static func .< (left: Tensor, right: Double) -> Tensor { left .< Tensor(right) }
    /// 1 where an element is at most `right`, 0 elsewhere.
    public static func .<= (left: Tensor, right: Double) -> Tensor { left .<= Tensor(right) }
    /// 1 where an element equals `right`, 0 elsewhere.
    public static func .== (left: Tensor, right: Double) -> Tensor { left .== Tensor(right) }
    /// 1 where an element differs from `right`, 0 elsewhere.
    public static func .!= (left: Tensor, right: Double) -> Tensor { left .!= Tensor(right) }

    /// 1 where `left` is greater than an element, 0 elsewhere.
    public static func .> (left: Double, right: Tensor) -> Tensor { Tensor(left) .> right }
    /// 1 where `left` is at least an element, 0 elsewhere.
    public static func .>= (left: Double, right: Tensor) -> Tensor { Tensor(left) .>= right }
    /// 1 where `left` is less than an element, 0 elsewhere.
    public static func .< (left: Double, right: Tensor) -> Tensor { Tensor(left) .< right }
    /// 1 where `left` is at most an element, 0 elsewhere.
    public static func .<= (left: Double, right: Tensor) -> Tensor { Tensor(left) .<= right }
    /// 1 where an element equals `left`, 0 elsewhere.
    public static func .== (left: Double, right: Tensor) -> Tensor { Tensor(left) .== right }
    /// 1 where an element differs from `left`, 0 elsewhere.
    public static func .!= (left: Double, right: Tensor) -> Tensor { Tensor(left) .!= right }
}
