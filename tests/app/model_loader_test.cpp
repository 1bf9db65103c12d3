// apps/model_loader through AppTest: the seed document's loader trains once per state of its
// "Use pre-trained model" checkbox, shows one progress bar (the last state of its placeholder),
// and replays its output; the page scores typed text.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "imlit/testing.hpp"
#include "page.hpp"

using Catch::Matchers::Contains;
using imlit::testing::AppTest;
using Strings = std::vector<std::string>;

namespace {
constexpr auto kTrainingTimeout = std::chrono::seconds(300); // bounds a hang, not speed
bool shows(const Strings& texts, const std::string& t) {
    return std::find(texts.begin(), texts.end(), t) != texts.end();
}
std::string code_of(const AppTest& at) {
    const auto code = at.elements_of("code");
    return code.empty() ? std::string() : code[0].text;
}
std::string metric_starting(const AppTest& at, std::string_view label) {
    for (const auto& e : at.elements_of("metric"))
        if (e.text.starts_with(label)) return e.text;
    return {};
}
} // namespace

TEST_CASE("model_loader: one training per checkbox state, replayed after", "[app][model_loader]") {
    model_loader::clear_model_cache();
    // Small sizes: this checks the page, not the model's quality.
    const model_loader::PageOptions options{
        .epochs = 3, .sentences = 4000, .text = "What a wonderful film, I loved the cast"};
    const auto loads_before = model_loader::model_cache_stats().loads;
    AppTest at([&] { model_loader::page(options); });

    at.run_until_idle(kTrainingTimeout);
    INFO(at.dump());
    CHECK(model_loader::model_cache_stats().loads == loads_before + 1);
    const Strings first = at.texts();
    for (const char* t : {"Sentiment model", "Data analysis", "Loaded model!",
                          "Turning on evaluation mode...", "Here's the model:"})
        CHECK(shows(first, t));
    CHECK_THAT(code_of(at), Contains("start:     scratch") && Contains("3 epochs"));
    CHECK_FALSE(at.checkbox("Use pre-trained model").value<bool>());
    // The placeholder's last state, once (100 updates or 3: one bar), then the score's bar.
    const auto bars = at.elements_of("progress");
    REQUIRE(bars.size() == 2);
    CHECK_THAT(bars[0].text, Contains("Training: epoch 3/3"));
    CHECK_THAT(bars[1].text, Contains("P(positive)"));
    CHECK_THAT(metric_starting(at, "Sentiment"), Contains("positive"));

    at.checkbox("Use pre-trained model").set(true);
    at.run_until_idle(kTrainingTimeout);
    CHECK(model_loader::model_cache_stats().loads == loads_before + 2);
    CHECK_THAT(code_of(at), Contains("start:     pre-trained (sentiment lexicon)"));
    CHECK(at.checkbox("Use pre-trained model").value<bool>());

    at.checkbox("Use pre-trained model").set(false); // an earlier state: a hit, replayed
    at.run_until_idle(kTrainingTimeout);
    CHECK(model_loader::model_cache_stats().loads == loads_before + 2);
    CHECK(at.texts() == first);
    CHECK(at.elements_of("progress").size() == 2);

    at.text_input("Text to score").set("the plot was dull and the acting was terrible");
    at.run();
    CHECK_THAT(metric_starting(at, "Sentiment"), Contains("negative"));
    CHECK(model_loader::model_cache_stats().loads == loads_before + 2);
}
