import Foundation

/// Saving and loading a module's parameters in the safetensors format: an 8-byte little-endian
/// header length, a JSON header mapping each name to its `dtype`, `shape` and `data_offsets`, then
/// the raw little-endian values. Files written here use `F64`; `F32` files load too.
///
/// - Source: Hugging Face, "safetensors" format specification.
public enum Safetensors {
    /// A problem reading or writing a safetensors file, naming the file and what to do.
    public struct FormatError: Error, CustomStringConvertible, Sendable {
        /// The explanation.
        public let description: String
    }

    /// Writes `tensors` (name → tensor) to `file`, replacing it atomically.
    public static func save(_ tensors: [(name: String, tensor: Tensor)], to file: URL) throws {
        var header: [String: Any] = ["__metadata__": ["format": "pt", "writer": "LossKit"]]
        var body = Data()
        for (name, tensor) in tensors {
            let start = body.count
            for value in tensor.scalars {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { body.append(contentsOf: $0) }
            }
            header[name] = ["dtype": "F64", "shape": tensor.shape, "data_offsets": [start, body.count]]
        }
        var headerData = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while headerData.count % 8 != 0 { headerData.append(0x20) }  // pad with spaces, as the format allows
        var data = Data()
        withUnsafeBytes(of: UInt64(headerData.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(headerData)
        data.append(body)
        do {
            try data.write(to: file, options: .atomic)
        } catch {
            throw FormatError(description: "Could not write \(file.path): \(error.localizedDescription). Check that the folder exists and is writable.")
        }
    }

    /// Reads every tensor in `file`, by name.
    public static func load(from file: URL) throws -> [String: Tensor] {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw FormatError(description: "Could not read \(file.path): \(error.localizedDescription).")
        }
        func fail(_ problem: String) -> FormatError {
            FormatError(description: "\(file.path) is not a valid safetensors file: \(problem).")
        }
        guard data.count >= 8 else { throw fail("it is shorter than its 8-byte header length") }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(data.count - 8) else { throw fail("its header length \(headerLength) runs past the end") }
        let headerEnd = 8 + Int(headerLength)
        guard let header = try? JSONSerialization.jsonObject(with: data.subdata(in: 8..<headerEnd)) as? [String: Any] else {
            throw fail("its header is not a JSON object")
        }
        var tensors: [String: Tensor] = [:]
        for (name, entry) in header where name != "__metadata__" {
            guard let info = entry as? [String: Any], let dtype = info["dtype"] as? String,
                let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2
            else { throw fail("the entry “\(name)” lacks dtype, shape or data_offsets") }
            let width = dtype == "F64" ? 8 : dtype == "F32" ? 4 : 0
            guard width > 0 else { throw fail("“\(name)” has dtype \(dtype); only F64 and F32 are supported") }
            let count = shape.reduce(1, *)
            let start = headerEnd + offsets[0], end = headerEnd + offsets[1]
            guard offsets[0] >= 0, end <= data.count, end - start == count * width else {
                throw fail("“\(name)” has offsets \(offsets) that do not match its shape \(shape)")
            }
            let bytes = [UInt8](data.subdata(in: start..<end))
            let values: [Double] = (0..<count).map { index in
                var bits: UInt64 = 0
                for byte in 0..<width { bits |= UInt64(bytes[index * width + byte]) << (8 * UInt64(byte)) }
                return width == 8 ? Double(bitPattern: bits) : Double(Float(bitPattern: UInt32(bits)))
            }
            tensors[name] = Tensor(shape: shape, scalars: values)
        }
        return tensors
    }
}

extension Module {
    /// Saves every parameter to a safetensors file, under its ``namedParameters`` name.
    public func saveParameters(to file: URL) throws {
        try Safetensors.save(namedParameters, to: file)
    }

    /// Loads parameters saved by ``saveParameters(to:)`` into this module, checking that every
    /// parameter is present with the right shape before changing any.
    public func loadParameters(from file: URL) throws {
        let stored = try Safetensors.load(from: file)
        for (name, parameter) in namedParameters {
            guard let tensor = stored[name] else {
                throw Safetensors.FormatError(description: "\(file.path) has no parameter “\(name)”; it was saved from a different model.")
            }
            guard tensor.shape == parameter.shape else {
                throw Safetensors.FormatError(description: "In \(file.path), “\(name)” has shape \(tensor.shape), but the model's has shape \(parameter.shape).")
            }
        }
        for (name, parameter) in namedParameters {
            let values = stored[name]?.scalars ?? []
            parameter.update { $0 = values }
        }
    }
}
