// model_loader — the seed document's example as an app: a cached loader trains a small
// sentiment model (with a progress bar), and the page scores the text you type.
//
//   ./model_loader                          a window
//   ./model_loader "the plot was dull"      start with that text
//   ./model_loader --epochs 10 --help       the flags
#include <charconv>
#include <string>

#include <imlit/imlit.hpp>

#include "page.hpp"

namespace {

constexpr long kMaxEpochs = 1000;
constexpr long kMinSentences = 100, kMaxSentences = 10'000'000;

std::optional<long> whole_number(std::string_view s) {
    long n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return n;
}

// An AppFlag::check: a whole number in [min, max].
auto in_range(long min, long max) {
    return [min, max](std::string_view v) {
        const auto n = whole_number(v);
        return n && *n >= min && *n <= max
                   ? std::string()
                   : fmt::format("needs a whole number in {}..{}, got '{}'", min, max, v);
    };
}

} // namespace

int main(int argc, char** argv) {
    model_loader::PageOptions page;
    const imlit::AppOptions options{
        .title = "Sentiment model",
        .width = 1100,
        .height = 820,
        .usage = "[flags] [TEXT...]   (TEXT: the first text to score)",
        .flags = {{.name = "--epochs",
                   .value = "N",
                   .help = "training passes over the reviews (default 30)",
                   .check = in_range(1, kMaxEpochs)},
                  {.name = "--sentences",
                   .value = "N",
                   .help = "labelled reviews to generate (default 80000)",
                   .check = in_range(kMinSentences, kMaxSentences)}}};
    return imlit::run(argc, argv, options, [&, first = true]() mutable {
        if (first) { // run() has checked the flags by now
            first = false;
            if (auto v = imlit::app_flag("--epochs"))
                page.epochs = static_cast<int>(*whole_number(*v));
            if (auto v = imlit::app_flag("--sentences"))
                page.sentences = static_cast<std::size_t>(*whole_number(*v));
            std::string text;
            for (const std::string& a : imlit::app_args())
                text += (text.empty() ? "" : " ") + a;
            if (!text.empty()) page.text = text;
        }
        model_loader::page(page);
    });
}
