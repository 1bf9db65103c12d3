// model_loader — the page: the seed document's cached loader (a header, the "Use pre-trained
// model" checkbox, training with a progress bar in a placeholder, "Loaded model!") and a text
// box whose text the model scores. Shared by the app (main.cpp) and its AppTest test.
#pragma once

#include <cstddef>
#include <string>

#include <imlit/cache.hpp>

namespace model_loader {

struct PageOptions {
    int epochs = 30;               // training passes (--epochs)
    std::size_t sentences = 80000; // generated labelled reviews (--sentences)
    std::string text = "What a wonderful film, I loved the cast"; // the first text scored
};

// The frame function's body.
void page(const PageOptions& options);

// The cached loader's counters and a way to start over (for tests).
imlit::CacheStats model_cache_stats();
void clear_model_cache();

} // namespace model_loader
