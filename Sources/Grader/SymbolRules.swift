import Foundation
import LabToolchain

/// Rules decided from what the compiled learner module links to, not from how its source
/// spells things: aliases, backticks, types, initialisers and methods of a forbidden function
/// or type all reference its symbols, and a local name that merely equals a forbidden one
/// references none.
///
/// Read with the toolchain's `llvm-nm` and `llvm-objdump` (binutils' `nm` and `objdump` where
/// the toolchain has none) and demangled with `swift-demangle`. Any doubt fails closed: output
/// that cannot be read refuses the submission with a message saying so.
struct SymbolRules {
    let compiler: SwiftCompiler

    /// Libraries whose entities a forbidden name may refer to.
    static let libraryModules = ["LossKit", "LossPlot", "LossLab", "ExerciseTesting"]

    /// C functions that find or map code at run time.
    static let dynamicLookupSymbols: Set<String> = [
        "dlopen", "dlsym", "dlvsym", "dlmopen", "dladdr", "dladdr1", "dlinfo", "dl_iterate_phdr",
        "mprotect", "pkey_mprotect", "ptrace", "process_vm_readv", "process_vm_writev", "syscall",
    ]
    /// Demangled Swift entities that find types or classes by a name built at run time.
    static let dynamicLookupEntities = ["Swift._typeByName(", "Swift._getTypeByMangledName", "Foundation.NSClassFromString("]

    /// Section names (after any `.rela` prefix) an object file may contain. Sections that run
    /// code before `main` or after `exit` (`.init_array`, `.fini_array`, `.ctors`, `.dtors`,
    /// `.preinit_array`) and sections of made-up names are not among them.
    static let allowedSectionPrefixes = [
        ".text", ".data", ".rodata", ".bss", ".tbss", ".tdata", ".eh_frame", ".gcc_except_table",
        ".note.GNU-stack", ".note.gnu.property", ".linker-options", ".swift1_autolink_entries", ".swift_modhash",
        "swift5_", ".strtab", ".symtab", ".shstrtab", ".comment", ".group", ".debug", ".llvm_addrsig",
    ]

    /// One finding: the message, and a name to look up in the source for a line number.
    struct Finding: Equatable {
        let message: String
        let sourceName: String?
    }

    /// Reads `object` (the learner's compiled module) and returns every broken rule.
    func findings(in object: URL, moduleName: String, forbidden: [String]) throws -> [Finding] {
        let (defined, undefined) = try symbols(of: object)
        var findings: [Finding] = []
        for section in try sections(of: object) where !Self.isAllowedSection(section) {
            findings.append(Finding(message: "puts code or data in the section “\(section)”, which could run outside the checks' calls; submissions may not.", sourceName: nil))
        }
        let demangled = try demangle(defined.map(\.name) + undefined)
        for (symbol, readable) in zip(defined, demangled.prefix(defined.count)) where !isOwn(symbol, readable: readable, moduleName: moduleName) {
            findings.append(Finding(message: "defines the symbol “\(readable)”, which belongs outside the submission's own module (as @main, @_silgen_name or @_cdecl would make it); submissions may not.", sourceName: nil))
        }
        for (raw, readable) in zip(undefined, demangled.dropFirst(defined.count)) {
            if Self.dynamicLookupSymbols.contains(raw) || Self.dynamicLookupEntities.contains(where: readable.contains) {
                findings.append(Finding(message: "calls \(raw.hasPrefix("$s") ? readable : raw), which reaches code by a name or address built at run time; submissions may not.", sourceName: raw.hasPrefix("$s") ? nil : raw))
                continue
            }
            for name in forbidden where Self.forms(of: name).contains(where: { Self.refers(readable, to: $0) }) {
                findings.append(Finding(message: "uses \(name) from the library (\(readable)), which this exercise forbids; build it from tensor operations instead.", sourceName: name))
            }
        }
        var seen = Set<String>()
        return findings.filter { seen.insert($0.message).inserted }
    }

    /// A forbidden name and its type form: forbidding the function `tverskyLoss` forbids the
    /// class `TverskyLoss` too (and the other way round), since either computes the same thing.
    static func forms(of name: String) -> [String] {
        guard let first = name.first else { return [] }
        let flipped = first.isUppercase ? first.lowercased() : first.uppercased()
        return [name, flipped + name.dropFirst()]
    }

    /// Whether a demangled symbol names library entity `name` (a function, type, or member of one).
    static func refers(_ readable: String, to name: String) -> Bool {
        for module in libraryModules {
            var searchStart = readable.startIndex
            while let range = readable.range(of: module + ".", range: searchStart..<readable.endIndex) {
                searchStart = range.upperBound
                // Walk the dotted path after the module: Module.Type.member…
                var rest = readable[range.upperBound...]
                while true {
                    let component = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    if component.isEmpty { break }
                    if component == name { return true }
                    rest = rest.dropFirst(component.count)
                    guard rest.first == "." else { break }
                    rest = rest.dropFirst()
                }
            }
        }
        return false
    }

