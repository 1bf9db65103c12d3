// model_loader — a small sentiment model: logistic regression over hashed word, word-pair and
// character-trigram features, trained with stochastic gradient descent on generated labelled
// movie reviews. Plain C++, no imlit: the app's loader wraps it (page.cpp).
//
//   Corpus data = make_corpus({.sentences = 60000});
//   SentimentModel m(SentimentModel::Start::lexicon);
//   for (int e = 0; e < 30; ++e) m.train_epoch(data, e);
//   double p = m.score("what a wonderful film");   // P(positive), 0..1
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace model_loader {

// Labelled sentences with their features computed once (training reads only these).
struct Corpus {
    std::vector<std::string> text;
    std::vector<std::uint8_t> label;     // 1: positive, 0: negative
    std::vector<std::uint32_t> features; // every sentence's feature indices, back to back
    std::vector<std::uint32_t> offsets;  // sentence i: features[offsets[i] .. offsets[i + 1])
    std::size_t train = 0;               // sentences [0, train) train; the rest are held out
    std::size_t size() const { return label.size(); }
};

struct CorpusOptions {
    std::size_t sentences = 60000; // how many to generate
    double held_out = 0.2;         // the fraction kept for measuring accuracy
    double label_noise = 0.03;     // the fraction of labels flipped (real data is noisy)
    std::uint32_t seed = 7;        // the same seed gives the same corpus
};

// Reviews made from templates ("the plot was not very good", "I loved the cast but the ending
// was dull"); the label follows the sentiment words, negation and "but".
Corpus make_corpus(const CorpusOptions& options);

class SentimentModel {
public:
    enum class Start {
        scratch, // all weights 0
        lexicon, // word weights from a bundled sentiment lexicon ("pre-trained")
    };
    explicit SentimentModel(Start start);

    // One pass of SGD over the training sentences, in an order shuffled by `epoch`. Returns
    // the mean log loss over the pass.
    double train_epoch(const Corpus& corpus, int epoch);
    // The fraction of held-out sentences classified right.
    double accuracy(const Corpus& corpus) const;
    // P(positive) of any text.
    double score(std::string_view text) const;
    // The words of `text` with their weight (what pushed the score), in order.
    std::vector<std::pair<std::string, double>> explain(std::string_view text) const;

    Start start() const { return start_; }
    int epochs() const { return epochs_; }
    std::size_t feature_count() const { return weights_.size(); }
    std::size_t byte_size() const { return weights_.size() * sizeof(float) + sizeof(*this); }

private:
    double margin(const std::uint32_t* f, std::size_t n) const;
    Start start_;
    int epochs_ = 0;
    float bias_ = 0;
    std::vector<float> weights_;
};

// The feature indices of `text` (appended to `out`).
void featurize(std::string_view text, std::vector<std::uint32_t>& out);

} // namespace model_loader
