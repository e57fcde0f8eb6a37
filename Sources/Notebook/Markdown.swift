internal import CMark
import Foundation

/// A top-level block of a Markdown document, as cmark-gfm parsed it.
struct MarkdownBlock: Sendable {
    /// What kind of block this is.
    enum Kind: Sendable, Equatable {
        case fencedCode(info: String, code: String)
        case heading(level: Int, text: String)
        case other
    }

    let kind: Kind
    /// 1-based first line of the block in the document.
    let startLine: Int
    /// 1-based last line of the block in the document.
    let endLine: Int
}

/// GitHub-flavoured Markdown through cmark-gfm: tables, strikethrough, autolinks, task lists.
///
/// The C parser and its document tree are owned here and freed before each call returns.
public enum Markdown {
    /// The GFM extensions enabled for every document.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Renders Markdown to an HTML fragment. Raw HTML in the text is kept (course authors
    /// write the lessons); GFM's tag filter still disarms `<script>`-like tags.
    public static func html(_ markdown: String) -> String {
        withDocument(markdown) { document, parser in
            let options = CMARK_OPT_UNSAFE | CMARK_OPT_GITHUB_PRE_LANG
            guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser))
            else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// The top-level blocks of a document with their line ranges.
    static func blocks(_ markdown: String) -> [MarkdownBlock] {
        withDocument(markdown) { document, _ in
            var blocks: [MarkdownBlock] = []
            var node = cmark_node_first_child(document)
            while let current = node {
                blocks.append(
                    MarkdownBlock(
                        kind: kind(of: current),
                        startLine: Int(cmark_node_get_start_line(current)),
                        endLine: Int(cmark_node_get_end_line(current))))
                node = cmark_node_next(current)
            }
            return blocks
        }
    }

    private static func kind(of node: OpaquePointer) -> MarkdownBlock.Kind {
        let type = cmark_node_get_type(node)
        if type == CMARK_NODE_CODE_BLOCK {
            var length: Int32 = 0
            var offset: Int32 = 0
            var character: CChar = 0
            // Indented code blocks are prose; only fenced blocks can be cells.
            if cmark_node_get_fenced(node, &length, &offset, &character) != 0 {
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                let code = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                return .fencedCode(info: info, code: code)
            }
        }
        if type == CMARK_NODE_HEADING {
            let level = Int(cmark_node_get_heading_level(node))
            var text = ""
            if let plain = cmark_render_plaintext(node, CMARK_OPT_DEFAULT, 0) {
                text = String(cString: plain)
                free(plain)
            }
            return .heading(level: level, text: text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return .other
    }

    /// Parses `markdown` with the GFM extensions, hands the tree to `body`, then frees it.
    private static func withDocument<Result>(
        _ markdown: String, _ body: (OpaquePointer, OpaquePointer) -> Result
    ) -> Result {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else {
            preconditionFailure("cmark-gfm could not allocate a parser (out of memory).")
        }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                cmark_parser_feed(parser, characters.baseAddress, characters.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else {
            preconditionFailure("cmark-gfm returned no document (out of memory).")
        }
        defer { cmark_node_free(document) }
        return body(document, parser)
    }
}