    /// Whether a defined symbol belongs to the learner's module (or is a helper the compiler
    /// emits into every module).
    func isOwn(_ symbol: (name: String, type: Character), readable: String, moduleName: String) -> Bool {
        let name = symbol.name
        let module = "\(moduleName.utf8.count)\(moduleName)"
        if name.hasPrefix("$s") && name.contains(module) { return true }
        let weak = "WwVv".contains(symbol.type)
        // Caches, descriptors, default-argument generators and inlined standard-library helpers
        // the compiler emits weakly into any module that uses them (the same code as the
        // library's own copy); only an attribute such as @_silgen_name could choose these names.
        if weak && (name.hasPrefix("$s") || name.hasPrefix("got.$s") || name.hasPrefix("__swift_") || name.hasPrefix("symbolic ")
            || name.hasPrefix("associated conformance ") || name.hasPrefix("_swift_FORCE_LOAD_")) { return true }
        return false
    }

    static func isAllowedSection(_ name: String) -> Bool {
        var base = Substring(name)
        if base.hasPrefix(".rela") { base = base.dropFirst(5) }
        if base.isEmpty { return true }
        let refused = [".init_array", ".fini_array", ".preinit_array", ".ctors", ".dtors"]
        if refused.contains(where: { base.hasPrefix($0) }) { return false }
        return allowedSectionPrefixes.contains { base.hasPrefix($0) }
    }

    /// Global symbols the object defines (name and `nm` type letter) and the ones it needs.
    func symbols(of object: URL) throws -> (defined: [(name: String, type: Character)], undefined: [String]) {
        let nm = try tool(["llvm-nm"], system: "nm")
        let result = try ChildProcess.run(nm, arguments: [object.path], timeLimit: 60)
        guard result.ending.succeeded else {
            throw GraderError("Could not read the symbols of the compiled submission (\(nm.lastPathComponent): \(result.output.prefix(500))).")
        }
        var defined: [(String, Character)] = [], undefined: [String] = []
        for line in result.output.split(separator: "\n", omittingEmptySubsequences: true) {
            // BSD format: 16 characters of value (blank when undefined), a space, the type, a space, the name.
            let characters = Array(line)
            guard characters.count > 19, characters[16] == " ", characters[18] == " " else {
                throw GraderError("Could not read a line of the submission's symbol table: \(line.prefix(200))")
            }
            let type = characters[17]
            let name = String(characters[19...])
            if characters[0] == " " {
                undefined.append(name)  // U, or w/v: a weak reference
            } else if type.isUppercase {
                defined.append((name, type))  // lowercase letters are local to the object
            }
        }
        return (defined, undefined)
    }

    /// The object's section names.
    func sections(of object: URL) throws -> [String] {
        let objdump = try tool(["llvm-objdump"], system: "objdump")
        let result = try ChildProcess.run(objdump, arguments: ["-h", object.path], timeLimit: 60)
        guard result.ending.succeeded else {
            throw GraderError("Could not read the sections of the compiled submission (\(objdump.lastPathComponent): \(result.output.prefix(500))).")
        }
        return result.output.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 3, Int(fields[0]) != nil else { return nil }
            // Index, name, size…; a line whose second field is already a size has an empty name.
            return fields[1].allSatisfy(\.isHexDigit) && fields[1].count == 8 ? "" : String(fields[1])
        }
    }

    /// Demangles names in one run of `swift-demangle` (one output line per input line).
    func demangle(_ names: [String]) throws -> [String] {
        guard !names.isEmpty else { return [] }
        guard let demangler = compiler.toolchainProgram("swift-demangle") else {
            throw GraderError("swift-demangle was not found next to \(compiler.swiftc.path); the grader needs it to read the compiled submission.")
        }
        let result = try ChildProcess.run(
            demangler, arguments: [], timeLimit: 60, input: Data((names.joined(separator: "\n") + "\n").utf8))
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard result.ending.succeeded, lines.count >= names.count else {
            throw GraderError("swift-demangle could not read the submission's symbols.")
        }
        return Array(lines.prefix(names.count))
    }

    func tool(_ names: [String], system: String) throws -> URL {
        for name in names { if let found = compiler.toolchainProgram(name) { return found } }
        if let found = ChildProcess.findOnPath(system) { return found }
        throw GraderError("Neither \(names.joined(separator: " nor ")) nor \(system) was found; the grader needs one to read the compiled submission (install binutils).")
    }
}
