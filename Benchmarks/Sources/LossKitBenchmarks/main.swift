// Times LossKit's matmul (BLAS, cblas_dgemm) on 512 × 512 matrices against a plain triple loop,
// so that it is visible that BLAS does the work.
//
//     swift run -c release                          (OpenBLAS picks its own thread count)
//     OPENBLAS_NUM_THREADS=1 swift run -c release   (one core)

import Foundation
import LossKit

/// The median of `runs` timings of `body`, in seconds, after `warmUps` untimed calls.
func medianSeconds(runs: Int, warmUps: Int, _ body: () -> Void) -> Double {
    for _ in 0..<warmUps { body() }
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<runs {
        let elapsed = clock.measure(body)
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    times.sort()
    return runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2
}

/// The textbook i-j-k triple loop over row-major buffers, for comparison.
func naiveProduct(_ left: [Double], _ right: [Double], size n: Int) -> [Double] {
    var output = [Double](repeating: 0, count: n * n)
    left.withUnsafeBufferPointer { a in
        right.withUnsafeBufferPointer { b in
            output.withUnsafeMutableBufferPointer { c in
                for i in 0..<n {
                    for j in 0..<n {
                        var sum = 0.0
                        for k in 0..<n {
                            sum += a[i * n + k] * b[k * n + j]
                        }
                        c[i * n + j] = sum
                    }
                }
            }
        }
    }
    return output
}

/// The elapsed time as milliseconds and the rate in GFLOP/s (a product of n × n matrices takes 2n³ flops).
func report(_ name: String, seconds: Double, size n: Int, runs: Int) {
    let gigaflops = 2 * pow(Double(n), 3) / seconds / 1e9
    print("\(name): median of \(runs) runs \(String(format: "%.3f", seconds * 1e3)) ms, \(String(format: "%.2f", gigaflops)) GFLOP/s")
}

let size = 512
let threads = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "unset (OpenBLAS default: all cores)"
print("matmul \(size) × \(size) by \(size) × \(size), Double; \(ProcessInfo.processInfo.activeProcessorCount) cores; OPENBLAS_NUM_THREADS=\(threads)")

var generator = SystemRandomNumberGenerator()
let leftValues = (0..<(size * size)).map { _ in Double.random(in: -1...1, using: &generator) }
let rightValues = (0..<(size * size)).map { _ in Double.random(in: -1...1, using: &generator) }
let left = Tensor(shape: [size, size], scalars: leftValues)
let right = Tensor(shape: [size, size], scalars: rightValues)

var blasResult = matmul(left, right)
let blasRuns = 25
let blasSeconds = medianSeconds(runs: blasRuns, warmUps: 3) { blasResult = matmul(left, right) }
report("LossKit matmul (cblas_dgemm)", seconds: blasSeconds, size: size, runs: blasRuns)

var naiveResult: [Double] = []
let naiveRuns = 5
let naiveSeconds = medianSeconds(runs: naiveRuns, warmUps: 1) { naiveResult = naiveProduct(leftValues, rightValues, size: size) }
report("naive triple loop (i-j-k)", seconds: naiveSeconds, size: size, runs: naiveRuns)

let difference = zip(blasResult.scalars, naiveResult).map { abs($0 - $1) }.max() ?? 0
print("BLAS is \(String(format: "%.1f", naiveSeconds / blasSeconds))× faster; largest difference between the two results: \(difference)")
