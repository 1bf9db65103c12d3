// model_loader — the page (see page.hpp).
#include "page.hpp"

#include <chrono>
#include <ctime>

#include <imlit/imlit.hpp>

#include "sentiment.hpp"

namespace model_loader {

namespace {

using Seconds = std::chrono::duration<double>;

// CPU time of this thread: the work done, whatever else the machine is busy with.
double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// The seed document's loader, for real: its output (header, checkbox, the progress bar's last
// state, the success message, the model summary) is recorded and replayed on every later
// frame; the checkbox is part of the cache key, so ticking it trains (once) another model.
auto& model_loader() {
    static auto load = imlit::cache_resource(
        [](int epochs, std::size_t sentences) {
            imlit::header("Data analysis");
            const bool pretrained = imlit::checkbox("Use pre-trained model");
            const auto t0 = std::chrono::steady_clock::now();
            const double cpu0 = thread_cpu_seconds();
            auto bar = imlit::placeholder();
            bar.progress(0, fmt::format("Generating {} labelled reviews...", sentences));
            const Corpus corpus = make_corpus({.sentences = sentences});
            SentimentModel model(pretrained ? SentimentModel::Start::lexicon
                                            : SentimentModel::Start::scratch);
            const double before = model.accuracy(corpus);
            double loss = 0;
            for (int e = 0; e < epochs; ++e) {
                loss = model.train_epoch(corpus, e);
                bar.progress(
                    static_cast<float>(e + 1) / static_cast<float>(epochs),
                    fmt::format("Training: epoch {}/{}, loss {:.3f}", e + 1, epochs, loss));
            }
            const double seconds = Seconds(std::chrono::steady_clock::now() - t0).count();
            const double cpu = thread_cpu_seconds() - cpu0;
            imlit::success("Loaded model!");
            imlit::text("Turning on evaluation mode...");
            const double after = model.accuracy(corpus);
            imlit::text("Here's the model:");
            imlit::code(fmt::format("logistic regression, {} hashed features\n"
                                    "start:     {}\n"
                                    "training:  {} reviews, {} epochs, final loss {:.3f}\n"
                                    "held out:  {} reviews, accuracy {:.1f}% (before training "
                                    "{:.1f}%)\n"
                                    "took:      {:.2f} s ({:.2f} s of CPU time)",
                                    model.feature_count(),
                                    pretrained ? "pre-trained (sentiment lexicon)" : "scratch",
                                    corpus.train, epochs, loss, corpus.size() - corpus.train,
                                    after * 100, before * 100, seconds, cpu));
            return model;
        },
        {.name = "sentiment model", .spinner_text = "Training the sentiment model..."});
    return load;
}

} // namespace

void page(const PageOptions& options) {
    imlit::title("Sentiment model");
    imlit::caption("A cached loader trains a small model once per checkbox state and replays "
                   "its output on every later frame. Type below to score any text.");
    auto model = model_loader()(options.epochs, options.sentences);
    if (!model) return; // training: the loader's output so far and a spinner are shown
    imlit::separator();
    const std::string text = imlit::text_input("Text to score", options.text);
    const double p = model->score(text);
    auto cols = imlit::columns(2);
    if (auto c = cols[0])
        imlit::metric("Positive", fmt::format("{:.0f}%", p * 100),
                      fmt::format("{:+.0f} points", (p - 0.5) * 100));
    if (auto c = cols[1]) imlit::metric("Sentiment", p >= 0.5 ? "positive" : "negative");
    imlit::progress(static_cast<float>(p), fmt::format("P(positive) = {:.3f}", p));
    std::string words;
    for (const auto& [word, weight] : model->explain(text)) {
        if (!words.empty()) words += "  ";
        words += fmt::format("{} {:+.1f}", word, weight);
    }
    if (!words.empty()) imlit::caption(fmt::format("Word weights: {}", words));
}

imlit::CacheStats model_cache_stats() {
    return model_loader().stats();
}

void clear_model_cache() {
    model_loader().clear();
}

} // namespace model_loader
