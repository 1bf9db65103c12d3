// libFuzzer target: the markdown subset parser (src/ui/markdown_parse.cpp).
//
// Any text parses without a crash, sanitizer report or exception, into well-formed blocks: no
// empty span, no spans in a code block or rule, heading levels 1..3, and the same blocks
// again on a second parse. Time must be linear in the length: the input is also parsed
// repeated to kAmplifiedBytes, and that parse must take less than kMaxAmplifiedCpu of this
// thread's CPU time (CPU time, not wall time: a loaded machine does not make it fail). A
// linear parse of 16 KB takes a few ms even under the sanitizers; a pattern that is quadratic
// when repeated (unclosed '[' or backtick runs, the finding of issue 11) takes about a second.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>

#include "ui/markdown_parse.hpp"

namespace {

constexpr std::size_t kAmplifiedBytes = 16 * 1024;
constexpr double kMaxAmplifiedCpu = 0.25; // seconds

double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) * 1e-9;
}

using imlit::detail::MarkdownBlock;

void check_blocks(const std::vector<MarkdownBlock>& blocks) {
    for (const MarkdownBlock& b : blocks) {
        const bool inline_kind =
            b.kind != MarkdownBlock::Kind::code && b.kind != MarkdownBlock::Kind::rule;
        if (!inline_kind && !b.spans.empty()) std::abort();
        if (b.kind == MarkdownBlock::Kind::heading && (b.level < 1 || b.level > 3)) std::abort();
        if (b.level < 0 || b.number < 0) std::abort();
        for (const auto& span : b.spans)
            if (span.text.empty() || (span.link && span.code)) std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto blocks = imlit::detail::parse_markdown(text);
    check_blocks(blocks);
    if (imlit::detail::parse_markdown(text) != blocks) std::abort();
    (void)imlit::detail::markdown_byte_size(blocks);

    if (size == 0 || size >= kAmplifiedBytes) return 0;
    std::string amplified;
    amplified.reserve(kAmplifiedBytes + size);
    while (amplified.size() < kAmplifiedBytes)
        amplified.append(text);
    const double start = thread_cpu_seconds();
    const auto long_blocks = imlit::detail::parse_markdown(amplified);
    const double cpu = thread_cpu_seconds() - start;
    check_blocks(long_blocks);
    if (cpu > kMaxAmplifiedCpu) {
        std::fprintf(stderr, "markdown: %zu bytes (this input repeated) took %.3f s of CPU\n",
                     amplified.size(), cpu);
        std::abort();
    }
    return 0;
}
