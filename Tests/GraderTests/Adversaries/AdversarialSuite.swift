import Testing

/// Every attack on the grader, one suite per kind. They run one at a time: each grades in
/// sandboxes with short time limits, and several at once on a small machine would make the
/// honest cases slow for the wrong reason.
@Suite("Attacks on the grader", .serialized, .enabled(if: hasReferenceSolutions, "a learners' copy has no solutions"))
struct AdversarialSuite {}

import LabTestSupport
